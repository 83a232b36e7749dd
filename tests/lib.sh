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

# hostile_bundle DIR: a bundle whose site name holds HTML and JSON
# metacharacters, a backslash, a newline, a CR and a C1 CSI (all valid in
# XML), whose http.sys entry holds ANSI escape sequences, and whose netsh
# file name holds an escape sequence, a newline and "<&>.
hostile_bundle() {
	mkdir -p "$1"
	printf '<?xml version="1.0" encoding="UTF-8"?>\r\n<configuration><system.applicationHost><sites>\r\n<site name="Evil &lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; \\back&#10;second line\302\23331m&#13;" id="7">\r\n<bindings><binding protocol="https" bindingInformation="*:443:" sslFlags="1" /></bindings>\r\n</site>\r\n</sites></system.applicationHost></configuration>\r\n' \
	    >"$1/applicationHost.config"
	printf 'SSL Certificate bindings:\r\n-------------------------\r\n\r\n    Hostname:port                : evil\033]0;pwned\007.example\033[2J"<&>:443\r\n    Certificate Hash             : 3f6c0e2a9b1d4e5f8a7c6b5d4e3f2a1b0c9d8e7f\r\n    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n    Certificate Store Name       : My\r\n\r\n' \
	    >"$1/$(printf 'ssl\033[31mcert\n"<&>\\.txt')"
}
