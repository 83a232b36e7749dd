#!/bin/sh
# Run every fuzz harness for a bounded time (first argument, seconds; default
# 30) from seeds taken from fixtures/ and, when present, ../shared/corpus/.
# Working corpora persist in .build/fuzz/corpus-<name>; a crash, leak or
# timeout leaves its input in .build/fuzz/ and fails the run.
set -u
cd "$(dirname "$0")/../.." || exit 1
T=${1:-30}
FB=.build/fuzz
CORPUS=${SSLSIFT_CORPUS:-../shared/corpus}
fail=0
# leaks inside libevtx are the library's (see the file)
LSAN_OPTIONS="suppressions=$(pwd)/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

seeds() { # name -> directories or files to seed from
	case "$1" in
	fuzz_parse_*) k=${1#fuzz_parse_}
		echo "fixtures/$k $CORPUS/$k" ;;
	fuzz_bundle) echo "fixtures/bundles fixtures/regress" ;;
	fuzz_rule_load) echo "rules tests/rules" ;;
	fuzz_binxml) echo "" ;;
	*) echo "fixtures/netsh fixtures/netstat fixtures/certutil fixtures/reg fixtures/events fixtures/apphost" ;;
	esac
}

printf '%-22s %10s %8s %8s  %s\n' HARNESS RUNS COV FEATURES RESULT
for bin in "$FB"/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	sd="$FB/seeds-$name"
	wd="$FB/corpus-$name"
	rm -rf "$sd"
	mkdir -p "$sd" "$wd"
	for s in $(seeds "$name"); do
		[ -e "$s" ] || continue
		find "$s" -type f ! -name README ! -name '*.md' ! -name '*.test' \
		    -size -1024k \
		    -exec cp {} "$sd/" \; 2>/dev/null
	done
	# the start of the larger .evtx logs too: header and two chunks;
	# for the record reader, their first chunks
	if [ "$name" = fuzz_parse_evtx ] && [ -d "$CORPUS/evtx" ]; then
		for f in "$CORPUS"/evtx/*.evtx; do
			head -c 139264 "$f" >"$sd/$(basename "$f")"
		done
	fi
	if [ "$name" = fuzz_binxml ] && [ -d "$CORPUS/evtx" ]; then
		for f in "$CORPUS"/evtx/*.evtx; do
			tail -c +4097 "$f" | head -c 65536 \
			    >"$sd/$(basename "$f")"
		done
	fi
	log="$FB/$name.log"
	# an .evtx log is a 4 KiB header and 64 KiB chunks: room for two
	case "$name" in fuzz_parse_evtx) max=139264 ;; *) max=65536 ;; esac
	"$bin" -max_total_time="$T" -print_final_stats=1 -timeout=10 \
	    -rss_limit_mb=2048 -max_len="$max" \
	    -artifact_prefix="$FB/$name-" "$wd" "$sd" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | sed 's/cov: //')
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | sed 's/ft: //')
	if [ "$rc" -eq 0 ]; then
		res=ok
	else
		res="FAILED (exit $rc, see $log)"
		fail=1
	fi
	printf '%-22s %10s %8s %8s  %s\n' "$name" "${runs:-?}" "${cov:-?}" \
	    "${ft:-?}" "$res"
done
exit $fail
