#!/bin/sh
# Hostile inputs: each gets a clear diagnostic, nothing crashes, hangs or
# reaches outside the bundle, and the rest of the bundle is analysed.
# (Archives with ../ paths, links, encryption, truncation and nested
# archives are in t-bundle.sh; entities in event exports in t-events.sh.)
. "$TOP/tests/lib.sh"

DEMO="$TOP/fixtures/bundles/demo"
NS='http://schemas.microsoft.com/win/2004/08/events/event'

# A bundle made of one hostile file plus a good one: the good one must
# still be parsed.  hostile NAME: puts $T_TMP/NAME into a fresh bundle dir.
hostile() {
	rm -rf "$T_TMP/b"
	mkdir "$T_TMP/b"
	cp "$DEMO/sslcert.txt" "$T_TMP/b/good-sslcert.txt"
	mv "$T_TMP/$1" "$T_TMP/b/$1"
	run scan "$T_TMP/b"
	like "$out" 'netsh +utf-8 +crlf +ok .* good-sslcert\.txt' \
	    "$1: the rest of the bundle is analysed"
}

# XML: an external entity pointing at a URL is neither fetched nor expanded
# (no network: the port is closed anyway, and nothing may wait on it).
cat >"$T_TMP/xxe-url.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE Events [ <!ENTITY u SYSTEM "http://127.0.0.1:9/secret"> ]>
<Events><Event xmlns='$NS'><System><Provider Name='Schannel'/><EventID>36870</EventID></System><EventData><Data Name='ErrorCode'>&u;</Data></EventData></Event></Events>
XML
hostile xxe-url.xml
like "$out" "entity 'u' not defined" "URL entity: reported, not fetched"

# applicationHost.config with an external entity and billion laughs.
echo "CANARY-apphost-31337" >"$T_TMP/canary.txt"
cat >"$T_TMP/laughs.config" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE configuration [
<!ENTITY x SYSTEM "file://$T_TMP/canary.txt">
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<configuration><system.applicationHost><sites>
<site name="&x;&c;" id="1"><bindings><binding protocol="https" bindingInformation="*:443:" /></bindings></site>
</sites></system.applicationHost></configuration>
XML
hostile laughs.config
run dump "$T_TMP/b/laughs.config"
unlike "$out" CANARY "apphost: external entity not read"
unlike "$out" aaaaaaaaaaaaaaaa "apphost: entities not expanded"

# A 100 MB attribute in an event export (streamed) and in an
# applicationHost.config (read whole up to the text cap).
{
	printf "<Event xmlns='%s'><System><Provider Name='Schannel' Guid='" "$NS"
	head -c 100000000 /dev/zero | tr '\0' 'A'
	printf "'/><EventID>36870</EventID></System></Event>\n"
	printf "<Event xmlns='%s'><System><Provider Name='Schannel'/><EventID>36888</EventID></System><EventData><Data Name='AlertDesc'>40</Data></EventData></Event>\n" "$NS"
} >"$T_TMP/huge-attr.xml"
hostile huge-attr.xml
like "$out" 'events .* (ok|partial) .* huge-attr\.xml' \
    "100 MB attribute: the export is still read"
run dump "$T_TMP/b/huge-attr.xml"
like "$out" '"event_id":	36888,' "100 MB attribute: the next event is kept"
{
	printf '<?xml version="1.0"?>\n<configuration><system.applicationHost><sites><site name="'
	head -c 100000000 /dev/zero | tr '\0' 'B'
	printf '" id="1"/></sites></system.applicationHost></configuration>\n'
} >"$T_TMP/huge-attr.config"
hostile huge-attr.config
like "$out" 'huge-attr.config: error: text longer than' \
    "100 MB apphost: stops at the text cap, says so"

# 10,000-deep nesting.
awk 'BEGIN {
	printf "<configuration><system.applicationHost><sites>"
	for (i = 0; i < 10000; i++) printf "<d>"
	for (i = 0; i < 10000; i++) printf "</d>"
	print "</sites></system.applicationHost></configuration>" }' \
    >"$T_TMP/deep.config"
hostile deep.config
like "$out" 'deep.config(:[0-9]+)?: (error|warning): .*(deep|nest)' \
    "10,000-deep apphost: a clear diagnostic"
awk -v ns="$NS" 'BEGIN {
	printf "<Event xmlns=\x27%s\x27><System><Provider Name=\x27Schannel\x27/><EventID>36870</EventID></System><EventData>", ns
	for (i = 0; i < 10000; i++) printf "<x>"
	for (i = 0; i < 10000; i++) printf "</x>"
	print "</EventData></Event>" }' >"$T_TMP/deep.xml"
hostile deep.xml
like "$out" 'deep.xml(:[0-9]+)?: (error|warning): .*(deep|nest)' \
    "10,000-deep event: a clear diagnostic"

# Invalid UTF-8 inside XML, and a UTF-16 export with an odd byte count.
printf "<Event xmlns='%s'><System><Provider Name='Sch\377annel'/><EventID>36870</EventID></System></Event>\n" "$NS" \
    >"$T_TMP/bad-utf8.xml"
hostile bad-utf8.xml
like "$out" 'bad-utf8.xml:1: warning: invalid UTF-8 replaced' \
    "invalid UTF-8 in XML: diagnostic with line"
{
	printf '\377\376'
	printf "<Event xmlns='%s'><System><Provider Name='Schannel'/><EventID>36870</EventID></System></Event>\n" "$NS" |
	    awk '{ for (i = 1; i <= length($0); i++) printf "%s@", substr($0, i, 1)
		printf "\r@\n@" }' | tr '@' '\000'
	printf 'x'
} >"$T_TMP/odd16.xml"
hostile odd16.xml
like "$out" 'events +utf-16le-bom .* odd16\.xml' "odd UTF-16: still detected"
like "$out" 'odd16.xml:2: warning: truncated UTF-16' \
    "odd UTF-16: diagnostic with line"

# Millions of all-different events would each need a record: distinct kept
# events are capped per artifact, the rest counted.
awk -v ns="$NS" 'BEGIN { for (i = 0; i < 25000; i++)
	printf "<Event xmlns=\x27%s\x27><System><Provider Name=\x27Schannel\x27/><EventID>36888</EventID></System><EventData><Data Name=\x27AlertDesc\x27>40</Data><Data Name=\x27ErrorState\x27>%d</Data></EventData></Event>\n", ns, i }' \
    >"$T_TMP/distinct.xml"
hostile distinct.xml
like "$out" 'distinct.xml:20001: warning: more than 20000 distinct events to keep' \
    "distinct events: capped, with a warning at the first one left out"
run dump "$T_TMP/b/distinct.xml"
like "$out" '"events_total":	25000,' "distinct events: all counted"
like "$out" '"events_kept":	20000,' "distinct events: 20000 kept"

# Archives: a 1 GB zip bomb and 100,000 entries.
"$MKARCHIVE" "$T_TMP/bomb.zip" zip "file:good.txt=$DEMO/sslcert.txt" \
    "repeat:events.xml=1073741824:<Event xmlns='$NS'><System><Provider Name='Service Control Manager'/><EventID>7036</EventID></System></Event>
"
run scan "$T_TMP/bomb.zip"
is "$rc" 2 "1 GB zip bomb: exit 2, report incomplete"
like "$out" 'archive expands more than 250 times' "1 GB zip bomb: diagnostic"
like "$out" 'netsh .* ok .* good\.txt' "1 GB zip bomb: the file before it analysed"
MALLOC_TOP_PAD_=100000000 "$MKARCHIVE" "$T_TMP/many.zip" zip many:f=100000
run scan "$T_TMP/many.zip"
is "$rc" 2 "100,000 entries: exit 2"
like "$out" 'more than 10000 files' "100,000 entries: stops at the limit"

# Text: a 10 MB line in each line-oriented kind.
for kind in netsh netstat certutil reg; do
	case $kind in
	netsh) head1='SSL Certificate bindings:' ;;
	netstat) head1='Active Connections

  Proto  Local Address          Foreign Address        State           PID
  TCP    0.0.0.0:443            0.0.0.0:0              LISTENING       4' ;;
	certutil) head1='================ Certificate 0 ================' ;;
	reg) head1='Windows Registry Editor Version 5.00' ;;
	esac
	{
		printf '%s\r\n' "$head1"
		head -c 10485760 /dev/zero | tr '\0' 'x'
		printf '\r\n%s\r\n' "$head1"
	} >"$T_TMP/long-$kind.txt"
	hostile "long-$kind.txt"
	like "$out" "$kind .* long-$kind\\.txt" "10 MB line: $kind still detected and parsed"
done

# NUL bytes inside a netsh listing.
tr '#' '\000' <"$DEMO/sslcert.txt" | sed 's/Usage Check /Usage#Check /' |
    tr '#' '\000' >"$T_TMP/nul.txt"
hostile nul.txt
like "$out" 'nul.txt:[0-9]+: warning: NUL byte replaced' "NUL bytes: diagnostic with line"

# Every byte value, over and over.
awk 'BEGIN { for (r = 0; r < 64; r++) for (i = 0; i < 256; i++) printf "%c", i }' \
    >"$T_TMP/allbytes.bin" 2>/dev/null
hostile allbytes.bin
like "$out" 'allbytes.bin' "every byte value: listed"

# CR-only line ends (classic Mac style) keep line numbers.
tr -d '\n' <"$DEMO/sslcert.txt" >"$T_TMP/cr.txt"
hostile cr.txt
like "$out" 'netsh +utf-8 +cr +ok .* cr\.txt' "CR-only: parsed, newline style 'cr'"
run dump "$T_TMP/b/cr.txt"
like "$out" '"line":	5,' "CR-only: records keep their line numbers"

done_testing
