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

# Every command is in the SYNOPSIS with the operands its usage line names.
synopsis=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh /p' "$MAN")
for c in $cmds; do
	ops=$("$SSLSIFT" "$c" --help | sed -n '1s/^usage: sslsift [a-z]* \[options\] *//p')
	printf '%s\n' "$synopsis" | grep -qx "\.Cm $c"
	_result $? "command '$c' is in the SYNOPSIS"
	for o in $ops; do
		o=${o%...}
		[ -z "$o" ] && continue
		printf '%s\n' "$synopsis" | sed -n "/^\.Cm $c\$/,/^\.Nm/p" |
		    grep -q "^\.Ar $o"
		_result $? "SYNOPSIS of '$c' names its operand $o"
	done
done

# The man pages of every format and file the commands read or write.
for sect in "JSON OUTPUT" "SARIF OUTPUT" "SUMMARY OUTPUT" "EXPECTATION FILES" \
    LIMITS ENVIRONMENT; do
	grep -qx "\.Sh $sect" "$MAN"
	_result $? "sslsift(1) has the section $sect"
done
grep -q '^\.It Ev NO_COLOR$' "$MAN"
_result $? "NO_COLOR is documented"
for c in "netsh http show sslcert" "netsh http show iplisten" "netstat -anob" \
    "certutil -v -store my" "wevtutil qe System" "wevtutil epl System" \
    "reg export" "applicationHost.config" "Compress-Archive"; do
	grep -q -- "$c" "$TOP/man/sslsift-bundle.7"
	_result $? "sslsift-bundle(7) gives '$c'"
done
is "$(grep -c '^\.Ss Collecting in' "$TOP/man/sslsift-bundle.7")" 2 \
    "sslsift-bundle(7): commands for cmd.exe and for PowerShell"

# The README's sample report is the real report of the demo bundle: every
# line shown (but those cut with " ...") is a line of it, in order.
(cd "$TOP" && "$SSLSIFT" scan fixtures/bundles/demo) >"$T_TMP/demo.txt" 2>&1
sed -n '/^status\. From the sample bundle/,/^Every character/p' "$TOP/README.md" |
    sed -n 's/^    //p' >"$T_TMP/sample.txt"
like "$(head -n 1 "$T_TMP/sample.txt")" '^HTTPS on 0\.0\.0\.0:443 fails' \
    "README: the sample starts with the verdict"
missing=$(awk 'NR == FNR { real[++n] = $0; next }
    /^ *\[\.\.\.\]$/ || / \.\.\.$/ || $0 == "" { next }
    { while (i < n && real[++i] != $0) ; if (real[i] != $0) { print; exit } }' \
    "$T_TMP/demo.txt" "$T_TMP/sample.txt")
is "$missing" "" "README: the sample report is what sslsift prints, in order"

readme=$(cat "$TOP/README.md")
like "$readme" 'make demo' "README gives the demo command"
like "$readme" 'make check' "README gives the test command"
like "$readme" 'sslsift summary' "README shows the fleet summary"
like "$readme" 'parallel -S' "README shows the scan on several machines"
like "$readme" 'sslsift test' "README shows the CI regression tests"
like "$readme" '--baseline' "README shows baselines"
like "$(cat "$TOP/.ci/run")" '^make check$' ".ci/run runs the README's test command"

done_testing
