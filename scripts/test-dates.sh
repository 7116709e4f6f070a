#!/usr/bin/env bash
# Runs the test suite with the system clock set to days that break date code written against the
# real clock: the last evening of a fiscal quarter (FY27-Q4 ends 2027-01-31) and of a calendar
# quarter, a leap day, and a date years ahead. The suite runs on its own test clock, so it must
# pass at every one of them. Needs Debian's faketime package.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null; then
  echo "npm run test:dates needs faketime (Debian: apt-get install faketime)" >&2
  exit 2
fi
npm run --silent build
for moment in "2027-01-31 23:30:00" "2027-03-31 23:59:00" "2028-02-29 12:00:00" "2036-11-16 09:00:00"; do
  echo "== the system clock at $moment UTC"
  # "@" starts the clock at that moment and lets it run, so timers and timeouts still work.
  TZ=UTC faketime -f "@$moment" npx vitest run --reporter=dot "$@"
done
