#!/bin/sh
# Whole-program behaviour: exit codes, usage errors, unreadable and odd
# inputs, standard input.
. "$TOP/tests/lib.sh"

DEMO="$TOP/fixtures/bundles/demo"

run
is "$rc" 3 "no command: exit 3"
like "$err" '^usage: sslsift' "no command: usage on stderr"

run --help
is "$rc" 0 "--help: exit 0"
like "$out" 'scan +analyse bundles' "--help lists the commands"

run --version
like "$out" '^sslsift [0-9]+\.[0-9]+\.[0-9]+$' "--version"

run frobnicate
is "$rc" 3 "unknown command: exit 3"
like "$err" "unknown command 'frobnicate'" "unknown command named"

run scan --bogus "$DEMO"
is "$rc" 3 "unknown option: exit 3"
like "$err" "unknown option '--bogus'" "unknown option named"
like "$err" '^usage: sslsift scan' "unknown option: short usage"

run scan
is "$rc" 3 "scan without INPUT: exit 3"
like "$err" 'no INPUT given' "scan without INPUT says so"

run scan --format
is "$rc" 3 "option without its value: exit 3"
like "$err" "option '--format' needs a value" "missing value named"

run scan --format yaml "$DEMO"
is "$rc" 3 "unknown format: exit 3"

run scan --max-file-size 12Q "$DEMO"
is "$rc" 3 "bad size: exit 3"
like "$err" "invalid size '12Q'" "bad size named"

run scan --help
is "$rc" 0 "scan --help: exit 0"
like "$out" '--max-file-size SIZE' "scan --help lists options"

# Unreadable inputs: exit 2 after the other inputs were processed.
run scan "$T_TMP/missing.txt"
is "$rc" 2 "missing file: exit 2"
is "$err" "sslsift: cannot open '$T_TMP/missing.txt': No such file or directory" \
    "missing file: message names it"

run scan "$T_TMP/missing.txt" "$DEMO"
is "$rc" 2 "missing file and a good bundle: exit 2"
like "$out" "bundle '.*demo' \(directory\): 7 files" \
    "the good bundle is still reported"

run scan "$DEMO" "$T_TMP/missing.txt"
is "$rc" 2 "good bundle then a missing file: exit 2"

run scan "$DEMO"
is "$rc" 1 "demo bundle: findings, exit 1"
run scan --fail-on never "$DEMO"
is "$rc" 0 "demo bundle with --fail-on never: exit 0"
like "$out" 'apphost +utf-8 +crlf .* applicationHost\.config' \
    "demo: applicationHost.config found"
like "$out" 'netstat +utf-16le-bom +crlf .* netstat-anob\.txt' \
    "demo: UTF-16 netstat found"
like "$out" 'unknown +utf-8 .* ticket-notes\.txt' \
    "demo: unknown files are listed, not errors"

# Odd single files.
: >"$T_TMP/empty.txt"
run scan "$T_TMP/empty.txt"
is "$rc" 0 "empty file: exit 0"
like "$out" 'unknown +empty ' "empty file listed as unknown"
like "$out" 'empty.txt: note: empty file' "empty file: note"

head -c 4096 /dev/urandom >"$T_TMP/garbage.bin" 2>/dev/null ||
    dd if=/dev/urandom of="$T_TMP/garbage.bin" bs=4096 count=1 2>/dev/null
run scan "$T_TMP/garbage.bin"
is "$rc" 0 "binary garbage: exit 0"
like "$out" 'unknown +binary ' "binary garbage listed as unknown binary"

# Truncated UTF-16: a .reg export cut after an odd number of bytes.
printf '\377\376W\000i\000n\000d\000o\000w\000s\000 \000R\000e\000g\000i\000s\000t\000r\000y\000 \000E\000d\000i\000t\000o\000r\000 \000V\000e\000r\000s\000i\000o\000n\000 \0005\000.\0000\0000\000\r\000\n\000\r' \
    >"$T_TMP/cut.reg"
run scan --fail-on never "$T_TMP/cut.reg"
is "$rc" 0 "truncated UTF-16: exit 0"
like "$out" 'reg +utf-16le-bom' "truncated UTF-16 still detected"
like "$out" 'cut.reg:2: warning: truncated UTF-16' \
    "truncated UTF-16: diagnostic with line"

# Invalid UTF-8 is replaced, with the line named.
printf 'SSL Certificate bindings:\n\n    IP:port   : 0.0.0.0:443\n    Certificate Hash : ab\377cd\n' \
    >"$T_TMP/bad-utf8.txt"
run scan "$T_TMP/bad-utf8.txt"
like "$out" 'bad-utf8.txt:4: warning: invalid UTF-8 replaced' \
    "invalid UTF-8: diagnostic with line"

# Standard input.
run_stdin "$DEMO/netstat-anob.txt" scan -
is "$rc" 0 "stdin: exit 0"
like "$out" "bundle '-' \(stdin\)" "stdin bundle named '-'"
like "$out" 'netstat +utf-16le-bom' "stdin: content detected"

# Options after operands work the same everywhere; "--" ends options.
run scan "$DEMO" --format json
like "$out" '^\{"bundle":' "options may follow operands"
cp "$DEMO/sslcert.txt" "$T_TMP/--format"
cd "$T_TMP" && run scan -- --format
is "$rc" 0 "'--' ends options"
like "$out" "netsh .* --format" "'--' ends options: the file is read"
cd "$TOP"

# A hostile file name cannot drive the terminal.
esc=$(printf 'x\033]0;pwned\007.txt')
cp "$DEMO/sslcert.txt" "$T_TMP/$esc"
run scan "$T_TMP/$esc"
unlike "$out" "$(printf '\033')" "no escape character reaches the report"
like "$out" 'x\\x1b\]0;pwned\\x07\.txt' "control characters shown escaped"

# dump gives valid-looking JSON with the inventory and record arrays.
run dump "$DEMO"
is "$rc" 0 "dump: exit 0"
like "$out" '"artifacts":' "dump: artifacts"
like "$out" '"sslcerts":' "dump: record arrays"
run dump
is "$rc" 3 "dump without INPUT: exit 3"

done_testing
