#!/bin/sh
# Run every test and print the closing line "N passed, N failed".
#
#   sh tests/run.sh [NAME...]    NAME: a unit test (test_text) or a script
#                                (t-cli); default: all of them
#
# Each test prints TAP; "ok N # SKIP why" counts as passed and is listed.
# VALGRIND=1 runs every sslsift invocation of the scripts under valgrind.
set -u
cd "$(dirname "$0")/.." || exit 1
TOP=$(pwd)
export TOP
export SSLSIFT="$TOP/sslsift"
export MKARCHIVE="$TOP/.build/tests/mkarchive"
export JSONPARSE="$TOP/.build/tests/jsonparse"
export CORPUS="${SSLSIFT_CORPUS:-$TOP/../shared/corpus}"

tests=""
if [ $# -gt 0 ]; then
	for n in "$@"; do
		if [ -x ".build/tests/$n" ]; then
			tests="$tests .build/tests/$n"
		else
			tests="$tests tests/$n.sh"
		fi
	done
else
	for t in .build/tests/test_*; do [ -x "$t" ] && tests="$tests $t"; done
	for t in tests/t-*.sh; do tests="$tests $t"; done
fi

pass=0 fail=0 skip=0
log=$(mktemp "${TMPDIR:-/tmp}/sslsift-test.XXXXXX")
trap 'rm -f "$log"' EXIT INT TERM
for t in $tests; do
	name=$(basename "$t" .sh)
	case "$t" in
	*.sh) sh "$t" >"$log" 2>&1 ;;
	*) "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	s=$(grep -c '^ok .*# [Ss][Kk][Ii][Pp]' "$log")
	planned=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$log" | tail -n 1)
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	elif [ -z "$planned" ] || [ "$planned" -ne $((p + f)) ]; then
		echo "not ok - $name: plan ${planned:-missing}, ran $((p + f))" >>"$log"
		f=$((f + 1))
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
	if [ "$f" -gt 0 ]; then
		printf '%-24s FAIL (%d passed, %d failed)\n' "$name" "$p" "$f"
		grep -v '^ok ' "$log" | sed 's/^/    /'
	else
		printf '%-24s ok (%d)\n' "$name" "$p"
	fi
	grep '^ok .*# [Ss][Kk][Ii][Pp]' "$log" | sed 's/^/    /'
done
[ "$skip" -gt 0 ] && echo "($skip of the passed were skipped, see above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
