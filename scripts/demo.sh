#!/usr/bin/env bash
# `make demo`: start the emulator, `pulumi up` the top-level project (examples/quickstart),
# show the result, check that a second preview has no changes, and stop the emulator.
# State and emulator data live in .demo/, so a second `make demo` finds everything in place.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
demo="$root/.demo"
mkdir -p "$demo/state" "$demo/emulator" "$demo/pulumi-home"

bin=$(bash scripts/install-pulumi.sh)
# shellcheck source=scripts/offline-env.sh
source scripts/offline-env.sh "$bin" "$demo/pulumi-home" "$demo/state"
export PULUMI_CONFIG_PASSPHRASE=demo

echo "==> starting the Flex emulator"
log="$demo/emulator.log"
# A stable port keeps the flow's URL stable between runs; fall back to any free port if it is taken.
port=${FLEX_DEMO_PORT:-18080}
"$root/.venv/bin/python" -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', $port))" 2>/dev/null || port=0
"$root/.venv/bin/pulumi-flex" emulator --port "$port" --data-dir "$demo/emulator" >"$log" 2>&1 &
emulator_pid=$!
stop_emulator() {
  kill -TERM "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null || true
  echo "==> emulator stopped (pid $emulator_pid)"
}
trap stop_emulator EXIT
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^pulumi-flex emulator ready on \(http[^ ]*\).*/\1/p' "$log")
  [ -n "$url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the emulator did not start:"; cat "$log"; exit 1; }
head -n 1 "$log"

# The emulator's documented default test account (see README); never use these for Twilio.
pulumi stack select --create demo --non-interactive
pulumi config set flex:baseUrl "$url"
pulumi config set flex:accountSid AC00000000000000000000000000000000
pulumi config set --secret flex:authToken e3f1a7c5d9b2468ae3f1a7c5d9b2468a

echo "==> pulumi up"
pulumi up --yes --non-interactive
echo "==> pulumi refresh (reads every object back from the API)"
pulumi refresh --yes --non-interactive
echo "==> stack outputs"
pulumi stack output --json
echo "==> the flow, as the Flex API returns it"
sid=$(pulumi stack output flex_flow_sid)
"$root/.venv/bin/python" - "$url" "$sid" <<'PY'
import json, sys, httpx
url, sid = sys.argv[1], sys.argv[2]
r = httpx.get(f"{url}/v1/FlexFlows/{sid}", auth=("AC00000000000000000000000000000000", "e3f1a7c5d9b2468ae3f1a7c5d9b2468a"))
r.raise_for_status()
print(json.dumps(r.json(), indent=2))
PY
echo "==> pulumi preview --expect-no-changes"
pulumi preview --expect-no-changes --non-interactive
