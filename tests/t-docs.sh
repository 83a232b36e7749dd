#!/bin/sh
# Documentation kept honest: --help and man/sslsift.1 list the same options
# and commands, every exit status is documented, the man pages lint clean.
. "$TOP/tests/lib.sh"

MAN="$TOP/man/sslsift.1"
# Long options the man page documents ("Fl \-max\-file\-size" -> max-file-size).
man_opts=$(sed 's/\\-/-/g' "$MAN" | grep -o 'Fl -[a-z][a-z0-9-]*' |
    sed 's/^Fl -//' | sort -u)

run --help
cmds=$(printf '%s\n' "$out" | awk '/^Commands:/ { on = 1; next }
    on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
like "$cmds" 'scan' "--help lists commands"
help_opts="help
version"
for c in $cmds; do
	grep -q "^\.It Cm $c" "$MAN"
	_result $? "command '$c' is in the man page under COMMANDS"
	run "$c" --help
	opts=$(printf '%s\n' "$out" | grep -o -- '--[a-z][a-z0-9-]*' |
	    sed 's/^--//')
	for o in $opts; do
		printf '%s\n' "$man_opts" | grep -qx -- "$o"
		_result $? "'$c --$o' is documented in the man page"
	done
	help_opts="$help_opts
$opts"
done
for o in $man_opts; do
	printf '%s\n' "$help_opts" | grep -qx -- "$o"
	_result $? "man page option '--$o' exists in some --help"
done

# Exit statuses: every value of enum exit_code is under EXIT STATUS.
codes=$(sed -n 's/^[[:space:]]*EXIT_[A-Z]* = \([0-9]*\),.*/\1/p' \
    "$TOP/src/exitcode.h")
like "$codes" '^0$' "exit codes read from src/exitcode.h"
exit_section=$(sed -n '/^\.Sh EXIT STATUS/,/^\.Sh /p' "$MAN")
for c in $codes; do
	printf '%s\n' "$exit_section" | grep -qx "\.It $c"
	_result $? "exit status $c is documented"
done

for page in "$TOP"/man/*.[1-9]; do
	if command -v mandoc >/dev/null 2>&1; then
		lint=$(mandoc -Tlint -Wwarning "$page" 2>&1)
		is "$lint" "" "mandoc -Tlint: $(basename "$page")"
	elif command -v groff >/dev/null 2>&1; then
		lint=$(groff -mandoc -ww -z "$page" 2>&1)
		is "$lint" "" "groff -ww: $(basename "$page")"
	else
		skip "lint $(basename "$page")" "neither mandoc nor groff"
	fi
done

readme=$(cat "$TOP/README.md")
like "$readme" 'make demo' "README gives the demo command"
like "$readme" 'make check' "README gives the test command"
like "$(cat "$TOP/.ci/run")" '^make check$' ".ci/run runs the README's test command"

done_testing
