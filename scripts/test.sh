#!/bin/sh
# The whole test suite: lab packages, typecheck, lint, unit and integration
# tests against the real lab (two Docker engines and Podman, started and torn
# down by the suite). Ends with the plain line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
sh scripts/ensure-lab-packages.sh || exit 1
status=0
echo "== typecheck"; npx --no-install tsc -p tsconfig.json --noEmit || status=1
echo "== lint"; npx --no-install eslint . || status=1
echo "== build"; npx --no-install tsc -p tsconfig.build.json || status=1
results=$(mktemp)
echo "== tests"
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=1
node scripts/print-test-counts.ts "$results" || status=1
rm -f "$results"
exit $status
