#!/bin/sh
# The reports: the text report's verdict, sections and inventory, colours,
# the json, jsonl and sarif formats, --baseline in every format, and
# hostile names (escape sequences, metacharacters, newlines) that must
# neither reach the terminal nor break the JSON.
. "$TOP/tests/lib.sh"

B="$TOP/fixtures/bundles"
DEMO="$B/demo"

# --- the text report of the demo bundle
run scan "$DEMO"
is "$(printf '%s\n' "$out" | head -n 1)" \
    "HTTPS on 0.0.0.0:443 fails: the certificate served there has no private key (and 1 more error)" \
    "text: the verdict comes first, from the top root cause"
is "$(printf '%s\n' "$out" | sed -n 2p)" \
    "bundle '$DEMO' (directory): 7 files, as of 2026-11-18 (the newest event in the bundle)" \
    "text: then the bundle (its expect file left out)"
like "$out" '^server WEB01\.contoso\.local$' "text: the server's name"
is "$(printf '%s\n' "$out" | grep -E '^[A-Z][a-z]+( [a-z]+)*( \(.*\))?$' | tr '\n' '|')" \
    "Root causes|Other findings|Inventory|Sites and bindings|Protocols (Schannel)|Events|Files|" \
    "text: the sections in order"
is "$(printf '%s\n' "$out" | sed -n '/^Root causes$/,/^Other/p' | grep -c '^error ')" \
    2 "text: two root causes"
like "$out" '^    https \*:443:shop\.contoso\.com SNI$' "inventory: the binding"
like "$out" '^      http\.sys     0\.0\.0\.0:443 \(the IPv4 wildcard entry\); its own entry shop\.contoso\.com:443 is missing$' \
    "inventory: the http.sys entry that serves it"
like "$out" '^      certificate  3f6c0e2a9b1d4e5f8a7c6b5d4e3f2a1b0c9d8e7f CN=www\.contoso\.com' \
    "inventory: its certificate"
like "$out" 'private key: missing_keyset$' "inventory: its key state"
like "$out" '^      listener     PID 4 \(System: http\.sys\) on 0\.0\.0\.0:443' \
    "inventory: its listener"
like "$out" '^  server  \?         \?         on reg    \?         on reg    \?$' \
    "inventory: the protocol matrix, with where each state comes from"
like "$out" '^  Schannel +36870  0x80090016 +4  2026-11-18 08:14:02  2026-11-18 10:37:58$' \
    "inventory: events by id and error code, count, first and last"
like "$out" '^  netstat   utf-16le-bom  crlf    ok +4672  netstat-anob\.txt$' \
    "inventory: the files"
unlike "$out" "$(printf '\033')" "no colours when stdout is not a terminal"

run scan --as-of 2026-11-20 "$B/healthy"
is "$(printf '%s\n' "$out" | head -n 1)" \
    "No problem found in the 6 files sslsift read" "healthy: the verdict"
like "$out" '^  server  off reg   off reg   off reg   off reg   on reg    \?$' \
    "healthy: the registry decides the matrix, unknown elsewhere"
like "$out" '^  client  off\* reg  \?' "healthy: disabled by default"
like "$out" '^  Microsoft-Windows-HttpEvent  15301  - +2  2026-06-01 17:21:44  2026-06-01 17:22:03$' \
    "healthy: the certificate renewal events"

# --- colours
run scan --color always "$DEMO"
like "$(printf '%s\n' "$out" | head -n 1)" "^$(printf '\033')\\[1;31mHTTPS" \
    "--color always: the verdict in red"
like "$out" "^$(printf '\033')\\[1;31merror$(printf '\033')\\[0m CRT001" \
    "--color always: the severity coloured"
NO_COLOR=1 run scan --color auto "$DEMO"
unlike "$out" "$(printf '\033')" "NO_COLOR: no colours"
run scan --color sometimes "$DEMO"
is "$rc" 3 "--color with a bad value: exit 3"
if command -v script >/dev/null 2>&1 &&
    script -qc true /dev/null >/dev/null 2>&1; then
	t=$(script -qc "$SSLSIFT scan $DEMO" /dev/null | head -n 1)
	like "$t" "$(printf '\033')\\[1;31mHTTPS" "a terminal gets colours"
	t=$(NO_COLOR=1 script -qc "$SSLSIFT scan $DEMO" /dev/null | head -n 1)
	unlike "$t" "$(printf '\033')\\[" "a terminal with NO_COLOR does not"
else
	skip "a terminal gets colours" "no script(1) from util-linux"
	skip "a terminal with NO_COLOR does not" "no script(1) from util-linux"
fi

# --- json and jsonl
run scan --format json "$DEMO" "$B/healthy"
printf '%s\n' "$out" >"$T_TMP/r.json"
check "json: valid, one object per line" "$JSONPARSE" -l "$T_TMP/r.json"
is "$("$JSONPARSE" -k bundle "$T_TMP/r.json" | tr '\n' ' ')" \
    "$DEMO $B/healthy " "json: in input order"
is "$("$JSONPARSE" -k verdict "$T_TMP/r.json" | head -n 1)" \
    "HTTPS on 0.0.0.0:443 fails: the certificate served there has no private key (and 1 more error)" \
    "json: the verdict"
like "$out" '"host":\{"computer":"WEB01\.contoso\.local"\}' "json: the host"
like "$out" '^\{"bundle":"[^"]*","source":"directory","complete":true,"as_of":\{[^}]*\},"summary":\{[^}]*\},"findings":\[\{"rule":"BND004"' \
    "json: the documented keys keep their order"
unlike "$out" '"baseline"' "json: no baseline key without --baseline"
run scan --format jsonl -j 2 "$DEMO" "$B/healthy" "$B/cert-expired"
printf '%s\n' "$out" >"$T_TMP/r.jsonl"
check "jsonl: valid" "$JSONPARSE" -l "$T_TMP/r.jsonl"
is "$("$JSONPARSE" -k bundle "$T_TMP/r.jsonl" | sort | tr '\n' ' ')" \
    "$B/cert-expired $DEMO $B/healthy " "jsonl: every bundle, each line named"
is "$rc" 1 "jsonl: exit status of the batch"

# --- sarif (validated against the schema in t-sarif.sh)
cd "$TOP"
run scan --format sarif fixtures/bundles/demo "$B/healthy"
cd - >/dev/null
printf '%s\n' "$out" >"$T_TMP/r.sarif"
check "sarif: valid JSON" "$JSONPARSE" "$T_TMP/r.sarif"
like "$out" '"version":	"2\.1\.0"' "sarif: version 2.1.0"
is "$(printf '%s\n' "$out" | grep -c '"ruleId":')" 8 "sarif: one result per finding"
like "$out" '"uri":	"fixtures/bundles/demo/",' "sarif: the bundle folder as base"
like "$out" '"uriBaseId":	"%SRCROOT%"' "sarif: relative to the source root"
like "$out" "\"uri\":	\"file://$B/healthy/\"" "sarif: an absolute path as a file URI"
like "$out" '"uri":	"sslcert\.txt",' "sarif: artifacts relative to the bundle"
like "$out" '"startLine":	5' "sarif: the evidence line"

# --- --baseline
printf '# accepted on 2026-11-20\nPRO003 TLS 1.0 server\nEVT007 shop.contoso.com:443\nCRT006 0000000000000000000000000000000000000000\n' \
    >"$T_TMP/baseline"
run scan --format brief --baseline "$T_TMP/baseline" "$DEMO"
is "$rc" 1 "baseline: the errors still count"
unlike "$out" '^PRO003 ' "brief: accepted findings are not listed"
like "$out" '^CRT006 stale 0000000000000000000000000000000000000000$' \
    "brief: a stale entry"
cat >"$T_TMP/warnings-ok" <<'EOF'
PRO004 HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.1\Server\Enabled
PRO004 HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server\DisabledBy Default
PRO004 HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server\Enabled
EOF
run scan --as-of 2026-11-20 --baseline "$T_TMP/warnings-ok" "$B/reg-noncanonical"
is "$rc" 0 "baseline: only accepted findings at or above --fail-on: exit 0"
like "$out" '\[accepted in the baseline\]' "text: accepted findings marked"
like "$out" '^0 errors, 3 warnings, 1 info \(3 accepted in the baseline\)$' \
    "text: the count of accepted findings"
run scan --baseline "$T_TMP/baseline" "$DEMO"
like "$out" '^  2 findings accepted, 6 new; 1 stale entry \(no longer found\):$' \
    "text: the baseline section"
like "$out" '^    CRT006 0000000000000000000000000000000000000000 \(line 4\)$' \
    "text: the stale entry with its line"
run scan --format json --baseline "$T_TMP/baseline" "$DEMO"
like "$out" '"baseline":\{"accepted":2,"new":6,"stale":\[\{"rule":"CRT006","subject":"0000000000000000000000000000000000000000","line":4\}\]\}' \
    "json: the baseline"
like "$out" '"verdict":"HTTPS works, but TLS 1\.0 is enabled for the server, which is obsolete","accepted":true' \
    "json: accepted findings"
run scan --format sarif --baseline "$T_TMP/baseline" "$DEMO"
like "$out" '"baselineState":	"unchanged"' "sarif: accepted findings unchanged"
like "$out" '"baselineState":	"new"' "sarif: the others new"
like "$out" '"baselineState":	"absent"' "sarif: stale entries absent"
printf 'not a finding\n' >"$T_TMP/bad-baseline"
run scan --baseline "$T_TMP/bad-baseline" "$DEMO"
is "$rc" 3 "a malformed baseline: exit 3"
like "$err" "bad-baseline:1: not 'RULE-ID SUBJECT'" "malformed baseline: file and line"
run scan --baseline "$T_TMP/missing" "$DEMO"
is "$rc" 3 "a missing baseline: exit 3"

# --- hostile names: a site name with metacharacters and a newline, an
# http.sys entry with ANSI sequences, a file name with both
hostile_bundle "$T_TMP/hostile"
run scan "$T_TMP/hostile"
unlike "$out" "$(printf '\033')" "text: no escape character reaches the terminal"
unlike "$out" "$(printf '\007')" "text: no BEL"
unlike "$out" "$(printf '\302\233')" "text: no C1 CSI"
unlike "$out" "$(printf '\r')" "text: no CR"
like "$out" "site 'Evil <script>alert\\(1\\)</script> \"q\" \\\\back\\\\x0asecond line\\\\x9b31m\\\\x0d'" \
    "text: the site name escaped, on one line"
like "$out" 'evil\\x1b\]0;pwned\\x07\.example\\x1b\[2J"<&>:443' \
    "text: the http.sys entry escaped"
like "$out" 'ssl\\x1b\[31mcert\\x0a"<&>\\\.txt:4: ' "text: the file name escaped"
run scan --format brief "$T_TMP/hostile"
unlike "$out" "$(printf '\033')" "brief: no escape character"
for f in json jsonl; do
	run scan --format $f "$T_TMP/hostile"
	printf '%s\n' "$out" >"$T_TMP/h.$f"
	check "$f: valid with hostile names" "$JSONPARSE" -l "$T_TMP/h.$f"
	is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "$f: still one line"
	unlike "$out" "$(printf '\033')" "$f: escape characters as \\u001b"
done
like "$(cat "$T_TMP/h.json")" '\\u001b\]0;pwned\\u0007' "json: control characters as \\u"
like "$(cat "$T_TMP/h.json")" 'Evil <script>alert\(1\)</script> \\"q\\" \\\\back\\nsecond line' \
    "json: the site name round-trips"
run scan --format sarif "$T_TMP/hostile"
printf '%s\n' "$out" >"$T_TMP/h.sarif"
check "sarif: valid with hostile names" "$JSONPARSE" "$T_TMP/h.sarif"
like "$out" '"uri":	"ssl%1B%5B31mcert%0A%22%3C%26%3E%5C\.txt"' \
    "sarif: the file name percent-encoded"
unlike "$out" "$(printf '\033')" "sarif: no escape character"

# A file name that is not UTF-8 still gives valid JSON.
mkdir "$T_TMP/latin1"
cp "$DEMO/sslcert.txt" "$T_TMP/latin1/$(printf 'caf\351.txt')"
run scan --format json "$T_TMP/latin1"
printf '%s\n' "$out" >"$T_TMP/l.json"
check "json: a Latin-1 file name, valid" "$JSONPARSE" -l "$T_TMP/l.json"
like "$out" "$(printf '"path":"caf\357\277\275.txt"')" "json: invalid UTF-8 as U+FFFD"
run scan "$T_TMP/latin1"
like "$out" 'caf\\xe9\.txt' "text: invalid UTF-8 as \\xNN"

done_testing
