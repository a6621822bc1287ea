#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 in the browser, from npm) into a folder of its own
# (default .e2e/code-server, which is gitignored), for the VS Code extension's end-to-end test.
#
#   scripts/install-code-server.sh [PREFIX]
#
# Kept out of the npm workspaces on purpose: it is 300 MB with native builds, and only the e2e
# test needs it. Reuses an existing install when `code-server --version` already prints the
# pinned version. docs/editors.md (VS Code, "How it is tested") describes the test that uses it.
#
# Why each step (this machine reaches only the npm registry and Debian's mirrors):
# - 4.100.3 is the last release whose engines.node is 20; newer ones refuse Node 20.
# - kerberos has no reachable prebuilt binary and falls back to node-gyp: needs libkrb5-dev.
# - @vscode/ripgrep's postinstall downloads rg from GitHub unless its download cache holds the
#   archive: seed that cache with Debian's rg.
# - code-server's postinstall refuses to run as root without unsafe-perm (npm 11 dropped the
#   flag; the script reads the environment variable).
# - node-pty's postinstall runs `npx node-gyp`, which aborts without npm_config_yes.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${1:-"$ROOT/.e2e/code-server"}
CS_VERSION=4.100.3
RG_PKG_VERSION=1.15.11   # the @vscode/ripgrep version code-server 4.100.3 pins
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
BIN="$PREFIX/node_modules/.bin/code-server"

# `code-server --version` writes a config file and logs under HOME: run it in a throwaway one.
cs_version() {
  local home
  home=$(mktemp -d)
  HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" \
    "$BIN" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' || true
  rm -rf "$home"
}

if [ -x "$BIN" ] && cs_version | grep -q "^$CS_VERSION "; then
  echo "code-server $CS_VERSION already installed in $PREFIX"
  exit 0
fi

need_apt=()
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-${RG_PKG_VERSION}"
if [ ! -s "$RG_CACHE/$RG_ASSET" ]; then
  tmp=$(mktemp -d)
  cp "$(command -v rg)" "$tmp/rg"
  mkdir -p "$RG_CACHE"
  tar czf "$RG_CACHE/$RG_ASSET" -C "$tmp" rg
  rm -rf "$tmp"
fi

mkdir -p "$PREFIX"
# A package.json of its own (not a workspace of the repository), recording that the install
# scripts of code-server and its native dependencies are approved.
cat > "$PREFIX/package.json" <<JSON
{
  "name": "permset-e2e-code-server",
  "private": true,
  "description": "code-server for the permset VS Code extension's end-to-end test (installed by scripts/install-code-server.sh).",
  "dependencies": { "code-server": "$CS_VERSION" },
  "allowScripts": {
    "code-server": true,
    "argon2": true,
    "kerberos": true,
    "node-pty": true,
    "@vscode/ripgrep": true,
    "@parcel/watcher": true,
    "@vscode/spdlog": true,
    "native-watchdog": true,
    "@vscode/deviceid": true,
    "@vscode/windows-registry": true,
    "@vscode/sqlite3": true
  }
}
JSON
cd "$PREFIX"
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error
installed=$(cs_version)
echo "$installed"
case "$installed" in
  "$CS_VERSION "*) ;;
  *) echo "install-code-server: expected code-server $CS_VERSION, got '$installed'" >&2; exit 1 ;;
esac
