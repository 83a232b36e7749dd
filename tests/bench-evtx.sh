#!/bin/sh
# make bench, .evtx part: how fast sslsift reads binary logs, and in how
# much memory, next to `evtxexport -f xml` (libevtx's own tool) on the same
# files.
#
#   sh tests/bench-evtx.sh                 the samples, 100M and 1G, 3 runs
#   BENCH_EVTX_SIZES="100M" BENCH_RUNS=5 sh tests/bench-evtx.sh
#   BENCH_CALLGRIND=1 ...                  also instruction counts (valgrind)
#   BENCH_KEEP=0 ...                       delete the built logs afterwards
#
# The samples are the System logs of ../shared/corpus/evtx (reference-only:
# read in place, never copied into the tree).  There is no generator for
# binary logs and concatenated .evtx files are not a log, so the large ones
# are built by tests/mkevtx from the intact chunks of those samples,
# repeated behind a new file header (see tests/mkevtx.c); they go to
# .build/bench/.  Each command runs BENCH_RUNS times, the commands taking
# turns; the best and the worst wall time and the largest peak RSS are
# shown (the machine may be shared: look at the best).  Records/s counts
# the records libevtx reads.
#
# `sslsift scan` keeps the events the default filter selects and counts
# the others from their bytes (src/binxml.c), without libevtx decoding
# them; `sslsift dump --all-events` renders every record as XML and reads
# it with libxml2, as evtxexport renders every record.  Nothing here is a
# pass/fail test.
set -u
cd "$(dirname "$0")/.." || exit 1

B=.build/bench
MKEVTX=.build/tests/mkevtx
CORPUS=${SSLSIFT_CORPUS:-../shared/corpus}
SIZES=${BENCH_EVTX_SIZES-"100M 1G"}
RUNS=${BENCH_RUNS:-3}
KEEP=${BENCH_KEEP:-1}
TIME=/usr/bin/time
SAMPLES="plaso_System.evtx evtxrs_system.evtx evtxrs_2-vss_7-System.evtx"

have() { command -v "$1" >/dev/null 2>&1; }

if ! ./sslsift --version | grep -q '^features: evtx'; then
	echo "bench-evtx: this sslsift is built without libevtx: nothing to measure"
	exit 0
fi
if ! [ -d "$CORPUS/evtx" ]; then
	echo "bench-evtx: $CORPUS/evtx not present: nothing to measure"
	exit 0
fi
if ! [ -x "$TIME" ] || ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "bench-evtx: GNU time (/usr/bin/time -f) is needed: apt-get install time" >&2
	exit 1
fi
have evtxexport ||
    echo "bench-evtx: evtxexport not found: not measured (apt-get install libevtx-utils)"
mkdir -p "$B"

# time1 I CMD...: run CMD once, append "seconds peak-KiB" to times.I
time1() {
	i=$1
	shift
	"$TIME" -f "%e %M" -o "$B/time.out" "$@" >/dev/null 2>"$B/err"
	tail -n 1 "$B/time.out" >>"$B/times.$i"
}

# report LABEL FILE RECORDS I: best/worst seconds, MB/s, records/s, peak
# RSS of the runs in times.I
report() {
	sort -n "$B/times.$4" | awk -v l="$1" -v f="$(basename "$2")" \
	    -v b="$(wc -c <"$2")" -v r="$3" '
		NR == 1 { best = $1 }
		{ worst = $1; if ($2 > rss) rss = $2 }
		END {
			if (best <= 0) best = 0.01
			printf "%-28s %-22s %6.2f s %6.2f s %7.1f MB/s %9.0f rec/s %7.1f MiB\n",
			    f, l, best, worst, b / best / 1e6, r / best, rss / 1024
		}' | tee -a "$B/results-evtx"
}

records_of() {
	./sslsift dump "$1" | awk -F'\t' '
	    /"events_total"/ { t = $NF } /"events_skipped"/ { s = $NF }
	    END { gsub(/,/, "", t); gsub(/,/, "", s); print t - s }'
}

files=""
for s in $SAMPLES; do
	[ -f "$CORPUS/evtx/$s" ] && files="$files $CORPUS/evtx/$s"
done
srcs=$files
for size in $SIZES; do
	f="$B/evtx-$size.evtx"
	if ! [ -f "$f" ]; then
		# shellcheck disable=SC2086
		"$MKEVTX" "$size" $srcs >"$f.tmp" && mv "$f.tmp" "$f" || exit 1
	fi
	files="$files $f"
done

echo "sslsift $(./sslsift --version | head -n 1 | cut -d' ' -f2)," \
    "$(./sslsift --version | sed -n 's/^features: evtx (\(.*\))$/\1/p')," \
    "$(nproc 2>/dev/null || echo '?') CPUs, $RUNS runs each"
printf "%-28s %-22s %8s %8s %12s %13s %11s\n" FILE COMMAND BEST WORST \
    THROUGHPUT RECORDS "PEAK RSS"
: >"$B/results-evtx"
# The commands take turns, run after run, so that the load of a shared
# machine weighs on each alike.
for f in $files; do
	n=$(records_of "$f")
	rm -f "$B"/times.*
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		time1 1 ./sslsift scan "$f"
		time1 2 ./sslsift dump --all-events "$f"
		have evtxexport && time1 3 evtxexport -f xml "$f"
		r=$((r + 1))
	done
	report "sslsift scan" "$f" "$n" 1
	report "sslsift dump --all" "$f" "$n" 2
	have evtxexport && report "evtxexport -f xml" "$f" "$n" 3
done

# Ratios from the best times.
awk '
	$2 == "sslsift" && $3 == "scan" { s[$1] = $4 }
	$2 == "sslsift" && $3 == "dump" { d[$1] = $5 }
	$2 == "evtxexport" { x[$1] = $5 }
	END {
		for (f in s)
			if (f in x)
				printf "%s: sslsift scan %.1fx, dump --all-events %.1fx evtxexport -f xml\n",
				    f, x[f] / s[f], x[f] / d[f]
	}' "$B/results-evtx" | sort

# Instruction counts, the same on any machine.
if [ "${BENCH_CALLGRIND:-0}" = 1 ] && have valgrind; then
	f=$(echo $files | cut -d' ' -f1)
	for cmd in "./sslsift scan" "./sslsift dump --all-events" \
	    "evtxexport -f xml"; do
		# shellcheck disable=SC2086
		valgrind --tool=callgrind --callgrind-out-file="$B/cg.out" \
		    $cmd "$f" >/dev/null 2>"$B/cg.err"
		ir=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$B/cg.err")
		printf "%-28s %-28s %15s instructions\n" "$(basename "$f")" \
		    "$cmd" "$ir"
	done
	rm -f "$B/cg.out"
fi

[ "$KEEP" = 0 ] && for size in $SIZES; do rm -f "$B/evtx-$size.evtx"; done
exit 0
