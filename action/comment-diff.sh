#!/usr/bin/env bash
# Step "Access diff as a pull-request comment" of action.yml: `permset diff` against the base in
# Markdown (with the gates and the allowlist, so the comment says which changes are allowed and
# why), posted on the pull request and edited on later pushes. A comment that cannot be posted
# (a pull request from a fork gets a read-only token) is a warning, never a failure: the gates
# are enforced by the `permset ci` step.
set -euo pipefail
set -f
body="$REPORTS/permset-diff.md"
mkdir -p "$REPORTS"

args=(diff "$BASE" --dir "$POLICIES" --format md)
for gate in ${FAIL_ON//,/ }; do args+=(--fail-on "$gate"); done
if [ -n "${ALLOWLIST:-}" ]; then args+=(--allow "$ALLOWLIST"); fi

code=0
node "$PERMSET" "${args[@]}" > "$body" || code=$?
if [ "$code" -eq 2 ]; then
  echo "::warning title=permset::permset diff could not compare with $BASE; no comment was posted."
  exit 0
fi

if ! gh pr comment "$PR_NUMBER" --body-file "$body" --edit-last 2> /dev/null; then
  gh pr comment "$PR_NUMBER" --body-file "$body" || echo "::warning title=permset::Could not post the access diff on pull request #$PR_NUMBER (a pull request from a fork has a read-only token)."
fi
