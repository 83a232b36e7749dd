#!/bin/sh
# SARIF output against the official SARIF 2.1.0 JSON schema
# (tests/sarif/README says where it comes from), with Python's jsonschema
# when it is there (Debian: python3-jsonschema); skipped otherwise.  The
# logs of the demo, the healthy bundle, a bundle with input findings, the
# hostile names, a batch with a failed bundle and a baseline.
. "$TOP/tests/lib.sh"

B="$TOP/fixtures/bundles"
SCHEMA="$TOP/tests/sarif/sarif-2.1.0-rtm.5.json"
hostile_bundle "$T_TMP/hostile"
printf 'PRO003 TLS 1.0 server\nCRT006 gone\n' >"$T_TMP/baseline"
if [ "${VALGRIND:-}" = 1 ]; then LIMIT=60; else LIMIT=2; fi
mkfifo "$T_TMP/fifo"
exec 3<>"$T_TMP/fifo"

logs=""
sarif() { # log-name scan-arguments...
	log=$T_TMP/$1.sarif
	shift
	run_stdin "$T_TMP/fifo" scan --format sarif --timeout "$LIMIT" "$@"
	printf '%s\n' "$out" >"$log"
	check "$(basename "$log"): valid JSON (sslsift's reader)" "$JSONPARSE" "$log"
	logs="$logs $log"
}
cd "$TOP"
sarif demo fixtures/bundles/demo
sarif healthy --as-of 2026-11-20 fixtures/bundles/healthy
sarif partial --as-of 2026-11-20 fixtures/bundles/partial-inputs "$B/demo" --max-file-size 1K
sarif hostile "$T_TMP/hostile"
sarif batch -j 2 - "$B/cert-expired" "$B/handshake-failures" "$T_TMP/missing.zip"
sarif baseline --baseline "$T_TMP/baseline" "$B/demo"
cd - >/dev/null
exec 3>&-

if ! command -v python3 >/dev/null 2>&1; then
	skip "SARIF schema validation" "no python3"
else
	# shellcheck disable=SC2086
	res=$(python3 "$TOP/tests/sarif/validate.py" "$SCHEMA" $logs)
	st=$?
	if [ "$st" -eq 77 ]; then
		skip "SARIF schema validation" "no jsonschema (Debian: python3-jsonschema)"
	else
		for l in $logs; do
			printf '%s\n' "$res" | grep -qx "ok $l"
			_result $? "$(basename "$l"): valid against the SARIF 2.1.0 schema"
		done
		printf '%s\n' "$res" | grep -v '^ok ' | sed 's/^/# /'
	fi
fi

like "$(cat "$T_TMP/partial.sarif")" '"ruleId":	"INP00[12]"' "partial: input findings"
like "$(cat "$T_TMP/batch.sarif")" '"executionSuccessful":	false' \
    "batch: the failed and the unreadable bundle"
like "$(cat "$T_TMP/baseline.sarif")" '"baselineState":	"absent"' \
    "baseline: the stale entry"

done_testing
