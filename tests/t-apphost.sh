#!/bin/sh
# applicationHost.config: entities stay inert, any encoding reads the same,
# fragments and damaged files are partial, the real samples parse.
. "$TOP/tests/lib.sh"

AH="$TOP/fixtures/apphost"
FULL="$AH/iis10-server-https-ip-ipv6-sni-ccs-97-metadata-5506-location-crlf.config"

records() { printf '%s\n' "$out" | sed -n '/"hosts":/,$p' | grep -v '"path"'; }

run dump "$FULL"
utf8=$(records)
like "$out" '"status":	"ok",' "full IIS 10 config: ok"

# The same file as UTF-16LE with a BOM (its declaration still says UTF-8)
# and as UTF-8 with LF: the same records.
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$FULL"; } >"$T_TMP/u16.config"
run dump "$T_TMP/u16.config"
like "$out" '"encoding":	"utf-16le-bom",' "UTF-16LE copy detected"
is "$(records)" "$utf8" "UTF-16LE copy: the same records"
tr -d '\r' <"$FULL" >"$T_TMP/lf.config"
run dump "$T_TMP/lf.config"
is "$(records)" "$utf8" "LF copy: the same records"

# Entities: a file:// entity is not read, nested entities not expanded.
echo "CANARY-51c2d0" >"$T_TMP/canary.txt"
cat >"$T_TMP/xxe.config" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE configuration [
<!ENTITY x SYSTEM "file://$T_TMP/canary.txt">
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<configuration>
  <system.applicationHost>
    <sites>
      <site name="Default Web Site" id="1">
        <bindings>
          <binding protocol="https" bindingInformation="*:443:" sslFlags="0" />
        </bindings>
      </site>
      <site name="&x;" id="2" />
      <site name="&c;" id="3" />
    </sites>
  </system.applicationHost>
</configuration>
XML
run dump "$T_TMP/xxe.config"
unlike "$out" CANARY "external entity not read"
unlike "$out" aaaaaaaaaaaaaaaa "entities not expanded"
like "$out" '"status":	"partial",' "entity reference: partial"
like "$out" "entity 'x' not defined" "the entity is reported"
like "$out" '"name":	"Default Web Site"' "what came before is kept"

# A fragment: partial, bindings without a site.
run scan "$AH/ticket-paste-bindings-element-only.config"
like "$out" "apphost .* partial" "fragment: partial"
like "$out" "read as a fragment" "fragment: said so"

# Cut off: what was read is kept, the error says where.
run scan "$AH/iis10-server-truncated-inside-site-bindings.config"
like "$out" ":117: error: the file ends inside the XML" \
    "truncated: reported at the last line"

# The real samples (reference-only) all parse; one is a fragment.
if [ -d "$CORPUS/apphost" ]; then
	run scan "$CORPUS/apphost"
	is "$(printf '%s\n' "$out" | grep -c 'apphost .* ok ')" 8 \
	    "corpus: eight whole files ok"
	like "$out" "apphost .* partial .*fragment-single-site" \
	    "corpus: the fragment is partial"
else
	skip "corpus apphost files" "$CORPUS not present"
	skip "corpus fragment" "$CORPUS not present"
fi

done_testing
