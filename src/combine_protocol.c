/*
 * The protocol matrix: for Server and Client and each of SSL 2.0, SSL 3.0,
 * TLS 1.0, TLS 1.1, TLS 1.2 and TLS 1.3, the state Schannel uses.
 *
 * The registry decides when it says anything (facts.md 4.1): under
 * SCHANNEL\Protocols\<protocol>\<Server|Client>, Enabled = 0 disables the
 * protocol whatever DisabledByDefault says; any other Enabled DWORD (1, or
 * 0xffffffff as IIS Crypto writes it) enables it unless DisabledByDefault is
 * non-zero, which for http.sys, which never asks for a version explicitly,
 * amounts to disabled.  Values that are not DWORDs are ignored here (rule
 * PRO004 reports them).  Without a deciding value the OS default applies
 * (facts.md 4.2) when the OS is known, else the state is "unknown".  A
 * protocol the OS does not support stays "not_supported" whatever the
 * registry says.
 */
#include "compat.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "combine.h"

static const char *const protocols[] = {
	"SSL 2.0",
	"SSL 3.0",
	"TLS 1.0",
	"TLS 1.1",
	"TLS 1.2",
	"TLS 1.3",
};

/*
 * OS defaults, one letter per protocol above: E enabled, D disabled (but
 * supported), N not supported.  Server side; the client side differs only
 * in SSL 2.0 on 2008 and 2008 R2, which is disabled for clients.
 */
struct os_default {
	const char *release;
	const char server[7];
	const char client[7];
};

static const struct os_default defaults[] = {
	{ "2008", "EEEDDN", "DEEDDN" },
	{ "2008r2", "EEEDDN", "DEEDDN" },
	{ "2012", "DEEEEN", "DEEEEN" },
	{ "2012r2", "DEEEEN", "DEEEEN" },
	{ "2016", "NDEEEN", "NDEEEN" },
	{ "2019", "NDEEEN", "NDEEEN" },
	{ "win10", "NDEEEN", "NDEEEN" },
	{ "2022", "NDEEEE", "NDEEEE" },
	{ "2025", "NDEEEE", "NDEEEE" },
	{ "win11", "NDEEEE", "NDEEEE" },
};

/* The default letter, or 0 when the OS is unknown. */
static char
os_default(const struct system *s, size_t proto, bool server)
{
	if (s->os_release == NULL)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(defaults); i++)
		if (strcmp(defaults[i].release, s->os_release) == 0)
			return server ? defaults[i].server[proto] :
					defaults[i].client[proto];
	return 0;
}

/*
 * true when key ends in "\Protocols\<proto>\<side>" (any case): the parser
 * normalises the control set, and this also accepts keys pasted without
 * the HKEY_LOCAL_MACHINE prefix.
 */
static bool
is_protocol_key(const char *key, const char *proto, const char *side)
{
	char tail[64];
	size_t n, k;

	if (key == NULL)
		return false;
	n = strlen(key);
	while (n > 0 && key[n - 1] == '\\')
		n--;
	k = (size_t)snprintf(tail, sizeof(tail), "\\Protocols\\%s\\%s", proto,
	    side);
	return n >= k && strncasecmp(key + n - k, tail, k) == 0;
}

static bool
is_dword(const struct regval *v)
{
	return v->type != NULL && strcasecmp(v->type, "REG_DWORD") == 0 &&
	    v->num != INT_NONE;
}

static void
make_cell(struct model *m, const struct system *sys, size_t proto, bool server,
    struct schannel *sum)
{
	const struct recvec *rv = &m->recs[REC_REGVAL];
	struct protocol *p = model_add_derived(m, REC_PROTOCOL, NULL);
	const char *side = server ? "Server" : "Client";
	const struct regval *deciding = NULL;
	char def = os_default(sys, proto, server);

	p->protocol = protocols[proto];
	p->side = server ? "server" : "client";
	if (def != 0)
		p->supported = def != 'N';
	for (size_t i = 0; i < rv->n; i++) {
		const struct regval *v = rv->v[i];
		bool en, dbd;

		if (!is_protocol_key(v->key, protocols[proto], side))
			continue;
		model_ref_add(m, &p->values, &v->r);
		if (server)
			model_ref_add(m, &sum->values, &v->r);
		if (v->op != NULL && strcmp(v->op, "delete_key") == 0) {
			p->enabled_value = INT_NONE;
			p->disabled_by_default = INT_NONE;
			continue;
		}
		en = v->name != NULL && strcasecmp(v->name, "Enabled") == 0;
		dbd = v->name != NULL &&
		    strcasecmp(v->name, "DisabledByDefault") == 0;
		if (!en && !dbd)
			continue;
		if (v->op != NULL && strcmp(v->op, "delete_value") == 0) {
			if (en)
				p->enabled_value = INT_NONE;
			else
				p->disabled_by_default = INT_NONE;
			continue;
		}
		if (!is_dword(v))
			continue;
		if (en)
			p->enabled_value = v->num;
		else
			p->disabled_by_default = v->num;
		deciding = v;
	}
	if (deciding != NULL)
		p->r.pos = deciding->r.pos;
	if (p->supported == 0) {
		p->state = "not_supported";
		p->enabled = 0;
		p->source =
		    p->enabled_value != INT_NONE ? "registry" : "os_default";
	} else if (p->enabled_value == 0) {
		p->state = "disabled";
		p->enabled = 0;
		p->source = "registry";
	} else if (p->disabled_by_default != INT_NONE &&
	    p->disabled_by_default != 0) {
		p->state = "disabled_by_default";
		p->enabled = 0;
		p->source = "registry";
	} else if (p->enabled_value != INT_NONE) {
		p->state = "enabled";
		p->enabled = 1;
		p->source = "registry";
	} else if (def != 0) {
		p->state = def == 'E' ? "enabled" : "disabled";
		p->enabled = def == 'E';
		p->source = "os_default";
	} else {
		p->state = "unknown";
		p->source = "unknown";
	}
	if (!server)
		return;
	if (p->enabled == 1) {
		model_list_add(m, &sum->server_enabled, p->protocol);
		sum->server_enabled_count++;
	} else if (p->enabled == BOOL_NONE) {
		model_list_add(m, &sum->server_unknown, p->protocol);
		sum->server_unknown_count++;
	}
}

void
combine_protocols(struct model *m)
{
	const struct system *sys = combine_system_rec(m);
	struct schannel *sum = model_add_derived(m, REC_SCHANNEL, NULL);

	sum->os = sys->os;
	sum->server_enabled_count = 0;
	sum->server_unknown_count = 0;
	sum->registry_values = (long long)m->recs[REC_REGVAL].n;
	for (int server = 1; server >= 0; server--)
		for (size_t i = 0; i < ARRAY_SIZE(protocols); i++)
			make_cell(m, sys, i, server != 0, sum);
}
