#!/usr/bin/env bash
# Step "permset ci" of action.yml: one run of `permset ci` with the action's inputs, its reports
# in $REPORTS. The diff and its gates need a base: the `base` input, or on a pull request the
# target branch. Writes the step outputs base, exit-code, json, junit and sarif.
set -euo pipefail
set -f # gates such as gain:billing.* are patterns for permset, not for the shell
output="${GITHUB_OUTPUT:-/dev/null}"

base="${BASE:-}"
if [ -z "$base" ] && [ "${EVENT_NAME:-}" = pull_request ] && [ -n "${BASE_REF:-}" ]; then base="origin/$BASE_REF"; fi
if [ -n "$base" ] && ! git rev-parse --verify --quiet "$base^{commit}" > /dev/null; then
  echo "::error title=permset::The base revision '$base' is not in this checkout. Check out with 'fetch-depth: 0' (actions/checkout) so the diff can read it."
  exit 2
fi

mkdir -p "$REPORTS"
args=(ci "$POLICIES" --json "$REPORTS/permset-ci.json" --junit "$REPORTS/permset-junit.xml" --sarif "$REPORTS/permset.sarif")
if [ -n "$base" ]; then
  args+=(--base "$base")
  for gate in ${FAIL_ON//,/ }; do args+=(--fail-on "$gate"); done
  if [ -n "${ALLOWLIST:-}" ]; then args+=(--allow "$ALLOWLIST"); fi
fi
if [ -n "${MAX_WARNINGS:-}" ]; then args+=(--max-warnings "$MAX_WARNINGS"); fi
if [ -n "${MIN_COVERAGE:-}" ]; then args+=(--min-coverage "$MIN_COVERAGE"); fi

echo "permset ${args[*]}"
code=0
node "$PERMSET" "${args[@]}" || code=$?

echo "base=$base" >> "$output"
echo "exit-code=$code" >> "$output"
for report in json:permset-ci.json junit:permset-junit.xml sarif:permset.sarif; do
  if [ -f "$REPORTS/${report#*:}" ]; then echo "${report%%:*}=$REPORTS/${report#*:}" >> "$output"; fi
done
exit "$code"
