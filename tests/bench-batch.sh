#!/bin/sh
# make bench (part): batch throughput.  10,000 small bundles made from the
# fixture bundles (hard links: a few MB of disk), scanned with
# `--format jsonl` at -j 1 and -j 2, then summed up with `sslsift summary`.
#
#   sh tests/bench-batch.sh
#   BENCH_BUNDLES=2000 BENCH_RUNS=5 BENCH_JOBS="1 2 4" sh tests/bench-batch.sh
#   BENCH_KEEP=0 ...       delete the generated bundles afterwards
#
# Each run is timed with GNU time: wall time, bundles per second and the
# peak resident size of the largest process (the parent or a worker).  The
# machine may be shared, so every configuration runs BENCH_RUNS times and
# the best and the worst are shown, with the load average before the runs.
# Nothing here is a pass/fail test.
set -u
cd "$(dirname "$0")/.." || exit 1

B=.build/bench/batch
N=${BENCH_BUNDLES:-10000}
RUNS=${BENCH_RUNS:-3}
JOBS=${BENCH_JOBS:-"1 2"}
KEEP=${BENCH_KEEP:-1}
TIME=/usr/bin/time
SSLSIFT=./sslsift

if ! [ -x "$TIME" ] || ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "bench: GNU time (/usr/bin/time -f) is needed: apt-get install time" >&2
	exit 1
fi

# The bundles: fixture folder i mod the number of folders, as
# $B/bundles/NNNNN, by hard links (copies where links fail).  Kept for the
# next run unless BENCH_KEEP=0.
if [ "$(cat "$B/count" 2>/dev/null)" != "$N" ]; then
	echo "bench: making $N bundles in $B/bundles" >&2
	rm -rf "$B"
	mkdir -p "$B/bundles"
	set -- fixtures/bundles/*/
	k=$#
	i=0
	: >"$B/list"
	while [ "$i" -lt "$N" ]; do
		n=$(( i % k + 1 ))
		eval "src=\${$n}"
		dst=$(printf '%s/bundles/%05d' "$B" "$i")
		mkdir "$dst"
		# (a bundle folder's expect file comes along; scan leaves it out)
		ln "$src"* "$dst/" 2>/dev/null || cp "$src"* "$dst/"
		printf '%s\n' "$dst" >>"$B/list"
		i=$((i + 1))
	done
	echo "$N" >"$B/count"
fi

echo "batch: $N bundles ($(du -sk "$B/bundles" | cut -f1) KB on disk), $RUNS runs each"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
printf '%-28s %8s %8s %10s %10s\n' "command" "best s" "worst s" "bundles/s" "peak RSS"
for j in $JOBS; do
	best="" worst="" rss=0
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		"$TIME" -f '%e %M' -o "$B/time" "$SSLSIFT" scan -q -j "$j" \
		    --format jsonl --from "$B/list" >"$B/results.jsonl" 2>"$B/err"
		# GNU time says "Command exited with non-zero status 1" first.
		read -r t m <<EOF
$(tail -n 1 "$B/time")
EOF
		best=$(awk -v a="${best:-$t}" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
		worst=$(awk -v a="${worst:-$t}" -v b="$t" 'BEGIN { print (b > a ? b : a) }')
		[ "$m" -gt "$rss" ] && rss=$m
		r=$((r + 1))
	done
	lines=$(wc -l <"$B/results.jsonl" | tr -d ' ')
	[ "$lines" = "$N" ] || echo "bench: -j $j wrote $lines lines for $N bundles" >&2
	printf '%-28s %8s %8s %10s %8s KB\n' "scan -j $j --format jsonl" \
	    "$best" "$worst" \
	    "$(awk -v n="$N" -v t="$best" 'BEGIN { printf "%.0f", n / t }')" "$rss"
done
"$TIME" -f '%e %M' -o "$B/time" "$SSLSIFT" summary "$B/results.jsonl" >"$B/summary.txt"
read -r t m <<EOF
$(tail -n 1 "$B/time")
EOF
printf '%-28s %8s %8s %10s %8s KB\n' "summary (of the last)" "$t" "-" \
    "$(awk -v n="$N" -v t="$t" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')" "$m"
echo
echo "the fleet table (head of sslsift summary):"
sed -n '1,16p' "$B/summary.txt"
[ "$KEEP" = 1 ] || rm -rf "$B"
