#!/bin/sh
# sslsift test: every fixture bundle against its expectation file (each
# bundle is one test of this script), then how the command reports a rule
# change, an edited bundle, --update, archives with NAME.expect beside
# them, and expectation files it cannot use.
. "$TOP/tests/lib.sh"

B="$TOP/fixtures/bundles"

# --- the fixtures: sslsift test fixtures/, each bundle counted here
cd "$TOP"
run test -j 2 fixtures/
cd - >/dev/null
printf '%s\n' "$out" >"$T_TMP/fixtures.tap"
while IFS= read -r line; do
	case "$line" in
	"ok "*) _result 0 "sslsift test: ${line#ok [0-9]* - }" ;;
	"not ok "*) _result 1 "sslsift test: ${line#not ok [0-9]* - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$T_TMP/fixtures.tap"
n=$(ls "$B"/*/expect | wc -l | tr -d ' ')
is "$(tail -n 1 "$T_TMP/fixtures.tap")" "$n passed, 0 failed" \
    "sslsift test fixtures/: the closing line"
is "$rc" 0 "sslsift test fixtures/: exit 0"
for d in "$B"/*/; do
	[ -f "$d/expect" ]
	_result $? "$(basename "$d") has an expectation file"
done

# --- a rule dropped in with --rules fires on the demo: the test fails,
# with a diff that names the unexpected finding
R="$T_TMP/rules"
mkdir -p "$R/local"
cat >"$R/local/ACME100.json" <<'EOF'
{
  "id": "ACME100",
  "family": "local",
  "severity": "warning",
  "title": "http.sys serves a certificate without its key",
  "select": "served",
  "requires": ["netsh", "certutil"],
  "when": { "field": "has_key", "op": "equals", "value": false },
  "subject": "{endpoint}",
  "message": "{endpoint}",
  "remediation": ["Re-import the PFX."],
  "references": []
}
EOF
printf '# ACME100 http.sys serves a certificate without its key\n' \
    >"$R/local/ACME100.md"
run test --rules "$R" "$B/demo"
is "$rc" 1 "a changed rule set: exit 1"
is "$out" "not ok 1 - $B/demo: 0 missing, 1 unexpected
#   --- $B/demo/expect
#   +++ sslsift scan $B/demo
#   +ACME100 0.0.0.0:443
1..1
0 passed, 1 failed" "a changed rule set: TAP with a readable diff"

# --- an edited copy of a bundle: a finding goes missing
mkdir "$T_TMP/corpus"
cp -R "$B/demo" "$T_TMP/corpus/demo"
rm "$T_TMP/corpus/demo/schannel.reg"
run test "$T_TMP/corpus"
is "$rc" 1 "an edited bundle: exit 1"
like "$out" "^not ok 1 - $T_TMP/corpus/demo: 1 missing, 0 unexpected$" \
    "an edited bundle: not ok, with the counts"
like "$out" '^#   -PRO003 TLS 1\.0 server$' "an edited bundle: the missing finding"

# --- --update rewrites the file, keeping its comment, and then it passes
run test --update "$T_TMP/corpus"
is "$rc" 0 "--update: exit 0"
like "$out" "^ok 1 - $T_TMP/corpus/demo # updated $T_TMP/corpus/demo/expect$" \
    "--update: says which file it rewrote"
is "$(head -n 1 "$T_TMP/corpus/demo/expect")" "$(head -n 1 "$B/demo/expect")" \
    "--update: the header comment is kept"
unlike "$(cat "$T_TMP/corpus/demo/expect")" '^PRO003' "--update: the finding is gone"
run test "$T_TMP/corpus"
is "$out" "ok 1 - $T_TMP/corpus/demo
1..1
1 passed, 0 failed" "after --update: passes"

# A bundle judged as of today gets an --as-of line from --update.
mkdir "$T_TMP/today"
cp "$B/sni-without-host/applicationHost.config" "$T_TMP/today/"
printf 'BND005 *:443:\n' >"$T_TMP/today/expect"
run test --update "$T_TMP/today"
like "$out" '# updated .* \(judged as of today: --as-of added\)$' \
    "--update: pins a bundle judged as of today"
like "$(cat "$T_TMP/today/expect")" '^--as-of [0-9]{4}-[0-9]{2}-[0-9]{2}$' \
    "--update: the --as-of line"
like "$(cat "$T_TMP/today/expect")" '^# sslsift test: the findings' \
    "--update: a header for a file that had none"

# --- NAME.expect beside an archive or a single file
mkdir "$T_TMP/arch"
"$MKARCHIVE" "$T_TMP/arch/cert-expired.zip" zip "tree:$B/cert-expired="
grep -v '^#' "$B/cert-expired/expect" >"$T_TMP/arch/cert-expired.zip.expect"
cp "$B/reg-noncanonical/schannel.reg" "$T_TMP/arch/one.reg"
printf -- '--as-of 2026-11-20\nPRO005 SendExtraRecord\n' >"$T_TMP/arch/one.reg.expect"
run test "$T_TMP/arch"
like "$out" "^ok 1 - $T_TMP/arch/cert-expired\\.zip$" "NAME.expect: an archive"
like "$out" "^not ok 2 - $T_TMP/arch/one\\.reg: 0 missing, 3 unexpected$" \
    "NAME.expect: a single file"
run test "$T_TMP/arch/one.reg"
like "$out" '^not ok 1 - .*one\.reg: ' "a bundle named directly, its .expect beside"
run test "$T_TMP/arch/one.reg.expect"
like "$out" '^not ok 1 - .*one\.reg: ' "an expectation file named directly"

# --- expectation files that cannot be used
mkdir -p "$T_TMP/bad/a" "$T_TMP/bad/b"
cp "$B/healthy/sslcert.txt" "$T_TMP/bad/a/"
cp "$B/healthy/sslcert.txt" "$T_TMP/bad/b/"
printf 'this is not a finding\n' >"$T_TMP/bad/a/expect"
printf -- '--colour red\n' >"$T_TMP/bad/b/expect"
run test "$T_TMP/bad"
is "$rc" 1 "unusable expectation files: exit 1"
like "$out" "^not ok 1 - $T_TMP/bad/a: the expectation file cannot be used$" \
    "a malformed line: not ok"
like "$out" "^#   $T_TMP/bad/a/expect:1: not 'RULE-ID SUBJECT'" \
    "a malformed line: file and line"
like "$out" "^#   $T_TMP/bad/b/expect: unknown option '--colour'" \
    "an unknown option: named"
mkdir "$T_TMP/empty"
run test "$T_TMP/empty"
is "$rc" 2 "a corpus without expectation files: exit 2"
like "$err" "no bundle with an expectation file" "a corpus without expectation files: said"
run test "$T_TMP/nowhere"
is "$rc" 2 "a missing corpus: exit 2"
run test
is "$rc" 3 "no corpus: exit 3"

# --- the expectation file is not part of the bundle
run scan --format json "$B/demo"
unlike "$out" '"path":"expect"' "scan leaves the bundle folder's expect file out"

done_testing
