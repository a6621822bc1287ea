#!/usr/bin/env bash
# Step "Install permset" of action.yml: finds or installs the permset CLI and writes the path of
# its entry file to the step output `permset`. In order: the project's own install
# (node_modules/.bin/permset); the project's package.json listing @permset/compiler (npm ci); the
# `version` input, from the npm registry; else this action's own checkout, built (which works
# before any release is published).
set -euo pipefail
output="${GITHUB_OUTPUT:-/dev/null}"

use() {
  echo "permset=$1" >> "$output"
  echo "Using $(node "$1" --version) from $1"
}

if [ -e node_modules/.bin/permset ]; then
  use "$PWD/node_modules/.bin/permset"
  exit 0
fi

if [ -f package.json ] && node -e 'const p = require("./package.json"); process.exit({ ...p.dependencies, ...p.devDependencies }["@permset/compiler"] ? 0 : 1)'; then
  if [ -f package-lock.json ] || [ -f npm-shrinkwrap.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
  use "$PWD/node_modules/.bin/permset"
  exit 0
fi

if [ -n "${PERMSET_VERSION:-}" ]; then
  tools="${RUNNER_TEMP:-$(mktemp -d)}/permset-cli"
  npm install --prefix "$tools" --no-save --no-audit --no-fund "@permset/compiler@$PERMSET_VERSION"
  use "$tools/node_modules/.bin/permset"
  exit 0
fi

echo "Building permset from the action's source ($PERMSET_ACTION_PATH)"
(cd "$PERMSET_ACTION_PATH" && npm ci --no-audit --no-fund --ignore-scripts && npm run build)
use "$PERMSET_ACTION_PATH/packages/compiler/bin/permset.js"
