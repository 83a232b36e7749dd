# Shared helpers for the tests/t-*.sh scripts: TAP output and running
# sslsift with captured stdout, stderr and exit status.
#
#   run ARGS...          runs $SSLSIFT; sets $out, $err, $rc
#   ok COND-STATUS NAME  (use: check NAME CMD...)
#   check NAME CMD...    passes when CMD succeeds
#   is GOT WANT NAME     string equality, shows both on failure
#   like TEXT PATTERN NAME  grep -E on TEXT
#   skip NAME REASON
#   done_testing

: "${SSLSIFT:?run through tests/run.sh}"
T_N=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sslsift-t.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT INT TERM

run() {
	if [ "${VALGRIND:-}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect \
		    "$SSLSIFT" "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	else
		"$SSLSIFT" "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	fi
	rc=$?
	out=$(cat "$T_TMP/out")
	err=$(cat "$T_TMP/err")
}

# run, with standard input from a file
run_stdin() {
	f=$1
	shift
	if [ "${VALGRIND:-}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect \
		    "$SSLSIFT" "$@" <"$f" >"$T_TMP/out" 2>"$T_TMP/err"
	else
		"$SSLSIFT" "$@" <"$f" >"$T_TMP/out" 2>"$T_TMP/err"
	fi
	rc=$?
	out=$(cat "$T_TMP/out")
	err=$(cat "$T_TMP/err")
}

_result() {
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $T_N - $2"
	else
		echo "not ok $T_N - $2"
	fi
	return "$1"
}

check() {
	name=$1
	shift
	"$@" >/dev/null 2>&1
	_result $? "$name"
}

is() {
	if [ "$1" = "$2" ]; then
		_result 0 "$3"
	else
		_result 1 "$3"
		printf '%s\n' "#   got:" "$1" | sed '2,$s/^/#     /'
		printf '%s\n' "#   expected:" "$2" | sed '2,$s/^/#     /'
		return 1
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_result 0 "$3"
	else
		_result 1 "$3"
		printf '%s\n' "$1" | head -n 20 | sed 's/^/#   | /'
		echo "#   does not match: $2"
		return 1
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_result 1 "$3"
		printf '%s\n' "$1" | grep -E -- "$2" | head -n 5 | sed 's/^/#   | /'
		return 1
	else
		_result 0 "$3"
	fi
}

skip() {
	T_N=$((T_N + 1))
	echo "ok $T_N - $1 # SKIP $2"
}

done_testing() {
	echo "1..$T_N"
}
