/*
 * parse_netstat.c - the socket listing of Windows `netstat`.
 *
 * Produced by `netstat -ano` (what support guides ask for) or `netstat
 * -anob` from an elevated prompt, saved with `>` (cmd.exe writes the OEM
 * code page, PowerShell 5.1 UTF-16LE with a BOM) or pasted from a console:
 *
 *   C:\>netstat -abno
 *
 *   Active Connections
 *
 *     Proto  Local Address          Foreign Address        State           PID
 *     TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       924
 *     RpcSs
 *    [svchost.exe]
 *     TCP    0.0.0.0:443            0.0.0.0:0              LISTENING       4
 *    Can not obtain ownership information
 *     UDP    [::]:123               *:*                                    1184
 *
 * Emits one REC_SOCKET (struct sock) per row: proto, local_address,
 * local_port, remote_address, remote_port, state, pid; from the -b lines
 * under a row, process ("svchost.exe"), component ("RpcSs") and
 * owner_unavailable.  Without -n the foreign address of a listening
 * socket is the computer's own name with port 0 ("orion:0"): the first
 * such name becomes the host fact "computer".
 *
 * Rows are recognised by shape: "TCP" or "UDP", two endpoints, then for
 * TCP the state (one or more words, kept as written) and the PID when the
 * last column is a number.  Titles and headers are localised ("活动连接",
 * "프로토콜  로컬 주소 ...", "Aktive Verbindungen"); they, and the command
 * echoed after a prompt ("netstat -ano | findstr 443"), only say whether
 * a PID column is expected.
 *
 * Quirks met in real pastes:
 * - no title or header (an excerpt, `| findstr`), no PID column (no -o),
 *   host and service names instead of numbers (no -n);
 * - shell prompts ("C:\>", "PS C:\x>netstat" without a space), the output
 *   of other commands after their prompt, blank lines, trailing blanks,
 *   no-break spaces, lost indentation: skipped, not damage;
 * - the `more` prompt "-- More  --" between pages: skipped, but an output
 *   that ends at it lost the rest;
 * - rows run together on one line (lost line breaks): each is read; the
 *   -t offload column ("InHost") is dropped;
 * - an ownership message in a language not listed below: known by its
 *   one-blank indent (a service line has two), and noted;
 * - elisions ("[...]", "...", "-- snip --"), "^C", "The requested
 *   operation requires elevation.", a row cut in the middle (a last line
 *   "TCP  10.0.0.5:50412  52.113.194.13", a state cut to "LISTEN", a row
 *   without its PID under a PID header), -b lines with no row above them:
 *   reported and skipped; a service line whose "[exe]" line is missing is
 *   kept and reported.  Any of these makes the result PARSE_PARTIAL;
 * - cmd.exe redirection writes the OEM code page, so a German "ABHÖREN"
 *   arrives as "ABH\x99REN" and decodes to "ABH\uFFFDREN": kept so.
 */
#include "compat.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "model.h"
#include "parse_netstat.h"
#include "rx.h"
#include "strparse.h"
#include "text.h"

/*
 * A row has at most 7 columns (with -t); a state of a few words leaves
 * room.  A line holds a few rows when a paste lost its line breaks.
 */
#define ROW_TOKENS 12
#define MAX_TOKENS 32
/* Occurrences of one problem reported one by one; the rest are counted. */
#define PROBLEMS_SHOWN 5
/* Input quoted in a diagnostic is cut to this many bytes. */
#define QUOTE_MAX 60

struct span {
	const char *s;
	size_t n;
};

enum {
	RX_PAGER,
	RX_ELISION,
	RX_COMMAND,
};

static struct rx_table patterns[] = {
	/* more.com: "-- More  --", "-- More (17%) --", translations */
	[RX_PAGER] = { "^--[ \\t]*[^-\\s][^-]{0,40}?[ \\t]*--[ \\t]*", 0,
	    NULL },
	/* what people type where they cut lines out of a paste */
	[RX_ELISION] = { "^(?:[\\[(<]|-{2,})?[ \\t]*(?:\\.{2,}|\\x{2026}+|"
			 "snip|snipped|cut|truncated|omitted)[ \\t]*"
			 "(?:[\\])>]|-{2,})?$",
	    RX_CASELESS, NULL },
	/* the command after a prompt; group 1 holds its options */
	[RX_COMMAND] = { "\\bnetstat(?:\\.exe)?((?:[ \\t]+(?:[-/][a-z]+|\\d+|"
			 "tcp|udp|tcpv6|udpv6|ip|ipv6|icmp|icmpv6)\\b)*)",
	    RX_CASELESS, NULL },
};

/*
 * Problems that may repeat on every line of a damaged file: the first
 * PROBLEMS_SHOWN of each kind are reported with their line, the rest in
 * one summary.  A WARNING means input was lost and makes PARSE_PARTIAL.
 */
enum problem {
	PB_ELISION,
	PB_BAD_ROW,
	PB_NO_PID,
	PB_ORPHAN,
	PB_NO_EXE,
	PB_UNKNOWN,
	PB_PREAMBLE,
	PB_PORT_NAME,
	PB_OWNER_GUESS,
	PB__COUNT
};

static const struct {
	enum diag_level level;
	const char *rest; /* "N more <rest>" */
} problems[PB__COUNT] = {
	[PB_ELISION] = { DIAG_WARNING, "elisions" },
	[PB_BAD_ROW] = { DIAG_WARNING, "damaged rows skipped" },
	[PB_NO_PID] = { DIAG_WARNING, "rows without their PID skipped" },
	[PB_ORPHAN] = { DIAG_WARNING,
	    "owner lines without a socket row ignored" },
	[PB_NO_EXE] = { DIAG_WARNING,
	    "service lines without their '[exe]' line" },
	[PB_UNKNOWN] = { DIAG_WARNING, "unrecognised lines skipped" },
	[PB_PREAMBLE] = { DIAG_NOTE,
	    "lines before the first socket row skipped" },
	[PB_PORT_NAME] = { DIAG_NOTE, "ports named by service" },
	[PB_OWNER_GUESS] = { DIAG_NOTE,
	    "owner lines read as 'Can not obtain ownership information'" },
};

/*
 * Localised text, as Windows prints it.  None of it decides what a row
 * is (rows are found by shape): it tells a title, a header or an owner
 * line from damage.
 */
/* clang-format off */
static const char *const titles[] = {
	"Active Connections",
	"Aktive Verbindungen",	/* de-DE */
	"活动连接",		/* zh-CN */
	"활성 연결",		/* ko-KR, not seen in a sample */
	"Conexiones activas",	/* es-ES */
	"Connessioni attive",	/* it-IT */
	"Connexions actives",	/* fr-FR, not seen in a sample */
};

/* The first word of the column header. */
static const char *const header_words[] = {
	"Proto",		/* en, de, es, it, fr */
	"协议",			/* zh-CN */
	"프로토콜",		/* ko-KR */
};

/* What -b prints instead of "[exe]" when it cannot name the process. */
static const char *const no_owner_msgs[] = {
	"Can not obtain ownership information",
	"无法获取所有权信息",	/* zh-CN */
};
/* clang-format on */

/* TCP states as Windows spells them, to tell a cut word ("LISTEN"). */
static const char *const states[] = {
	"LISTENING",
	"ESTABLISHED",
	"TIME_WAIT",
	"CLOSE_WAIT",
	"SYN_SENT",
	"SYN_RECEIVED",
	"FIN_WAIT_1",
	"FIN_WAIT_2",
	"LAST_ACK",
	"CLOSING",
	"CLOSED",
	"DELETE_TCB",
	"BOUND",
};

/* The -t column. */
static const char *const offload_states[] = {
	"InHost",
	"Offloading",
	"Offloaded",
	"Uploading",
};

struct nst {
	struct model *m;
	struct artifact *a;
	struct sock *cur; /* the last row: -b lines attach to it */
	int pid_col;	  /* a PID column is expected: 1, not: 0, unknown: -1 */
	bool b_option;	  /* -b asked for, or its lines seen */
	bool other_cmd;	  /* after a prompt running another command */
	bool other_noted; /* ... and its output was mentioned */
	unsigned long other_line;
	char other_text[QUOTE_MAX + 4];
	bool seen_header;	  /* a title or column header */
	bool elevation;		  /* netstat -b refused to run */
	bool computer;		  /* the host fact was recorded */
	bool damaged;		  /* a WARNING was added */
	bool after_elision;	  /* no row since an elision */
	unsigned long lines;	  /* lines that are not blank */
	unsigned long pager_line; /* a pager prompt with no row after it */
	unsigned long rows;
	unsigned long count[PB__COUNT];
	unsigned long first_unshown[PB__COUNT];
};

static bool
is_blank(const char *s, size_t n, size_t i, size_t *w)
{
	if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
		*w = 1;
		return true;
	}
	/* U+00A0: a no-break space from a web page or a word processor */
	if ((unsigned char)s[i] == 0xc2 && i + 1 < n &&
	    (unsigned char)s[i + 1] == 0xa0) {
		*w = 2;
		return true;
	}
	return false;
}

static struct span
trim(const char *s, size_t n)
{
	size_t w = 0;
	struct span t;

	while (n > 0 && is_blank(s, n, 0, &w)) {
		s += w;
		n -= w;
	}
	while (n > 0) {
		if (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')
			n--;
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xc2 &&
		    (unsigned char)s[n - 1] == 0xa0)
			n -= 2;
		else
			break;
	}
	t.s = s;
	t.n = n;
	return t;
}

/*
 * Split s[0..n) at blanks into at most max tokens.  Returns the number of
 * tokens, or max + 1 when there are more (the line is no row then).
 */
static size_t
tokenize(const char *s, size_t n, struct span *tok, size_t max)
{
	size_t i = 0, ntok = 0, w = 0;

	for (;;) {
		size_t start;

		while (i < n && is_blank(s, n, i, &w))
			i += w;
		if (i == n)
			return ntok;
		if (ntok == max)
			return max + 1;
		start = i;
		while (i < n && !is_blank(s, n, i, &w))
			i++;
		tok[ntok].s = s + start;
		tok[ntok].n = i - start;
		ntok++;
	}
}

static bool
span_is(struct span t, const char *lit)
{
	return t.n == strlen(lit) && memcmp(t.s, lit, t.n) == 0;
}

static bool
span_in(struct span t, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (span_is(t, list[i]))
			return true;
	return false;
}

static bool
all_digits(struct span t)
{
	if (t.n == 0)
		return false;
	for (size_t i = 0; i < t.n; i++)
		if (t.s[i] < '0' || t.s[i] > '9')
			return false;
	return true;
}

/*
 * s[0..n) for a diagnostic, in buf (QUOTE_MAX + 4 bytes): at most
 * QUOTE_MAX bytes, cut on a character boundary and marked with "...",
 * control characters as '?'.
 */
static const char *
quote(const char *s, size_t n, char buf[static QUOTE_MAX + 4])
{
	size_t k = n;

	if (k > QUOTE_MAX) {
		k = QUOTE_MAX;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
	}
	for (size_t i = 0; i < k; i++)
		buf[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
	if (k < n)
		memcpy(buf + k, "...", 4);
	else
		buf[k] = '\0';
	return buf;
}

static void problem(struct nst *st, enum problem p, unsigned long line,
    const char *fmt, ...) PRINTF_LIKE(4, 5);

static void
problem(struct nst *st, enum problem p, unsigned long line, const char *fmt,
    ...)
{
	va_list ap;

	if (problems[p].level >= DIAG_WARNING)
		st->damaged = true;
	if (st->count[p]++ >= PROBLEMS_SHOWN) {
		if (st->first_unshown[p] == 0)
			st->first_unshown[p] = line;
		return;
	}
	va_start(ap, fmt);
	diag_vadd(&st->a->diags, problems[p].level, line, fmt, ap);
	va_end(ap);
}

/*
 * Split an endpoint at its last colon outside brackets: "0.0.0.0:443",
 * "[::]:443", "[fe80::1%12]:139", "orion:0", "host:https", "*:*".  Both
 * parts must be non-empty.
 */
static bool
endpoint_split(struct span t, struct span *host, struct span *port)
{
	size_t colon = t.n, depth = 0;

	for (size_t i = 0; i < t.n; i++) {
		if (t.s[i] == '[')
			depth++;
		else if (t.s[i] == ']' && depth > 0)
			depth--;
		else if (t.s[i] == ':' && depth == 0)
			colon = i;
	}
	if (depth != 0 || colon == 0 || colon + 1 >= t.n)
		return false;
	host->s = t.s;
	host->n = colon;
	port->s = t.s + colon + 1;
	port->n = t.n - colon - 1;
	return true;
}

/*
 * An address netstat prints: IPv4, bracketed IPv6, "*" (UDP), or a host
 * name when it ran without -n (reverse lookups give names such as "183"
 * too).  Digits and dots that make no IPv4 address ("10.0.0") are a cut
 * address, not a name.
 */
static bool
host_ok(struct span h)
{
	bool numeric = true, dot = false;

	if (addr_is_ipv4(h.s, h.n) || addr_is_ipv6(h.s, h.n) ||
	    (h.n == 1 && h.s[0] == '*'))
		return true;
	for (size_t i = 0; i < h.n; i++) {
		unsigned char c = (unsigned char)h.s[i];

		if (!((c >= '0' && c <= '9') || c == '.'))
			numeric = false;
		if (c == '.')
			dot = true;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '-' || c == '_' ||
			c == '.' || c >= 0x80))
			return false;
	}
	return !(numeric && dot);
}

/* A port: 0..65535, "*", or a service name ("https", "ms-wbt-server"). */
static bool
port_ok(struct span p, long long *num)
{
	*num = INT_NONE;
	if (span_is(p, "*"))
		return true;
	if (all_digits(p)) {
		long long v = 0;

		if (p.n > 5)
			return false;
		for (size_t i = 0; i < p.n; i++)
			v = v * 10 + (p.s[i] - '0');
		*num = v;
		return v <= 65535;
	}
	for (size_t i = 0; i < p.n; i++) {
		char c = p.s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '-' || c == '_' ||
			c == '.'))
			return false;
	}
	return true;
}

/* A state word cut short at the end of a paste: "LISTEN", "ESTAB". */
static bool
state_cut(struct span s)
{
	for (size_t i = 0; i < ARRAY_SIZE(states); i++)
		if (span_is(s, states[i]))
			return false;
	for (size_t i = 0; i < ARRAY_SIZE(states); i++)
		if (s.n < strlen(states[i]) && memcmp(s.s, states[i], s.n) == 0)
			return true;
	return false;
}

/* "[svchost.exe]": a file name in brackets, so no ':', '\\' or '/'. */
static bool
is_process_line(struct span t)
{
	if (t.n < 3 || t.s[0] != '[' || t.s[t.n - 1] != ']')
		return false;
	for (size_t i = 1; i + 1 < t.n; i++)
		if (t.s[i] == ':' || t.s[i] == '\\' || t.s[i] == '/')
			return false;
	return true;
}

/*
 * One "TCP ..." or "UDP ..." line.  Everything is checked before the
 * record is added, so a damaged row leaves no half-filled record.
 */
static void
row(struct nst *st, const struct span *tok, size_t ntok, struct span line,
    unsigned long no)
{
	struct span lhost, lport, rhost, rport, state = { NULL, 0 };
	long long local_port, remote_num, pid = INT_NONE;
	bool udp = tok[0].s[0] == 'U';
	size_t end = ntok;
	const char *why = NULL;
	char q[QUOTE_MAX + 4];
	struct sock *k;

	st->cur = NULL;
	if (ntok > ROW_TOKENS)
		why = "too many columns";
	else if (ntok < 3)
		why = "no foreign address";
	else if (!endpoint_split(tok[1], &lhost, &lport) || !host_ok(lhost) ||
	    span_is(lhost, "*") || !port_ok(lport, &local_port) ||
	    span_is(lport, "*"))
		why = "bad local address";
	else if (!endpoint_split(tok[2], &rhost, &rport) || !host_ok(rhost) ||
	    !port_ok(rport, &remote_num))
		why = "bad foreign address";
	/* -t adds the offload state last: dropped, nothing asks for it */
	if (why == NULL && end > 3 &&
	    span_in(tok[end - 1], offload_states, ARRAY_SIZE(offload_states)))
		end--;
	if (why == NULL && end > 3 && all_digits(tok[end - 1]) &&
	    tok[end - 1].n <= 10) {
		pid = 0;
		for (size_t i = 0; i < tok[end - 1].n; i++)
			pid = pid * 10 + (tok[end - 1].s[i] - '0');
		end--;
	}
	if (why == NULL && !udp) {
		if (end == 3)
			why = "no state";
		for (size_t i = 3; why == NULL && i < end; i++)
			if (all_digits(tok[i]) ||
			    memchr(tok[i].s, ':', tok[i].n) != NULL)
				why = "unexpected columns";
		if (why == NULL) {
			state.s = tok[3].s;
			state.n = (size_t)(tok[end - 1].s + tok[end - 1].n -
			    tok[3].s);
			if (pid == INT_NONE && state_cut(state))
				why = "cut off";
		}
	} else if (why == NULL && end > 3) {
		why = "unexpected columns";
	}
	if (why != NULL) {
		problem(st, PB_BAD_ROW, no, "damaged row skipped (%s): '%s'",
		    why, quote(line.s, line.n, q));
		return;
	}
	if (pid == INT_NONE && st->pid_col == 1) {
		problem(st, PB_NO_PID, no,
		    "row without its PID skipped (cut off?): '%s'",
		    quote(line.s, line.n, q));
		return;
	}
	if (st->pid_col == -1)
		st->pid_col = pid != INT_NONE;
	if (local_port == INT_NONE)
		problem(st, PB_PORT_NAME, no,
		    "local port '%s' named by service (netstat without "
		    "'-n'): local_port left absent",
		    quote(lport.s, lport.n, q));

	k = model_add(st->m, REC_SOCKET, st->a, no);
	k->proto = udp ? "UDP" : "TCP";
	k->local_address = model_strndup(st->m, lhost.s, lhost.n);
	k->local_port = local_port;
	k->remote_address = model_strndup(st->m, rhost.s, rhost.n);
	k->remote_port = model_strndup(st->m, rport.s, rport.n);
	if (state.s != NULL)
		k->state = model_strndup(st->m, state.s, state.n);
	k->pid = pid;
	st->cur = k;
	st->rows++;
	st->pager_line = 0;

	/* 0.0.0.0:0 of a listener, resolved: the computer's own name */
	if (!udp && !st->computer && span_is(rport, "0") &&
	    !addr_is_ipv4(rhost.s, rhost.n) &&
	    !addr_is_ipv6(rhost.s, rhost.n) && !span_is(rhost, "*")) {
		model_host_fact(st->m, st->a, no, "computer",
		    k->remote_address);
		st->computer = true;
	}
}

static bool
is_proto(struct span t)
{
	return span_is(t, "TCP") || span_is(t, "UDP");
}

/*
 * A line that starts with "TCP" or "UDP": one row, or several when a paste
 * lost the line breaks between them ("... TIME_WAIT  TCP  10.0.0.5:56886
 * ...").  A line too long to be a few rows is one damaged row.
 */
static void
rows(struct nst *st, const struct span *tok, size_t ntok, struct span line,
    unsigned long no)
{
	size_t i = 0;

	if (ntok > MAX_TOKENS) {
		row(st, tok, ntok, line, no);
		return;
	}
	while (i < ntok) {
		size_t j = i + 3;
		struct span part;

		while (j < ntok && !is_proto(tok[j]))
			j++;
		if (j > ntok)
			j = ntok;
		if (i == 0 && j < ntok)
			diag_add(&st->a->diags, DIAG_NOTE, no,
			    "rows run together on one line (lost line "
			    "breaks): each read");
		part.s = tok[i].s;
		part.n = (size_t)(tok[j - 1].s + tok[j - 1].n - tok[i].s);
		row(st, tok + i, j - i, part, no);
		i = j;
	}
}

static bool
span_iis(struct span t, const char *lit)
{
	return t.n == strlen(lit) && strncasecmp(t.s, lit, t.n) == 0;
}

/*
 * The -b lines under a row: "  RpcSs" (the service, printed only for
 * processes that host several), " [svchost.exe]", or " Can not obtain
 * ownership information".  `next` is the line after, trimmed, or NULL.
 * Returns false when the line is none of them.
 */
static bool
owner_line(struct nst *st, const struct line *ln, struct span t,
    const struct span *next)
{
	struct sock *k = st->cur;
	bool owned, no_owner = false;
	size_t indent = 0;
	char q[QUOTE_MAX + 4];

	for (size_t i = 0; i < ARRAY_SIZE(no_owner_msgs); i++)
		if (span_iis(t, no_owner_msgs[i]))
			no_owner = true;
	owned =
	    k != NULL && (k->process != NULL || k->owner_unavailable == true);
	if (is_process_line(t) || no_owner) {
		st->b_option = true;
		if (k == NULL || owned || (no_owner && k->component != NULL)) {
			/* the row above went with an elision: said already */
			if (!st->after_elision)
				problem(st, PB_ORPHAN, ln->no,
				    "owner line '%s' without a socket row "
				    "above it: ignored",
				    quote(t.s, t.n, q));
			return true;
		}
		if (no_owner) {
			k->owner_unavailable = true;
		} else {
			struct span p = trim(t.s + 1, t.n - 2);

			k->process = model_strndup(st->m, p.s, p.n);
			k->owner_unavailable = false;
		}
		return true;
	}
	if (k == NULL || owned || k->component != NULL || t.s[0] == '[')
		return false;
	if (next != NULL && is_process_line(*next)) {
		k->component = model_strndup(st->m, t.s, t.n);
		return true;
	}
	/*
	 * Another language's "Can not obtain ownership information": netstat
	 * indents it by one blank, as it does "[exe]", and a service by two.
	 */
	while (indent < ln->len && ln->s[indent] == ' ')
		indent++;
	if (st->b_option && indent == 1) {
		problem(st, PB_OWNER_GUESS, ln->no,
		    "owner line '%s' read as 'Can not obtain ownership "
		    "information'",
		    quote(t.s, t.n, q));
		k->owner_unavailable = true;
		return true;
	}
	/* a service whose "[exe]" line was lost, at the end of a cut file */
	if (st->b_option && indent == 2 && memchr(t.s, ' ', t.n) == NULL &&
	    memchr(t.s, '\t', t.n) == NULL) {
		problem(st, PB_NO_EXE, ln->no,
		    "service line '%s' without its '[exe]' line: cut off?",
		    quote(t.s, t.n, q));
		k->component = model_strndup(st->m, t.s, t.n);
		return true;
	}
	return false;
}

/* "Active Connections" and the column header, in any language. */
static bool
title_or_header(struct nst *st, struct span t, const struct span *tok,
    size_t ntok)
{
	bool pid;

	if (span_in(t, titles, ARRAY_SIZE(titles))) {
		st->seen_header = true;
		st->cur = NULL;
		return true;
	}
	if (ntok < 3 || ntok > ROW_TOKENS)
		return false;
	pid = span_is(tok[ntok - 1], "PID");
	if (!pid && !span_in(tok[0], header_words, ARRAY_SIZE(header_words)))
		return false;
	st->pid_col = pid;
	st->seen_header = true;
	st->cur = NULL;
	return true;
}

/* A pager prompt with no row after it: the user quit `more` there. */
static void
pager_cut(struct nst *st)
{
	if (st->pager_line == 0)
		return;
	diag_add(&st->a->diags, DIAG_WARNING, st->pager_line,
	    "output ends at a pager prompt: the pages after it were not "
	    "shown");
	st->damaged = true;
	st->pager_line = 0;
}

/*
 * The command after a prompt.  A netstat socket listing sets what the
 * rows below should look like (-o: a PID column, -b: owner lines); any
 * other command's output is skipped up to the next prompt.
 */
static void
command(struct nst *st, struct span c, unsigned long no)
{
	struct rx_match mt;
	const char *p, *end;
	size_t n;
	bool o = false, b = false, listing = true;
	char q[QUOTE_MAX + 4];

	pager_cut(st);
	st->cur = NULL;
	st->other_noted = false;
	if (rx_match(patterns[RX_COMMAND].rx, c.s, c.n, 0, &mt) == 1 &&
	    rx_group(&mt, 1, c.s, &p, &n)) {
		for (size_t i = 0; i < n; i++) {
			if (p[i] != '-' && p[i] != '/')
				continue;
			for (i++; i < n && p[i] != ' ' && p[i] != '\t'; i++) {
				switch (p[i] | 0x20) {
				case 'o':
					o = true;
					break;
				case 'b':
					b = true;
					break;
				case 'e': /* statistics and routes, not sockets
					   */
				case 'r':
				case 's':
				case 'x':
					listing = false;
					break;
				}
			}
		}
	} else {
		listing = false;
	}
	if (!listing) {
		st->other_cmd = true;
		st->other_line = no;
		quote(c.s, c.n, st->other_text);
		return;
	}
	st->other_cmd = false;
	st->pid_col = o;
	st->b_option = b;
	p = memchr(c.s + mt.eo[0], '|', c.n - mt.eo[0]);
	if (p == NULL)
		return;
	end = c.s + c.n;
	for (const char *r = p + 1; r < end; r++)
		if (*r == '|' || *r == '>') {
			end = r;
			break;
		}
	c = trim(p + 1, (size_t)(end - p - 1));
	if (c.n == 0 || (c.n >= 4 && strncasecmp(c.s, "more", 4) == 0))
		return;
	diag_add(&st->a->diags, DIAG_NOTE, no,
	    "rows filtered with '%s': sockets it did not match are not listed",
	    quote(c.s, c.n, q));
}

static void
do_line(struct nst *st, const struct line *ln, const struct line *next)
{
	struct span t = trim(ln->s, ln->len), tok[MAX_TOKENS], nt;
	struct rx_match mt;
	size_t ntok, plen;
	char q[QUOTE_MAX + 4];

	if (t.n == 0)
		return;
	st->lines++;
	plen = str_prompt_len(t.s, t.n);
	if (plen > 0) {
		command(st, trim(t.s + plen, t.n - plen), ln->no);
		return;
	}
	if (t.n <= 64 &&
	    rx_match(patterns[RX_ELISION].rx, t.s, t.n, 0, NULL) == 1) {
		problem(st, PB_ELISION, ln->no,
		    "elision '%s': rows were left out here",
		    quote(t.s, t.n, q));
		st->cur = NULL;
		st->after_elision = true;
		return;
	}
	if (t.n >= 2 && t.s[0] == '-' && t.s[1] == '-' &&
	    rx_match(patterns[RX_PAGER].rx, t.s, t.n, 0, &mt) == 1) {
		st->pager_line = ln->no;
		t = trim(t.s + mt.eo[0], t.n - mt.eo[0]);
		if (t.n == 0)
			return;
	}
	ntok = tokenize(t.s, t.n, tok, MAX_TOKENS);
	if (ntok > 0 && is_proto(tok[0])) {
		st->after_elision = false;
		rows(st, tok, ntok, t, ln->no);
		return;
	}
	if (title_or_header(st, t, tok, ntok))
		return;
	if (next != NULL)
		nt = trim(next->s, next->len);
	if (owner_line(st, ln, t, next != NULL ? &nt : NULL))
		return;
	st->cur = NULL;
	if (span_is(t, "^C")) {
		diag_add(&st->a->diags, DIAG_WARNING, ln->no,
		    "output interrupted with '^C': the rest was not written");
		st->damaged = true;
		return;
	}
	if (span_is(t, "The requested operation requires elevation.")) {
		diag_add(&st->a->diags, DIAG_WARNING, ln->no,
		    "netstat refused to run: 'The requested operation "
		    "requires elevation.' (-b needs an elevated prompt)");
		st->elevation = true;
		st->damaged = true;
		return;
	}
	if (st->other_cmd) {
		if (!st->other_noted)
			diag_add(&st->a->diags, DIAG_NOTE, st->other_line,
			    "output of '%s' skipped: not a netstat listing",
			    st->other_text);
		st->other_noted = true;
		return;
	}
	if (st->rows == 0) {
		problem(st, PB_PREAMBLE, ln->no,
		    "line before the first socket row skipped: '%s'",
		    quote(t.s, t.n, q));
		return;
	}
	problem(st, PB_UNKNOWN, ln->no, "unrecognised line skipped: '%s'",
	    quote(t.s, t.n, q));
}

static enum parse_status
finish(struct nst *st)
{
	const char *why;

	pager_cut(st);
	for (int p = 0; p < PB__COUNT; p++)
		if (st->count[p] > PROBLEMS_SHOWN)
			diag_add(&st->a->diags, problems[p].level,
			    st->first_unshown[p], "%lu more %s",
			    st->count[p] - PROBLEMS_SHOWN, problems[p].rest);
	if (st->rows > 0)
		return st->damaged ? PARSE_PARTIAL : PARSE_OK;
	if (st->count[PB_BAD_ROW] + st->count[PB_NO_PID] > 0)
		why = "every socket row is damaged";
	else if (st->elevation)
		why = "netstat -b was refused without elevation";
	else if (st->seen_header)
		why = "the output stops after the header";
	else if (st->lines == 0)
		why = "the file is empty";
	else
		why = "this is not netstat output";
	diag_add(&st->a->diags, DIAG_ERROR, 0, "no socket rows: %s", why);
	return PARSE_FAILED;
}

enum parse_status
parse_netstat(struct model *m, struct artifact *a, const struct text *t)
{
	struct nst st;
	struct line_iter it;
	struct line ln, next;

	rx_table_compile(patterns, ARRAY_SIZE(patterns));
	memset(&st, 0, sizeof(st));
	st.m = m;
	st.a = a;
	st.pid_col = -1;
	line_iter_init(&it, t);
	while (line_next(&it, &ln)) {
		struct line_iter peek = it;
		bool more = false;

		/* the next line with text; a double-spaced paste has blanks */
		for (int i = 0; i < 3 && (more = line_next(&peek, &next)); i++)
			if (trim(next.s, next.len).n > 0)
				break;
		do_line(&st, &ln, more ? &next : NULL);
	}
	return finish(&st);
}
