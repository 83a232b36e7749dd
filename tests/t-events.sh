#!/bin/sh
# Event exports: what is kept and what is counted, entities that must stay
# inert, standard input, and the demo bundle's export.
. "$TOP/tests/lib.sh"

EV="$TOP/fixtures/events"
MIX="$EV/wevtutil-qe-system-rd-newest-first-schannel-httpevent-mix.xml"

# Keep or count: Service Control Manager is counted by default, kept with
# --all-events; the counts and the records tell the same story.
run dump "$MIX"
is "$rc" 0 "dump of a wevtutil export: exit 0"
like "$out" '"provider":	"Service Control Manager",' "SCM 7036 counted"
is "$(printf '%s\n' "$out" | grep -c '"format":	"xml"')" 9 \
    "nine kept events, one record each"
like "$out" '"events_kept":	9,' "events_kept counts kept events"
run dump --all-events "$MIX"
is "$(printf '%s\n' "$out" | grep -c '"format":	"xml"')" 12 \
    "--all-events: SCM and DCOM become records too"
like "$out" '"events_not_kept":	\[\]' "--all-events: nothing counted"

# The same export on standard input, as a stream.
run dump "$MIX"
file_out=$(printf '%s\n' "$out" | grep -v '"bundle"\|"path"\|"source"')
run_stdin "$MIX" dump -
is "$(printf '%s\n' "$out" | grep -v '"bundle"\|"path"\|"source"')" \
    "$file_out" "standard input gives the same records"

# Entities stay inert: a file:// entity naming a file with a marker in it
# is neither read nor expanded; billion laughs ends at once.
echo "CANARY-7f3e9a" >"$T_TMP/canary.txt"
cat >"$T_TMP/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE Events [
<!ENTITY x SYSTEM "file://$T_TMP/canary.txt">
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Schannel'/><EventID>36870</EventID></System><EventData><Data Name='ErrorCode'>&x;</Data></EventData></Event>
<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Schannel'/><EventID>36887</EventID></System><EventData><Data Name='AlertDesc'>&d;</Data></EventData></Event>
<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Schannel'/><EventID>36888</EventID></System><EventData><Data Name='AlertDesc'>40</Data></EventData></Event></Events>
XML
run dump "$T_TMP/xxe.xml"
unlike "$out" CANARY "external entity not read"
unlike "$out" aaaaaaaaaaaaaaaa "entities not expanded"
like "$out" "entity 'x' not defined" "the entity is reported"
like "$out" '"events_skipped":	2,' "the two events with entities are skipped"
like "$out" '"event_id":	36888,' "the clean event is read"

# A malformed event in the middle: reported with its line, the rest read.
run scan "$EV/wevtutil-redacted-by-hand-malformed-events-and-a-cut-line.xml"
like "$out" "partial" "malformed events make the artifact partial"
like "$out" ":2: warning: event is not well-formed XML" \
    "the malformed event is reported at its line"

# The demo bundle's wevtutil export.
run dump "$TOP/fixtures/bundles/demo/system-http-schannel.xml"
like "$out" '"status":	"ok",' "demo export parses"
like "$out" '"occurrences":	4,$' "demo: four identical 36870 in one record"
like "$out" '"side":	"server"$' "demo: 36870 Type=server is the server side"
like "$out" '"ntstatus":	"0xc000005f",' "demo: 15021 NTSTATUS decoded"

# Nothing that looks like events: failed, with a reason.
printf '<Events>\r\n</Events>\r\n<!-- schemas.microsoft.com/win/2004/08/events/event -->\r\n' \
    >"$T_TMP/none.xml"
run dump "$T_TMP/none.xml"
like "$out" '"status":	"failed",' "no event: failed"
like "$out" "no event found" "no event: said why"

done_testing
