#!/usr/bin/env bash
# Every test, against a fresh build of the current code (README: `npm test`):
#   build      npm run build (index + Chrome MV3 + Firefox MV3)
#   lint       eslint (rules: eslint.config.js) and prettier --check
#   typecheck  tsc --noEmit
#   unit       vitest run
#   e2e        playwright test (Chromium and Firefox end-to-end specs in e2e/)
#   judged     recall and precision on real documents judged by reading (scripts/judged-set.ts: floors)
#   addons     web-ext lint on the Firefox build (errors fail; warnings are allowed)
# Every stage runs even when an earlier one failed. Prints a summary table, then a last line
# "N passed, M failed" counting test cases of vitest and Playwright. Exits non-zero if any stage failed or
# no test ran.
set -uo pipefail
cd "$(dirname "$0")/.."

export NO_UPDATE_NOTIFIER=1
REPORTS="$(mktemp -d "${TMPDIR:-/tmp}/gloss-test.XXXXXX")"
VITEST_JSON="$REPORTS/vitest.json"
PLAYWRIGHT_JSON="$REPORTS/playwright.json"
JUDGED_SUMMARY="$REPORTS/judged.txt"

names=() results=() times=()
failed_stages=0

# run_stage NAME COMMAND...: runs the command, records result and duration, never stops the script.
run_stage() {
  local name=$1; shift
  printf '\n\033[1m==> [%s] %s\033[0m\n' "$name" "$*"
  local start=$SECONDS status
  "$@"
  status=$?
  names+=("$name"); times+=("$((SECONDS - start))")
  if [ "$status" -eq 0 ]; then
    results+=("ok")
  else
    results+=("FAILED (exit $status)")
    failed_stages=$((failed_stages + 1))
  fi
}

build() {
  # Remove the previous builds first: a failed build must not leave stale code for the e2e tests to pass on.
  rm -rf .output/chrome-mv3 .output/firefox-mv3
  npm run build
}

unit() {
  npx vitest run --passWithNoTests --reporter=default --reporter=json --outputFile="$VITEST_JSON"
}

e2e() {
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PLAYWRIGHT_JSON" npx playwright test --reporter=list,json
}

judged() {
  npx tsx scripts/judged-set.ts --out "$JUDGED_SUMMARY"
}

lint() {
  local status=0
  npx eslint . || status=1
  npx prettier --check . || status=1
  return "$status"
}

addons() {
  if [ ! -f .output/firefox-mv3/manifest.json ]; then
    echo "no Firefox build at .output/firefox-mv3 (the build stage failed)"
    return 1
  fi
  # Exit status is non-zero on errors only; warnings are printed and allowed.
  npx web-ext lint --source-dir .output/firefox-mv3
}

# The browsers the end-to-end tests drive (e2e/support: CHROMIUM_PATH, FIREFOX_PATH), as they report themselves.
browser_version() { "$1" --version 2>/dev/null | head -n 1 || true; }
chromium_version="$(browser_version "${CHROMIUM_PATH:-/usr/bin/chromium}")"
firefox_version="$(browser_version "${FIREFOX_PATH:-/usr/bin/firefox-esr}")"
printf 'Browsers: %s; %s\n' "${chromium_version:-no Chromium found}" "${firefox_version:-no Firefox ESR found}"

total_start=$SECONDS
run_stage build build
run_stage lint lint
run_stage typecheck npx tsc --noEmit
run_stage unit unit
run_stage e2e e2e
run_stage judged judged
run_stage addons addons

# --- Count test cases from the JSON reports ------------------------------------------------------------------
counts="$(node - "$VITEST_JSON" "$PLAYWRIGHT_JSON" <<'EOF'
const fs = require('node:fs');
const read = (file) => { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; } };
const [vitestFile, playwrightFile] = process.argv.slice(2);
const v = read(vitestFile);
const p = read(playwrightFile);
const vPassed = v ? v.numPassedTests ?? 0 : 0;
const vFailed = v ? v.numFailedTests ?? 0 : 0;
const vSkipped = v ? (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0) : 0;
const s = (p && p.stats) || {};
// "flaky" = failed once, passed on retry (CI only): counted as passed, reported separately.
const pPassed = (s.expected ?? 0) + (s.flaky ?? 0);
const pFailed = s.unexpected ?? 0;
const pSkipped = s.skipped ?? 0;
console.log([vPassed, vFailed, vSkipped, v ? 1 : 0, pPassed, pFailed, pSkipped, s.flaky ?? 0, p ? 1 : 0].join(' '));
EOF
)"
read -r v_passed v_failed v_skipped v_report p_passed p_failed p_skipped p_flaky p_report <<<"${counts:-0 0 0 0 0 0 0 0 0}"
passed=$((v_passed + p_passed))
failed=$((v_failed + p_failed))

# --- Summary -----------------------------------------------------------------------------------------------
printf '\n\033[1m==> Summary\033[0m (reports in %s)\n' "$REPORTS"
printf '  %-10s  %-16s  %6s\n' "Stage" "Result" "Time"
printf '  %-10s  %-16s  %6s\n' "----------" "----------------" "------"
for i in "${!names[@]}"; do
  printf '  %-10s  %-16s  %5ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
done
printf '  %-10s  %-16s  %5ss\n' "total" "" "$((SECONDS - total_start))"
echo
printf '  browsers:   %s; %s\n' "${chromium_version:-no Chromium found}" "${firefox_version:-no Firefox ESR found}"
if [ "$v_report" = 1 ]; then
  printf '  vitest:     %s passed, %s failed, %s skipped\n' "$v_passed" "$v_failed" "$v_skipped"
else
  printf '  vitest:     no report (did not run or crashed)\n'
fi
if [ "$p_report" = 1 ]; then
  printf '  playwright: %s passed (%s flaky), %s failed, %s skipped\n' "$p_passed" "$p_flaky" "$p_failed" "$p_skipped"
else
  printf '  playwright: no report (did not run or crashed)\n'
fi
if [ -s "$JUDGED_SUMMARY" ]; then
  printf '  %s\n' "$(cat "$JUDGED_SUMMARY")"
else
  printf '  judged set: no result (did not run or a judgment file is bad)\n'
fi
status=0
if [ "$failed_stages" -gt 0 ]; then
  printf '  %s stage(s) failed\n' "$failed_stages"
  status=1
fi
if [ $((passed + failed)) -eq 0 ]; then
  printf '  no test ran\n'
  status=1
fi
echo
echo "$passed passed, $failed failed"
exit "$status"
