/*
 * Unit tests for the XML parsers: the event helpers (src/event.c), the
 * event builder, the streaming event parser (src/parse_events.c) and the
 * applicationHost.config parser, including a mutation run that feeds them
 * damaged input (run it under SANITIZE=address,undefined).
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "event.h"
#include "evfilter.h"
#include "evquick.h"
#include "parse.h"
#include "stream.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"
#include "xml.h"

#define NS "http://schemas.microsoft.com/win/2004/08/events/event"

static void
test_codes(void)
{
	static const struct {
		const char *in, *want;
	} ok_cases[] = {
		{ "0x80090016", "0x80090016" },
		{ "0X80090016", "0x80090016" },
		{ "-2146893802", "0x80090016" },
		{ "2148073494", "0x80090016" },
		{ "80090016", "0x80090016" },
		{ "800B0109", "0x800b0109" },
		{ " 0x8009030D ", "0x8009030d" },
		{ "0x0", "0x00000000" },
		{ "0", "0x00000000" },
		{ "5", "0x00000005" },
		{ "4294967295", "0xffffffff" },
		{ "-1", "0xffffffff" },
		{ "-2147483648", "0x80000000" },
	};
	static const char *const bad[] = { "", "0x", "0x123456789",
		"4294967296", "-2147483649", "%%2480", "12a", "0x80090016)",
		"-", "-0", "800B010" };
	char out[11];

	for (size_t i = 0; i < ARRAY_SIZE(ok_cases); i++) {
		memset(out, 0, sizeof(out));
		ok(event_norm_code(ok_cases[i].in, strlen(ok_cases[i].in), out),
		    "code '%s' accepted", ok_cases[i].in);
		is_str(out, ok_cases[i].want, "code '%s' normalised",
		    ok_cases[i].in);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ok(!event_norm_code(bad[i], strlen(bad[i]), out),
		    "code '%s' rejected", bad[i]);
}

static void
test_times(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "2022-10-16T20:27:36.222854900Z",
		    "2022-10-16T20:27:36.2228549Z" },
		{ "2022-10-16T20:27:36.2228549Z",
		    "2022-10-16T20:27:36.2228549Z" },
		{ "2022-10-16T20:27:36Z", "2022-10-16T20:27:36.0000000Z" },
		{ "2022-10-16t20:27:36.5z", "2022-10-16T20:27:36.5000000Z" },
		{ "2022-10-16T20:27:36.123+00:00",
		    "2022-10-16T20:27:36.1230000Z" },
	};
	static const char *const bad[] = { "2022-10-16T20:27:36",
		"2022-10-16T20:27:36.222854912Z", "2022-10-16 20:27:36Z",
		"2022-10-16T20:27:36+02:00", "10/16/2022 8:27:36 PM",
		"2022-10-16T20:27:36.Z", "2022-10-16T20:27:36.1Zjunk" };
	char out[29];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(out, 0, sizeof(out));
		ok(event_norm_time(cases[i].in, strlen(cases[i].in), out),
		    "time '%s' accepted", cases[i].in);
		is_str(out, cases[i].want, "time '%s' normalised", cases[i].in);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ok(!event_norm_time(bad[i], strlen(bad[i]), out),
		    "time '%s' rejected", bad[i]);
}

static void
test_ntstatus(void)
{
	/* facts.md 2.1: HttpEvent 15021 from an Exchange server */
	static const char *const b15021 =
	    "000004000200300000000000AD3A00C00000000000000000000000000000000000"
	    "000000000000005F0000C0";
	char out[11];

	ok(event_binary_ntstatus(b15021, 15021, out), "15021 decoded");
	is_str(out, "0xc000005f", "15021: STATUS_NO_SUCH_LOGON_SESSION");
	ok(!event_binary_ntstatus(b15021, 15300, out),
	    "not decoded for another event id");
	ok(!event_binary_ntstatus("000004000200300000000000AD3A00C0", 15021,
	       out),
	    "too short: not decoded");
	ok(!event_binary_ntstatus("000000000200300000000000AD3A00C0000000000"
				  "0000000000000000000000000000000000000005F0"
				  "000C0",
	       15021, out),
	    "no dump data: not decoded");
	ok(!event_binary_ntstatus("zz0004000200300000000000AD3A00C0000000000"
				  "0000000000000000000000000000000000000005F0"
				  "000C0",
	       15021, out),
	    "not hex: not decoded");
}

/* Parse an event export given as bytes (any encoding) with filter f. */
static struct model *
events_from(const char *bytes, size_t n, const struct evfilter *f,
    enum parse_status *st)
{
	struct model *m = model_new("test");
	struct artifact *a = model_add_artifact(m, "test.xml");
	struct text t;
	struct memstream ms;

	text_from_bytes(&t, bytes, n, NULL);
	memstream_init(&ms, t.data, t.len);
	a->kind = KIND_EVENTS;
	*st = parse_events(m, a, &ms.s, f);
	text_release(&t);
	return m;
}

static const struct event *
event_at(const struct model *m, size_t i)
{
	return i < m->recs[REC_EVENT].n ? m->recs[REC_EVENT].v[i] : NULL;
}

static void
test_user_data(void)
{
	static const char capi2[] =
	    "<Event xmlns='" NS "'><System><Provider "
	    "Name='Microsoft-Windows-CAPI2' "
	    "Guid='{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}'/><EventID>11</"
	    "EventID><Level>2</Level><TimeCreated "
	    "SystemTime='2026-11-18T10:00:00.1234567Z'/><Channel>Microsoft-"
	    "Windows-CAPI2/Operational</Channel><Computer>WEB01</Computer></"
	    "System><UserData><CertGetCertificateChain xmlns='http://"
	    "schemas.microsoft.com/win/2004/08/events/CAPI2'><Certificate "
	    "fileRef='3F9A.cer' subjectName='www.contoso.com'/><Flags "
	    "value='40000000'/><Result value='800B0109'>A certificate chain "
	    "processed, but terminated in a root certificate which is not "
	    "trusted by the trust provider.</Result><EventAuxInfo "
	    "ProcessName='lsass.exe'/></CertGetCertificateChain></UserData></"
	    "Event>\n";
	enum parse_status st;
	struct model *m = events_from(capi2, sizeof(capi2) - 1, NULL, &st);
	const struct event *e = event_at(m, 0);

	is_int(st, PARSE_OK, "CAPI2 event: ok");
	ok(e != NULL, "CAPI2 event kept");
	if (e != NULL) {
		is_str(e->error_code, "0x800b0109",
		    "CAPI2 Result/@value is the error code");
		is_str(kv_get(&e->user_data,
			   "CertGetCertificateChain/Certificate/@subjectName"),
		    "www.contoso.com", "UserData attribute flattened");
		is_str(kv_get(&e->user_data,
			   "CertGetCertificateChain/Result/@value"),
		    "800B0109", "Result/@value kept as written");
		ok(kv_get(&e->user_data, "CertGetCertificateChain/Result") !=
			NULL,
		    "Result text kept");
		ok(kv_get(&e->user_data, "CertGetCertificateChain/Flags") ==
			NULL,
		    "an empty element with attributes has no text entry");
		is_int(e->user_data.n, 6, "six UserData entries");
		is_str(e->time, "2026-11-18T10:00:00.1234567Z", "time");
	}
	model_free(m);
}

/* Schannel's Type, written in the system's language, becomes side. */
static void
test_side(void)
{
	static const char x[] =
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>36871</EventID></System><EventData>"
	    "<Data Name='Type'>\xe5\xae\xa2\xe6\x88\xb7\xe7\xab\xaf</Data>"
	    "<Data Name='ErrorState'>10013</Data></EventData></Event>\n"
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>36870</EventID></System><EventData>"
	    "<Data Name='Type'> Server </Data></EventData></Event>\n"
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>36870</EventID></System><EventData>"
	    "<Data Name='Type'>serveurs</Data></EventData></Event>\n"
	    "<Event xmlns='" NS "'><System><Provider Name='HttpEvent'/>"
	    "<EventID>15021</EventID></System><EventData>"
	    "<Data Name='Type'>server</Data></EventData></Event>\n";
	struct evfilter all = { .keep_all = true };
	enum parse_status st;
	struct model *m = events_from(x, sizeof(x) - 1, &all, &st);
	const struct event *e;

	is_int(st, PARSE_OK, "Type events: ok");
	e = event_at(m, 0);
	ok(e != NULL && e->side != NULL && strcmp(e->side, "client") == 0,
	    "zh-CN Type is the client side");
	e = event_at(m, 1);
	ok(e != NULL && e->side != NULL && strcmp(e->side, "server") == 0,
	    "Type ' Server ': blanks and case do not matter");
	e = event_at(m, 2);
	ok(e != NULL && e->side == NULL, "an unknown word leaves side unset");
	e = event_at(m, 3);
	ok(e != NULL && e->side == NULL, "only Schannel's Type is read");
	model_free(m);
}

/* Repeats fold; one without a valid time does not spoil the range. */
static void
test_folding(void)
{
	static const char x[] =
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>36887</EventID><TimeCreated SystemTime='yesterday'/>"
	    "<EventRecordID>1</EventRecordID></System><EventData>"
	    "<Data Name='AlertDesc'>46</Data></EventData></Event>\n"
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>36887</EventID><TimeCreated SystemTime="
	    "'2026-01-02T00:00:00Z'/><EventRecordID>2</EventRecordID></System>"
	    "<EventData><Data Name='AlertDesc'>46</Data></EventData></Event>\n"
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>36887</EventID><TimeCreated SystemTime="
	    "'2026-01-01T00:00:00Z'/><EventRecordID>3</EventRecordID></System>"
	    "<EventData><Data Name='AlertDesc'>46</Data></EventData></Event>\n"
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>36887</EventID><TimeCreated SystemTime="
	    "'2026-01-01T00:00:00Z'/><EventRecordID>4</EventRecordID></System>"
	    "<EventData><Data Name='AlertDesc'>48</Data></EventData></Event>\n";
	enum parse_status st;
	struct model *m = events_from(x, sizeof(x) - 1, NULL, &st);
	const struct event *e = event_at(m, 0);

	is_int(m->recs[REC_EVENT].n, 2, "folding: two distinct events");
	if (e != NULL) {
		is_int(e->occurrences, 3, "folding: three repeats");
		is_int(e->record_id, 1, "folding: the first one's record id");
		ok(e->time == NULL, "folding: the first one's (bad) time");
		is_str(e->time_first, "2026-01-01T00:00:00.0000000Z",
		    "folding: earliest time");
		is_str(e->time_last, "2026-01-02T00:00:00.0000000Z",
		    "folding: latest time");
	}
	ok(m->artifacts[0]->diags.n == 1 &&
		strstr(m->artifacts[0]->diags.v[0].msg, "yesterday") != NULL,
	    "folding: the bad time is reported");
	model_free(m);
}

/* A classic event: unnamed Data, Binary, an event source name. */
static void
test_classic(void)
{
	static const char x[] =
	    "<Event xmlns='" NS "'><System><Provider "
	    "Name='Microsoft-Windows-IIS-W3SVC' EventSourceName='W3SVC'/>"
	    "<EventID Qualifiers='49152'>1007</EventID><Level>2</Level>"
	    "<TimeCreated SystemTime='2026-11-18T10:00:00Z'/></System>"
	    "<EventData><Data>Shop</Data><Data></Data><Data Name='x'/>"
	    "<Binary> 0D000780 </Binary></EventData></Event>\n";
	enum parse_status st;
	struct model *m = events_from(x, sizeof(x) - 1, NULL, &st);
	const struct event *e = event_at(m, 0);

	ok(e != NULL, "IIS-W3SVC event kept (Microsoft-Windows-IIS-*)");
	if (e != NULL) {
		is_int(e->data.n, 3, "three Data");
		ok(e->data.n == 3 && e->data.v[0].name == NULL &&
			strcmp(e->data.v[0].value, "Shop") == 0,
		    "unnamed Data: NULL name, value kept");
		ok(e->data.n == 3 && e->data.v[1].name == NULL &&
			strcmp(e->data.v[1].value, "") == 0,
		    "empty unnamed Data: empty value");
		ok(e->data.n == 3 && e->data.v[2].name != NULL &&
			strcmp(e->data.v[2].value, "") == 0,
		    "empty named Data: empty value");
		is_str(e->binary, "0D000780", "Binary trimmed, as written");
		ok(e->ntstatus == NULL, "not an IO_ERROR_LOG_PACKET");
		is_int(e->qualifiers, 49152, "qualifiers");
		is_str(e->source_name, "W3SVC", "event source name");
		is_str(e->time, "2026-11-18T10:00:00.0000000Z", "time padded");
	}
	model_free(m);
}

static void
test_codes_in_data(void)
{
	static const char *const forms[] = { "0x80090016", "-2146893802",
		"2148073494", "80090016" };

	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		char x[1024];
		enum parse_status st;
		struct model *m;
		int n = snprintf(x, sizeof(x),
		    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
		    "<EventID>36870</EventID></System><EventData>"
		    "<Data Name='Type'>server</Data>"
		    "<Data Name='ErrorCode'>%s</Data>"
		    "<Data Name='ErrorStatus'>10001</Data></EventData></Event>",
		    forms[i]);

		m = events_from(x, (size_t)n, NULL, &st);
		ok(event_at(m, 0) != NULL &&
			event_at(m, 0)->error_code != NULL &&
			strcmp(event_at(m, 0)->error_code, "0x80090016") == 0,
		    "ErrorCode '%s' is 0x80090016", forms[i]);
		is_str(kv_get(&event_at(m, 0)->data, "ErrorCode"), forms[i],
		    "the data keeps '%s' as written", forms[i]);
		model_free(m);
	}
}

static void
test_evquick(void)
{
	static const char good[] =
	    "<Event xmlns='" NS "'><System><Provider Name=' R&amp;D\tTool '"
	    " Guid='{x}' EventSourceName=\"Src\"/><EventID Qualifiers='1'>"
	    " 42 </EventID><Version>0</Version><Correlation/><Computer>WEB01"
	    "&lt;1&gt;</Computer><Security/></System><EventData>";
	static const char *const bad[] = {
		"<Event><System><!-- c --><EventID>1</EventID></System>",
		"<Event><System><e:Provider Name='x'/></System>",
		"<Event><System><Provider e:Name='x'/></System>",
		"<Event><System><Computer><![CDATA[x]]></Computer></System>",
		"<Event><System><Computer>&#65;</Computer></System>",
		"<Event><System><Provider Name='a' Name='b'/></System>",
		"<Event><System><EventID>1</EventID><EventID>2</EventID></System>",
		"<Event><System><Computer>x</Comp></System>",
		"<Event><System attr='1'><EventID>1</EventID></System>",
		"<Event/><System></System>",
		"<Event><EventData/></Event>",
		"<Event><System><Provider Name='x'/>",
		"<Event><System><Provider Name='x>y'/></System>",
	};
	struct evquick q;

	ok(evquick_system(good, sizeof(good) - 1, &q), "plain System read");
	is_str(q.v[EVQUICK_PROVIDER], "R&D Tool",
	    "provider: entity replaced, tab made a space, trimmed");
	is_str(q.v[EVQUICK_SOURCE], "Src", "source, double quotes");
	is_str(q.v[EVQUICK_ID], "42", "id trimmed");
	is_str(q.v[EVQUICK_COMPUTER], "WEB01<1>", "computer text decoded");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ok(!evquick_system(bad[i], strlen(bad[i]), &q),
		    "left to libxml2: %s", bad[i]);
}

/* A System-log like mix: what the quick reader counts and libxml2 keeps. */
static void
add_mix(struct buf *b, int n, int pad)
{
	static const char *const kinds[] = {
		"<Provider Name='Service Control Manager' "
		"Guid='{555908d1-a6d7-4695-8e1e-26931d2012f4}' "
		"EventSourceName='Service Control Manager'/><EventID "
		"Qualifiers='16384'>7036</EventID>",
		"<Provider Name='Schannel' "
		"Guid='{1f678132-5938-4686-9fdc-c8ff68f15c85}'/><EventID>36887</"
		"EventID>",
		"<Provider Name='Microsoft-Windows-WAS' EventSourceName='WAS'/>"
		"<EventID Qualifiers='16384'>5186</EventID>",
		"<Provider Name='R&amp;D Tool'/><EventID> 17 </EventID>",
		"<Provider\nName = \"Tcpip\" EventSourceName='Tcpip'/><EventID "
		"Qualifiers='32768'>4227</EventID>",
		"<Provider Name='x'/><!-- odd --><EventID>1</EventID>",
		"<Provider Name='Microsoft-Windows-DistributedCOM'/><EventID>"
		"10016</EventID>",
		"<Provider Name='y:z'/><EventID>2</EventID>",
	};

	for (int i = 0; i < n; i++) {
		if (buf_printf(b,
			"<Event xmlns='" NS "'><System>%s<Version>0</Version>"
			"<TimeCreated SystemTime='2026-01-01T00:00:%02d."
			"000000000Z'/><EventRecordID>%d</EventRecordID>"
			"<Computer>%s</Computer><Security/></System><EventData>"
			"<Data Name='n'>%d</Data></EventData></Event>%*s\r\n",
			kinds[i % ARRAY_SIZE(kinds)], i % 60, i,
			i % 5 == 0 ? "WEB02" : "WEB01", i % 3, (i * 7) % pad,
			"") < 0)
			abort();
	}
}

/* provider/id -> count, over records (occurrences) and the tally. */
static long
count_of(const struct model *m, const char *provider, long long id)
{
	const struct artifact *a = m->artifacts[0];
	long n = 0;

	for (size_t i = 0; i < a->ntally; i++)
		if (strcmp(a->tally[i].provider, provider) == 0 &&
		    a->tally[i].id == id)
			n += (long)a->tally[i].count;
	for (size_t i = 0; i < m->recs[REC_EVENT].n; i++) {
		const struct event *e = event_at(m, i);
		const char *p = e->provider != NULL ? e->provider :
		    e->source_name != NULL	    ? e->source_name :
						      "";

		if (strcmp(p, provider) == 0 && e->event_id == id)
			n += (long)e->occurrences;
	}
	return n;
}

static void
test_quick_reader(void)
{
	struct buf b;
	struct evfilter all;
	enum parse_status s1, s2;
	struct model *m1, *m2;
	static const struct {
		const char *p;
		long long id;
	} keys[] = {
		{ "Service Control Manager", 7036 },
		{ "Schannel", 36887 },
		{ "Microsoft-Windows-WAS", 5186 },
		{ "R&D Tool", 17 },
		{ "Tcpip", 4227 },
		{ "x", 1 },
		{ "Microsoft-Windows-DistributedCOM", 10016 },
		{ "y:z", 2 },
	};

	buf_init(&b, 64 << 20);
	/* big enough to cross many refills, with varying offsets */
	add_mix(&b, 3000, 97);
	evfilter_init(&all);
	all.keep_all = true;
	m1 = events_from(b.data, b.len, NULL, &s1);
	m2 = events_from(b.data, b.len, &all, &s2);
	is_int(s1, PARSE_OK, "mix: ok with the default filter");
	is_int(s2, PARSE_OK, "mix: ok keeping everything");
	is_int(m1->artifacts[0]->events_total, 3000, "mix: 3000 events read");
	is_int(m2->artifacts[0]->events_total, 3000,
	    "mix: 3000 events read (all kept)");
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		is_int(count_of(m1, keys[i].p, keys[i].id),
		    count_of(m2, keys[i].p, keys[i].id),
		    "quick reader and libxml2 agree on '%s' %lld", keys[i].p,
		    keys[i].id);
	is_int(count_of(m1, "Schannel", 36887), 375, "375 Schannel events");
	is_int(m1->recs[REC_HOST].n, 2, "two computers, one fact each");
	is_int(m2->recs[REC_HOST].n, 2, "the same when everything is kept");
	is_int(m1->artifacts[0]->events_kept, 750,
	    "Schannel and WAS kept (through EventSourceName for WAS)");
	/* 36887 with data n = 0, 1, 2 on two computers: 6 records */
	is_int(m1->recs[REC_EVENT].n, 12, "kept events folded by content");
	model_free(m1);
	model_free(m2);
	evfilter_release(&all);
	buf_release(&b);
}

/*
 * Copy-details blocks, a malformed event and a cut one, repeated so that
 * every marker sits on some refill boundary once.
 */
static void
test_boundaries(void)
{
	static const char block[] =
	    "Log Name:      System\r\nSource:        Schannel\r\n"
	    "Date:          8/5/2020 5:16:37 AM\r\nEvent ID:      36888\r\n"
	    "Task Category: None\r\nLevel:         Error\r\nKeywords:      \r\n"
	    "User:          SYSTEM\r\nComputer:      WIN-1\r\nDescription:\r\n"
	    "A fatal alert was generated.\r\nEvent Xml:\r\n"
	    "<Event xmlns=\"" NS "\">\r\n  <System>\r\n"
	    "    <Provider Name=\"Schannel\" />\r\n"
	    "    <EventID>36888</EventID>\r\n  </System>\r\n  <EventData>\r\n"
	    "    <Data Name=\"AlertDesc\">40</Data>\r\n  </EventData>\r\n"
	    "</Event>\r\n\r\n";
	static const char bad[] = "<Event xmlns='" NS "'><System><Provider "
				  "Name='Schannel'/><EventID>36887</EventID>"
				  "</System><EventData><Data>1</Dat></"
				  "EventData></Event>\n";
	struct buf b;
	enum parse_status st;
	struct model *m;
	int blocks = 0, bads = 0;

	buf_init(&b, 64 << 20);
	while (b.len < (600 << 10)) {
		if (buf_addstr(&b, block) < 0)
			abort();
		blocks++;
		if (blocks % 7 == 0) {
			if (buf_addstr(&b, bad) < 0)
				abort();
			bads++;
		}
		if (blocks % 5 == 0 &&
		    buf_printf(&b, "%*s", blocks % 311, "") < 0)
			abort();
	}
	m = events_from(b.data, b.len, NULL, &st);
	is_int(st, PARSE_PARTIAL, "boundaries: partial (malformed events)");
	is_int(m->artifacts[0]->events_total, blocks + bads,
	    "boundaries: every event met");
	is_int(m->artifacts[0]->events_skipped, bads,
	    "boundaries: the malformed ones skipped");
	is_int(m->recs[REC_EVENT].n, 1, "boundaries: one distinct event");
	if (m->recs[REC_EVENT].n == 1) {
		is_int(event_at(m, 0)->occurrences, blocks,
		    "boundaries: every copy read");
		is_str(event_at(m, 0)->format, "copy-details",
		    "boundaries: copy-details");
		is_str(event_at(m, 0)->message, "A fatal alert was generated.",
		    "boundaries: message from the description");
	}
	model_free(m);
	buf_release(&b);
}

static void
test_resync_lines(void)
{
	static const char x[] =
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>1</EventID></System></Event>\n"
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>2</EventID></System></Evnt>\n\n"
	    "<Event xmlns='" NS "'>\n<System>\n<Provider Name='Schannel'/>"
	    "<EventID>3</EventID></System><EventData><Data>&#0;</Data>"
	    "</EventData></Event>\n"
	    "<Event xmlns='" NS "'><System><Provider Name='Schannel'/>"
	    "<EventID>4</EventID></System></Event>\n";
	enum parse_status st;
	struct model *m = events_from(x, sizeof(x) - 1, NULL, &st);
	const struct diag_list *dl = &m->artifacts[0]->diags;

	is_int(st, PARSE_PARTIAL, "resync: partial");
	/* 2's end tag is misspelt: cut off where 3 starts, kept as read */
	is_int(m->recs[REC_EVENT].n, 3, "resync: events 1, 2 and 4 read");
	if (m->recs[REC_EVENT].n == 3) {
		is_int(event_at(m, 0)->r.pos.line, 1, "resync: line of 1");
		is_int(event_at(m, 1)->r.pos.line, 2, "resync: line of 2");
		is_int(event_at(m, 1)->truncated, 1, "resync: 2 is truncated");
		is_int(event_at(m, 2)->r.pos.line, 7, "resync: line of 4");
	}
	is_int(dl->n, 2, "resync: two diagnostics");
	if (dl->n == 2) {
		is_int(dl->v[0].line, 2, "resync: first at line 2");
		is_int(dl->v[1].line, 4, "resync: second at line 4");
		ok(strstr(dl->v[1].msg, "line 6") != NULL,
		    "resync: libxml2's line is the file's (%s)", dl->v[1].msg);
	}
	model_free(m);
}

static void
test_deep_and_hostile(void)
{
	struct buf b;
	enum parse_status st;
	struct model *m;

	buf_init(&b, 64 << 20);
	if (buf_addstr(&b,
		"<Event xmlns='" NS "'><System><Provider "
		"Name='Schannel'/><EventID>1</EventID></System>"
		"<UserData>") < 0)
		abort();
	for (int i = 0; i < 10000; i++)
		if (buf_addstr(&b, "<a>") < 0)
			abort();
	for (int i = 0; i < 10000; i++)
		if (buf_addstr(&b, "</a>") < 0)
			abort();
	if (buf_addstr(&b,
		"</UserData></Event>\n<Event xmlns='" NS
		"'><System><Provider Name='Schannel'/><EventID>2"
		"</EventID></System></Event>\n") < 0)
		abort();
	m = events_from(b.data, b.len, NULL, &st);
	is_int(st, PARSE_PARTIAL, "10,000 levels: partial");
	is_int(m->artifacts[0]->events_skipped, 1, "10,000 levels: skipped");
	ok(m->recs[REC_EVENT].n == 1 && event_at(m, 0)->event_id == 2,
	    "10,000 levels: the next event is read");
	model_free(m);
	buf_release(&b);
}

static const char apphost_doc[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<configuration>\n"
    "<system.applicationHost>\n<customMetadata>\n"
    "<key path=\"LM/W3SVC/2\">\n"
    "<property id=\"5506\" dataType=\"Binary\" userType=\"1\" "
    "attributes=\"None\" value=\"oXiHOzFAMOF0YxIuI7soWvDFEzg=\" />\n"
    "<property id=\"5506\" dataType=\"Binary\" userType=\"1\" "
    "attributes=\"None\" value=\"oXiHOzFAMOF0YxIuI7soWvDFEz\" />\n"
    "</key>\n</customMetadata>\n<sites>\n"
    "<site name=\"A &amp; B\" id=\"7\">\n<bindings>\n"
    "<binding protocol=\"https\" bindingInformation=\"[::1]:44300:\" "
    "sslFlags=\"3\" />\n"
    "<binding protocol=\"HTTPS\" bindingInformation=\":443:x\" />\n"
    "<binding protocol=\"https\" bindingInformation=\"*:99999:y\" "
    "sslFlags=\"Sni\" />\n"
    "<binding protocol=\"https\" bindingInformation=\"garbage\" />\n"
    "<binding protocol=\"net.pipe\" bindingInformation=\"*\" />\n"
    "</bindings>\n</site>\n<siteDefaults>\n<bindings>\n"
    "<binding protocol=\"http\" bindingInformation=\"*:8080:\" />\n"
    "</bindings>\n</siteDefaults>\n</sites>\n</system.applicationHost>\n"
    "<location path=\"A &amp; B/admin\">\n<system.webServer>\n<security>\n"
    "<access sslFlags=\"Ssl,SslRequireCert, Weird\" />\n</security>\n"
    "</system.webServer>\n</location>\n</configuration>\n";

static struct model *
apphost_from(const char *bytes, size_t n, enum parse_status *st)
{
	struct model *m = model_new("test");
	struct artifact *a = model_add_artifact(m, "applicationHost.config");
	struct text t;

	text_from_bytes(&t, bytes, n, NULL);
	a->kind = KIND_APPHOST;
	*st = parse_apphost(m, a, &t);
	text_release(&t);
	return m;
}

static void
test_apphost(void)
{
	enum parse_status st;
	struct model *m =
	    apphost_from(apphost_doc, sizeof(apphost_doc) - 1, &st);
	const struct recvec *b = &m->recs[REC_BINDING];
	const struct recvec *md = &m->recs[REC_METADATA];
	const struct binding *x;

	is_int(st, PARSE_OK, "apphost: ok despite encoding=\"UTF-16\"");
	is_int(b->n, 6, "apphost: six bindings");
	if (b->n == 6) {
		x = b->v[0];
		is_str(x->site_name, "A & B", "site name with an entity");
		is_int(x->site_id, 7, "site id");
		is_str(x->address, "[::1]", "IPv6 address");
		is_int(x->port, 44300, "IPv6 port");
		is_str(x->host, "", "no host");
		ok(x->sni == 1 && x->ccs == 1, "sslFlags 3: SNI and CCS");
		x = b->v[1];
		is_str(x->address, "", "empty IP");
		ok(x->ssl_flags == INT_NONE && x->sni == 0 && x->ccs == 0,
		    "https without sslFlags: no SNI, no CCS");
		x = b->v[2];
		ok(x->port == INT_NONE && x->ssl_flags == INT_NONE,
		    "bad port and bad sslFlags left out");
		x = b->v[3];
		ok(x->address == NULL && x->port == INT_NONE,
		    "garbage information not split");
		x = b->v[4];
		ok(x->address == NULL && x->sni == BOOL_NONE,
		    "net.pipe kept as written");
		x = b->v[5];
		ok(x->site_name == NULL && x->site_id == INT_NONE &&
			x->port == 8080,
		    "siteDefaults binding has no site");
	}
	is_int(md->n, 2, "apphost: two properties");
	if (md->n == 2) {
		const struct metadata *p = md->v[0], *q = md->v[1];

		is_int(p->site_id, 2, "5506 site id from the key");
		is_str(p->decoded_hex,
		    "a178873b314030e17463122e23bb285af0c51338", "5506 decoded");
		is_int(p->decoded_len, 20, "5506 is 20 bytes");
		ok(q->decoded_hex == NULL && q->decoded_len == INT_NONE,
		    "invalid base64 left undecoded");
	}
	is_int(m->recs[REC_ACCESS].n, 1, "apphost: one access record");
	if (m->recs[REC_ACCESS].n == 1) {
		const struct access *ac = m->recs[REC_ACCESS].v[0];

		is_str(ac->location, "A & B/admin", "access location");
		ok(ac->ssl == 1 && ac->require_cert == 1 &&
			ac->negotiate_cert == 0,
		    "access flags");
	}
	ok(m->artifacts[0]->diags.n == 4,
	    "a warning each for the port, sslFlags, information, flag (%zu)",
	    m->artifacts[0]->diags.n);
	model_free(m);
}

static void
test_apphost_hostile(void)
{
	static const char xxe[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [\n"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">\n"
	    "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "]>\n<configuration><system.applicationHost><sites>"
	    "<site name=\"&x;\" id=\"1\"/><site name=\"&b;\" id=\"2\"/>"
	    "</sites></system.applicationHost></configuration>\n";
	struct buf b;
	enum parse_status st;
	struct model *m = apphost_from(xxe, sizeof(xxe) - 1, &st);

	is_int(st, PARSE_FAILED, "XXE: nothing usable");
	is_int(m->recs[REC_SITE].n, 0, "XXE: no site with an entity");
	model_free(m);

	buf_init(&b, 64 << 20);
	if (buf_addstr(&b, "<configuration>") < 0)
		abort();
	for (int i = 0; i < 10000; i++)
		if (buf_addstr(&b, "<x>") < 0)
			abort();
	m = apphost_from(b.data, b.len, &st);
	is_int(st, PARSE_FAILED, "10,000 levels: failed, no crash");
	ok(m->artifacts[0]->diags.n > 0 &&
		strstr(m->artifacts[0]->diags.v[0].msg, "256") != NULL,
	    "10,000 levels: stopped at the depth limit");
	model_free(m);
	buf_release(&b);
}

static unsigned long long seed = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

/* Damage a copy of s: flips, XML-ish insertions, cuts. */
static size_t
mutate(const char *s, size_t n, char *out, size_t cap)
{
	static const char *const bits[] = { "<", ">", "/", "&", ";", "'", "\"",
		"=", "\n", "- ", "<Event ", "</Event>", "<System>", "</System>",
		"<![CDATA[", "]]>", "<!--", "-->", "&#0;", "\xff",
		"\xe4\xba\x8b", "Event Xml:\n", "<Data Name='ErrorCode'>",
		"<EventID>", "</EventID>", "<site ", "<binding ", "sslFlags" };
	size_t o = 0, i = 0;

	while (i < n && o + 32 < cap) {
		unsigned r = rnd(1000);

		if (r < 6) {
			const char *b = bits[rnd(ARRAY_SIZE(bits))];
			size_t k = strlen(b);

			memcpy(out + o, b, k);
			o += k;
		} else if (r < 9) {
			i += rnd(40); /* drop a piece */
		} else if (r < 10) {
			out[o++] = (char)rnd(256);
			i++;
		} else {
			out[o++] = s[i++];
		}
	}
	if (rnd(4) == 0 && o > 0)
		o = rnd((unsigned)o); /* cut off */
	return o;
}

static void
test_mutations(void)
{
	struct buf mix;
	char *out;
	size_t cap = 1 << 20;
	int runs = 0, consistent = 0;

	buf_init(&mix, 64 << 20);
	add_mix(&mix, 40, 5);
	if (buf_addstr(&mix,
		"Log Name:      System\nSource:        S\n"
		"Date:          x\nEvent ID:      1\nT: a\nL: b\n"
		"K: \nU: u\nC: c\nDescription:\nhello\n"
		"Event Xml:\n") < 0)
		abort();
	out = xmalloc(cap);
	for (int i = 0; i < 300; i++) {
		const char *src = i % 2 ? mix.data : apphost_doc;
		size_t n = i % 2 ? mix.len : sizeof(apphost_doc) - 1;
		size_t k = mutate(src, n, out, cap);
		enum parse_status st;
		struct model *m = events_from(out, k, NULL, &st);
		const struct artifact *a = m->artifacts[0];
		unsigned long tallied = 0, occ = 0;

		for (size_t j = 0; j < a->ntally; j++)
			tallied += a->tally[j].count;
		for (size_t j = 0; j < m->recs[REC_EVENT].n; j++)
			occ += (unsigned long)event_at(m, j)->occurrences;
		if (a->events_total ==
			a->events_kept + a->events_skipped + tallied &&
		    occ == a->events_kept)
			consistent++;
		runs++;
		model_free(m);
		m = apphost_from(out, k, &st);
		model_free(m);
	}
	is_int(consistent, runs,
	    "damaged input: every run ends and its counters add up");
	free(out);
	buf_release(&mix);
}

int
main(void)
{
	xml_init();
	test_codes();
	test_times();
	test_ntstatus();
	test_user_data();
	test_classic();
	test_folding();
	test_side();
	test_codes_in_data();
	test_evquick();
	test_quick_reader();
	test_boundaries();
	test_resync_lines();
	test_deep_and_hostile();
	test_apphost();
	test_apphost_hostile();
	test_mutations();
	xml_cleanup();
	return done_testing();
}
