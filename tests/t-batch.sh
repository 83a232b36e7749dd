#!/bin/sh
# Batches: -j, --from, the order of the reports, the exit status of a
# batch, and bundles that crash, hang or run out of memory without taking
# the batch down; then sslsift summary over the JSON lines.
. "$TOP/tests/lib.sh"

B="$TOP/fixtures/bundles"
ALL=$(for d in "$B"/*/; do printf '%s ' "${d%/}"; done)
# Timeouts in the tests: generous under valgrind, which is slow.
if [ "${VALGRIND:-}" = 1 ]; then LIMIT=60; else LIMIT=2; fi

# --- parallel runs give the same reports, in input order
# shellcheck disable=SC2086
run scan -j 1 --as-of 2026-11-20 $ALL
one=$out rc1=$rc
# shellcheck disable=SC2086
run scan -j 3 --as-of 2026-11-20 $ALL
is "$out" "$one" "text: -j 3 gives the -j 1 report, byte for byte"
is "$rc" "$rc1" "text: and the same status"
# shellcheck disable=SC2086
run scan -j 1 --format brief --as-of 2026-11-20 $ALL
one=$out
# shellcheck disable=SC2086
run scan -j 0 --format brief --as-of 2026-11-20 $ALL
is "$out" "$one" "brief: -j 0 (one per processor) gives the -j 1 output"
# shellcheck disable=SC2086
run scan -j 2 --format json --as-of 2026-11-20 $ALL
printf '%s\n' "$out" >"$T_TMP/all.json"
is "$("$JSONPARSE" -k bundle "$T_TMP/all.json" | tr '\n' ' ')" "$ALL" \
    "json: -j 2 in input order"
run scan -j 300 "$B/demo"
is "$rc" 3 "-j over the limit: exit 3"
like "$err" "invalid number of jobs '300'" "-j over the limit named"

# --- the exit status of a batch is the highest of its bundles'
run scan --as-of 2026-11-20 "$B/healthy" "$B/partial-inputs"
is "$rc" 0 "healthy and info only: 0"
run scan --as-of 2026-11-20 -j 2 "$B/healthy" "$B/demo" "$B/partial-inputs"
is "$rc" 1 "one bundle with findings: 1"
run scan -j 2 "$B/demo" "$T_TMP/missing" "$B/healthy"
is "$rc" 2 "one unreadable bundle: 2"
like "$err" "^sslsift: cannot open '$T_TMP/missing': No such file or directory$" \
    "the unreadable bundle named"

# --- --from
printf '%s\n\n%s\n' "$B/healthy" "$B/demo" >"$T_TMP/list"
run scan --format brief --from "$T_TMP/list"
like "$out" '^CRT001 error' "--from FILE: the bundles listed (blank lines skipped)"
run_stdin "$T_TMP/list" scan --format json --from - "$B/cert-expired"
printf '%s\n' "$out" >"$T_TMP/from.json"
is "$("$JSONPARSE" -k bundle "$T_TMP/from.json" | tr '\n' ' ')" \
    "$B/cert-expired $B/healthy $B/demo " \
    "--from -: operands first, then the lines of standard input"
run_stdin "$T_TMP/list" scan --from - -
is "$rc" 3 "standard input twice: exit 3"
like "$err" 'standard input \(-\) can be read only once' "standard input twice: said"
run scan --from "$T_TMP/no-list"
is "$rc" 2 "a missing --from file: exit 2"
run scan --format brief
is "$rc" 3 "no INPUT at all: exit 3"

# --- a bundle that hangs: its worker is stopped, the others go on.  The
# worker of '-' waits for standard input, a FIFO kept open and empty.
mkfifo "$T_TMP/fifo"
exec 3<>"$T_TMP/fifo"
run_stdin "$T_TMP/fifo" scan --timeout "$LIMIT" -j 2 --format brief \
    --as-of 2026-11-20 - "$B/reg-noncanonical"
is "$rc" 2 "a hanging bundle: exit 2"
like "$err" "^sslsift: '-': not analysed: stopped after the time limit of $LIMIT s \\(--timeout\\)$" \
    "a hanging bundle: stopped at the time limit, said so"
like "$out" '^PRO005 info SendExtraRecord$' "the other bundle is still reported"
run_stdin "$T_TMP/fifo" scan --timeout "$LIMIT" --format jsonl - "$B/healthy"
printf '%s\n' "$out" >"$T_TMP/hang.jsonl"
check "jsonl with a failed bundle: valid" "$JSONPARSE" -l "$T_TMP/hang.jsonl"
like "$out" '^\{"bundle":"-","complete":false,"failed":"stopped after the time limit' \
    "jsonl: the failed bundle has a line of its own"
run_stdin "$T_TMP/fifo" scan --timeout "$LIMIT" --format sarif - "$B/healthy"
like "$out" '"executionSuccessful":	false' "sarif: the failed bundle's invocation"
run_stdin "$T_TMP/fifo" scan --timeout "$LIMIT" - "$B/healthy"
like "$out" "^bundle '-': not analysed: stopped after the time limit" \
    "text: the failed bundle in its place"

# --- a bundle whose worker crashes (here: killed with SIGSEGV while it
# waits for standard input); the parent reports it and goes on
if command -v pgrep >/dev/null 2>&1 && [ "${VALGRIND:-}" != 1 ]; then
	"$SSLSIFT" scan --format brief --as-of 2026-11-20 - "$B/reg-noncanonical" \
	    <"$T_TMP/fifo" >"$T_TMP/crash.out" 2>"$T_TMP/crash.err" &
	pid=$!
	w=""
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		w=$(pgrep -P "$pid" | head -n 1)
		[ -n "$w" ] && break
		sleep 0.2
	done
	sleep 0.3
	[ -n "$w" ] && kill -SEGV "$w"
	wait "$pid"
	is "$?" 2 "a crashing worker: exit 2"
	# (AddressSanitizer catches the signal and exits with status 1)
	like "$(cat "$T_TMP/crash.err")" \
	    "^sslsift: '-': not analysed: its worker (was killed by signal 11|exited with status 1)" \
	    "a crashing worker: the bundle named, with the signal"
	like "$(cat "$T_TMP/crash.out")" '^PRO005 info SendExtraRecord$' \
	    "a crashing worker: the next bundle is analysed by a new one"
else
	skip "a crashing worker: exit 2" "no pgrep, or under valgrind"
	skip "a crashing worker: the bundle named" "no pgrep, or under valgrind"
	skip "a crashing worker: the next bundle" "no pgrep, or under valgrind"
fi
exec 3>&-

# --- a bundle that needs more memory than --max-memory
{
	printf '<?xml version="1.0"?>\n<configuration><system.applicationHost><sites><site name="'
	head -c 50000000 /dev/zero | tr '\0' 'B'
	printf '" id="1"/></sites></system.applicationHost></configuration>\n'
} >"$T_TMP/huge.config"
if [ -n "${SANITIZE:-}" ] || [ "${VALGRIND:-}" = 1 ]; then
	skip "out of memory: exit 2" "no memory limit under sanitizers or valgrind"
	skip "out of memory: said so" "no memory limit under sanitizers or valgrind"
	skip "out of memory: the next bundle" "no memory limit under sanitizers or valgrind"
else
	run scan --max-memory 32M --format brief --as-of 2026-11-20 \
	    "$T_TMP/huge.config" "$B/reg-noncanonical"
	is "$rc" 2 "out of memory: exit 2"
	like "$err" "^sslsift: out of memory" "out of memory: said so"
	like "$out" '^PRO005 info SendExtraRecord$' "out of memory: the next bundle"
fi
run scan --max-memory 1K "$B/demo"
is "$rc" 3 "--max-memory too small: exit 3"
run scan --timeout soon "$B/demo"
is "$rc" 3 "--timeout not a number: exit 3"

# --- no progress line unless stderr is a terminal
# shellcheck disable=SC2086
run scan -j 2 --format brief --as-of 2026-11-20 $ALL
unlike "$err" 'bundles' "no progress line when stderr is not a terminal"
if command -v script >/dev/null 2>&1 &&
    script -qc true /dev/null >/dev/null 2>&1; then
	t=$(script -qc "$SSLSIFT scan --format brief $B/demo $B/healthy 2>&1 >/dev/null" /dev/null)
	like "$t" 'sslsift: [0-9]+/2 bundles, [0-9]+/s' "a terminal gets a progress line"
	t=$(script -qc "$SSLSIFT scan -q --format brief $B/demo $B/healthy 2>&1 >/dev/null" /dev/null)
	unlike "$t" 'bundles' "-q: no progress line"
else
	skip "a terminal gets a progress line" "no script(1) from util-linux"
	skip "-q: no progress line" "no script(1) from util-linux"
fi

# --- summary: the fleet view of JSON lines from several scans
# shellcheck disable=SC2086
run scan -j 2 --format jsonl --as-of 2026-11-20 $ALL
printf '%s\n' "$out" | head -n 10 >"$T_TMP/part1.jsonl"
printf '%s\n' "$out" | tail -n +11 >"$T_TMP/part2.jsonl"
printf '{"bundle":"case-17.zip","complete":false,"failed":"its worker was killed by signal 11 (Segmentation fault)"}\n' \
    >>"$T_TMP/part2.jsonl"
run summary "$T_TMP/part1.jsonl" "$T_TMP/part2.jsonl"
is "$rc" 0 "summary: exit 0"
is "$(printf '%s\n' "$out" | head -n 1)" \
    "22 bundles: 21 analysed, 1 with errors (1 not analysed, 0 read incompletely)" \
    "summary: the bundles"
like "$out" '^  CRT004   error           2  The served certificate' \
    "summary: rules by servers affected"
like "$out" '^Top root causes$' "summary: the top root causes"
like "$out" '^       6         2     0  WEB01\.contoso\.local \(.*/demo\)$' \
    "summary: servers by severity, the worst first"
like "$out" '^  case-17\.zip: its worker was killed by signal 11' \
    "summary: the bundles not analysed"
run_stdin "$T_TMP/part1.jsonl" summary --format json - "$T_TMP/part2.jsonl"
printf '%s\n' "$out" >"$T_TMP/summary.json"
check "summary --format json: valid" "$JSONPARSE" "$T_TMP/summary.json"
like "$out" '"bundles":	22' "summary json: the count"
like "$out" '"not_analysed":	1' "summary json: not analysed"
printf 'not json\n{"a":1}\n' >"$T_TMP/junk.jsonl"
run summary "$T_TMP/part1.jsonl" "$T_TMP/junk.jsonl"
is "$rc" 2 "summary: lines that are not scan reports: exit 2"
like "$err" 'junk\.jsonl:1: invalid JSON at byte 1' "summary: bad JSON, file and line"
like "$err" 'junk\.jsonl:2: not a report of sslsift scan' "summary: not a report"
like "$out" '^10 bundles' "summary: the good lines still counted"
run summary
is "$rc" 3 "summary without a file: exit 3"

done_testing
