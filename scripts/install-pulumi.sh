#!/usr/bin/env bash
# Provide the Pulumi CLI v$PULUMI_VERSION and a Python language host in one bin directory.
#
# No package registry ships the `pulumi` binary, so the CLI is built from the Go module
# github.com/pulumi/pulumi/pkg/v3. The upstream Python language host is a nested module that
# the module proxy reachable here refuses to serve (403 for every version), so the host is
# built from this repo's scripts/pulumi-language-python (our own, on top of sdk/v3). The two
# Python scripts the CLI distribution ships come from the sdk/v3 module.
#
# Everything goes into a cache outside the repo; a second run builds nothing.
# Prints the bin directory on stdout; progress goes to stderr.
set -euo pipefail

PULUMI_VERSION=${PULUMI_VERSION:-3.274.1}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
host_src="$here/pulumi-language-python"
CACHE_ROOT=${PULUMI_FLEX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-flex}
OUT="$CACHE_ROOT/pulumi-v$PULUMI_VERSION/bin"
# The host binary is rebuilt whenever its source changes.
host_stamp=$(cat "$host_src/main.go" "$host_src/go.mod" "$host_src/go.sum" | sha256sum | cut -c1-16)

log() { echo "install-pulumi: $*" >&2; }
has_version() { "$1" version 2>/dev/null | grep -qx "v$PULUMI_VERSION"; }
complete() {
  local dir=$1
  for f in pulumi pulumi-language-python pulumi-language-python-exec pulumi-resource-pulumi-python; do
    [ -x "$dir/$f" ] || return 1
  done
  has_version "$dir/pulumi"
}

# 1. A suitable pulumi on PATH, with the Python host and scripts next to it, wins.
if ambient=$(command -v pulumi 2>/dev/null); then
  dir=$(dirname "$(readlink -f "$ambient")")
  if [ "$dir" != "$OUT" ] && complete "$dir"; then
    log "using pulumi v$PULUMI_VERSION from PATH ($dir)"
    echo "$dir"
    exit 0
  fi
fi

# 2. The cached build.
if complete "$OUT" && [ "$(cat "$OUT/.host-stamp" 2>/dev/null)" = "$host_stamp" ]; then
  log "cached: $OUT"
  echo "$OUT"
  exit 0
fi

# 3. Build.
command -v go >/dev/null || { log "error: Go (1.26+) is needed to build the Pulumi CLI and none is on PATH"; exit 1; }
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
export GOMODCACHE="$CACHE_ROOT/go-mod" GOCACHE="$CACHE_ROOT/go-build"
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
stage="$CACHE_ROOT/pulumi-v$PULUMI_VERSION/bin.partial"
rm -rf "$stage"
mkdir -p "$stage"
start=$(date +%s)

if complete "$OUT"; then
  cp -p "$OUT/pulumi" "$stage/pulumi"   # only the host changed
else
  log "building pulumi v$PULUMI_VERSION (first time only: about 10 minutes on 2 cores)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (
    cd "$work"
    go mod init local/pulumi-cli-build >/dev/null 2>&1
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$PULUMI_VERSION" \
           "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION" 2>&1 | grep -v '^go: \(downloading\|added\|upgraded\)' >&2 || true
    go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$stage/pulumi" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  )
fi

log "building the Python language host"
(cd "$host_src" && go build -trimpath -ldflags "$ldflags" -o "$stage/pulumi-language-python" .)
sdk=$(cd "$host_src" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)
install -m 0755 "$sdk/python/dist/pulumi-resource-pulumi-python" "$stage/"
install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$stage/"
echo "$host_stamp" > "$stage/.host-stamp"
has_version "$stage/pulumi" || { log "error: the built pulumi does not report v$PULUMI_VERSION"; exit 1; }
rm -rf "$OUT"
mv "$stage" "$OUT"
log "built in $(( $(date +%s) - start ))s: $OUT"
echo "$OUT"
