#!/bin/sh
# make bench: how fast `sslsift scan` reads a big System-log export, and in
# how much memory, next to `xmllint --stream` and Python's iterparse.
#
#   sh tests/bench.sh            sizes 100M and 1G, 3 runs each
#   BENCH_SIZES="100M" BENCH_RUNS=5 sh tests/bench.sh
#   BENCH_KEEP=0 ...             delete the generated files afterwards
#
# tests/genevents.c writes the exports into .build/bench/ (gitignored), in
# two shapes: "bare" (wevtutil: one event per line, no root) and "wrapped"
# (Event Viewer's Save as XML: <Events>, RenderingInfo, one line).  xmllint
# and Python need a root element, so they are measured on "wrapped" only.
# Each command runs BENCH_RUNS times; the best and the worst wall time and
# the largest peak RSS are shown (the machine may be shared: look at the
# best).  Nothing here is a pass/fail test.
#
# `scan` keeps the events the default filter selects (Schannel, HttpEvent,
# WAS, ...) and counts the others after reading only their System part;
# `dump --all-events` keeps every event, so every event goes through
# libxml2 and the event builder (its output stays small: identical events
# fold into one record).
set -u
cd "$(dirname "$0")/.." || exit 1

B=.build/bench
GEN=.build/tests/genevents
SIZES=${BENCH_SIZES:-"100M 1G"}
RUNS=${BENCH_RUNS:-3}
KEEP=${BENCH_KEEP:-1}
TIME=/usr/bin/time

have() { command -v "$1" >/dev/null 2>&1; }

# xmllint and GNU time, from Debian packages, when we may install them.
if { ! have xmllint || ! [ -x "$TIME" ]; } && have apt-get; then
	pkgs=""
	have xmllint || pkgs="$pkgs libxml2-utils"
	[ -x "$TIME" ] || pkgs="$pkgs time"
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y -q $pkgs >/dev/null 2>&1 ||
		    { apt-get update -q >/dev/null 2>&1 &&
		      apt-get install -y -q $pkgs >/dev/null 2>&1; }
	elif have sudo; then
		sudo apt-get install -y -q $pkgs >/dev/null 2>&1
	fi
fi
if ! [ -x "$TIME" ] || ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "bench: GNU time (/usr/bin/time -f) is needed: apt-get install time" >&2
	exit 1
fi
have xmllint || echo "bench: xmllint not found: not measured (apt-get install libxml2-utils)"
PY=""
have python3 && PY=python3
[ -n "$PY" ] || echo "bench: python3 not found: iterparse not measured"

mkdir -p "$B"
cat >"$B/iterparse.py" <<'PYEOF'
import sys
import xml.etree.ElementTree as ET
n = 0
for _, el in ET.iterparse(sys.argv[1], events=("end",)):
    if el.tag.endswith("}Event"):
        n += 1
        el.clear()
print(n)
PYEOF

# measure LABEL FILE CMD...: best/worst seconds, MB/s, peak RSS
measure() {
	label=$1 file=$2
	shift 2
	bytes=$(wc -c <"$file")
	: >"$B/times"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		"$TIME" -f "%e %M" -o "$B/time.out" "$@" >/dev/null 2>"$B/err" ||
		    { echo "bench: $label failed:"; cat "$B/err"; }
		tail -n 1 "$B/time.out" >>"$B/times"
		i=$((i + 1))
	done
	sort -n "$B/times" | awk -v l="$label" -v f="$(basename "$file")" \
	    -v b="$bytes" '
		NR == 1 { best = $1 }
		{ worst = $1; if ($2 > rss) rss = $2 }
		END {
			if (best <= 0) best = 0.01
			printf "%-22s %-18s %7.2f s %7.2f s %8.1f MB/s %7.1f MiB\n",
			    f, l, best, worst, b / best / 1e6, rss / 1024
		}' | tee -a "$B/results"
}

echo "sslsift $(./sslsift --version | head -n 1 | cut -d' ' -f2), libxml2 $(pkg-config --modversion libxml-2.0 2>/dev/null), $(nproc 2>/dev/null || echo '?') CPUs, $RUNS runs each"
printf "%-22s %-18s %9s %9s %13s %11s\n" FILE COMMAND BEST WORST THROUGHPUT "PEAK RSS"
: >"$B/results"
for size in $SIZES; do
	for shape in bare wrapped; do
		f="$B/$shape-$size.xml"
		if ! [ -f "$f" ]; then
			"$GEN" "$shape" "$size" >"$f.tmp" && mv "$f.tmp" "$f" || exit 1
		fi
		# findings are expected (the exports hold Schannel errors): exit 0
		measure "sslsift scan" "$f" ./sslsift scan --fail-on never "$f"
		# every event through libxml2 and the event builder
		measure "sslsift dump --all" "$f" ./sslsift dump --all-events "$f"
		if [ "$shape" = wrapped ]; then
			have xmllint && measure "xmllint --stream" "$f" \
			    xmllint --stream --noout "$f"
			[ -n "$PY" ] && measure "python iterparse" "$f" \
			    "$PY" "$B/iterparse.py" "$f"
		fi
		[ "$KEEP" = 0 ] && rm -f "$f"
	done
done

# Ratios on the wrapped files, from the best times.
awk '
	$2 == "sslsift" && $3 == "scan" { s[$1] = $4 }
	$2 == "xmllint" { x[$1] = $4 }
	$2 == "python" { p[$1] = $4 }
	END {
		for (f in s) {
			line = f ":"
			if (f in x) line = line sprintf(" %.1fx xmllint --stream", x[f] / s[f])
			if (f in p) line = line sprintf(" %.1fx python iterparse", p[f] / s[f])
			if (line != f ":") print "sslsift speed-up on " line
		}
	}' "$B/results"
