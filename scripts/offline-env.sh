# Source me: `source scripts/offline-env.sh BIN_DIR PULUMI_HOME STATE_DIR`.
# Runs every `pulumi` fully offline: file backend, passphrase secrets, no update check, no plugin
# downloads, and the repo's venv for both the program and the dynamic provider.
_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$1:$_repo/.venv/bin:$PATH"
export PULUMI_HOME="$2"
export PULUMI_BACKEND_URL="file://$3"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-pulumi-flex}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_CONFIRMATIONS=true
export PULUMI_PYTHON_CMD="$_repo/.venv/bin/python"
unset PULUMI_ACCESS_TOKEN
unset _repo
