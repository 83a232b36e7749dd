/*
 * The effective-binding combiner (combine_binding.c) against a plain
 * reading of its definition: for random sets of IIS https bindings and
 * http.sys entries, each binding's own entry, the entry http.sys serves it
 * from, and its collisions (duplicates, shared, shadows) must be what a
 * pairwise comparison of every binding with every other gives.  Then a
 * large set, whose collision lists name at most 50 bindings.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "combine.h"
#include "tap.h"

static unsigned long rnd_state = 12345;

static unsigned
rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245UL + 12345UL;
	return (unsigned)((rnd_state >> 16) % n);
}

static const char *const addrs[] = { "*", "", "10.0.0.5", "10.0.0.6",
	"[2001:db8::1]", "10.0.0.5" };
static const char *const hosts[] = { "", "shop.example.com", "SHOP.example.com",
	"www.example.com", "a.example.com" };
static const long long ports[] = { 443, 8443 };

static struct model *
new_model(struct artifact **apphost, struct artifact **netsh)
{
	struct model *m = model_new("test");

	*apphost = model_add_artifact(m, "applicationHost.config");
	(*apphost)->kind = KIND_APPHOST;
	(*apphost)->status = PARSE_OK;
	*netsh = model_add_artifact(m, "sslcert.txt");
	(*netsh)->kind = KIND_NETSH;
	(*netsh)->status = PARSE_OK;
	return m;
}

static void
add_binding(struct model *m, struct artifact *a, unsigned long line,
    const char *addr, long long port, const char *host, int flags)
{
	struct binding *b = model_add(m, REC_BINDING, a, line);
	char info[256];

	snprintf(info, sizeof(info), "%s:%lld:%s", addr, port, host);
	b->site_id = (long long)line;
	b->site_name = model_strdup(m, info);
	b->protocol = "https";
	b->information = model_strdup(m, info);
	b->address = model_strdup(m, addr);
	b->port = port;
	b->host = model_strdup(m, host);
	b->ssl_flags = flags;
	b->sni = (flags & 1) != 0;
	b->ccs = (flags & 2) != 0;
}

static void
add_entry(struct model *m, struct artifact *a, unsigned long line,
    const char *type, const char *addr, long long port)
{
	struct sslcert *e = model_add(m, REC_SSLCERT, a, line);
	char ep[256];

	snprintf(ep, sizeof(ep), "%s:%lld", addr, port);
	e->type = type;
	e->address = model_strdup(m, addr);
	e->port = port;
	e->endpoint = model_strdup(m, ep);
}

/* --- the definitions, pair by pair */

static bool
any(const char *a)
{
	return a == NULL || *a == '\0' || strcmp(a, "*") == 0;
}

static bool
ieq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

static const struct sslcert *
ref_find(const struct model *m, const char *type, const char *addr,
    long long port)
{
	const struct recvec *rv = &m->recs[REC_SSLCERT];

	for (size_t i = 0; i < rv->n; i++) {
		const struct sslcert *e = rv->v[i];

		if (e->port == port && ieq(e->type, type) &&
		    (addr == NULL || ieq(e->address, addr)))
			return e;
	}
	return NULL;
}

static const struct sslcert *
ref_expected(const struct model *m, const struct binding *b)
{
	if (b->ccs == 1)
		return ref_find(m, "ccs", NULL, b->port);
	if (b->sni == 1)
		return ref_find(m, "hostnameport", b->host, b->port);
	return ref_find(m, "ipport", any(b->address) ? "0.0.0.0" : b->address,
	    b->port);
}

static const struct sslcert *
ref_served(const struct model *m, const struct binding *b)
{
	const struct sslcert *e = NULL;

	if (!any(b->address) &&
	    (e = ref_find(m, "ipport", b->address, b->port)) != NULL)
		return e;
	if (*b->host != '\0' &&
	    (e = ref_find(m, "hostnameport", b->host, b->port)) != NULL)
		return e;
	if ((e = ref_find(m, "ccs", NULL, b->port)) != NULL)
		return e;
	if (b->address[0] == '[' &&
	    (e = ref_find(m, "ipport", "[::]", b->port)) != NULL)
		return e;
	return ref_find(m, "ipport", "0.0.0.0", b->port);
}

static bool
same_address(const struct binding *a, const struct binding *b)
{
	if (any(a->address) || any(b->address))
		return any(a->address) && any(b->address);
	return ieq(a->address, b->address);
}

struct counts {
	long long duplicates, shared;
	bool shadows;
};

static struct counts
ref_collisions(const struct model *m, const struct binding *b)
{
	const struct recvec *bv = &m->recs[REC_BINDING];
	bool plain = b->sni != 1 && b->ccs != 1;
	struct counts c = { 0, 0, false };

	for (size_t i = 0; i < bv->n; i++) {
		const struct binding *o = bv->v[i];
		bool oplain = o->sni != 1 && o->ccs != 1;

		if (o == b || o->port != b->port)
			continue;
		if (same_address(b, o) && strcasecmp(b->host, o->host) == 0) {
			c.duplicates++;
			continue;
		}
		if (plain && oplain && same_address(b, o))
			c.shared++;
		if (plain && !any(b->address) &&
		    (any(o->address) || o->sni == 1))
			c.shadows = true;
	}
	return c;
}

/* --- the tests */

static void
random_round(int round)
{
	struct artifact *ah, *ns;
	struct model *m = new_model(&ah, &ns);
	unsigned nb = 1 + rnd(40), ne = rnd(12);
	const struct recvec *ev;
	int bad = 0;

	for (unsigned i = 0; i < nb; i++)
		add_binding(m, ah, i + 1, addrs[rnd(ARRAY_SIZE(addrs))],
		    ports[rnd(ARRAY_SIZE(ports))],
		    hosts[rnd(ARRAY_SIZE(hosts))], (int)rnd(4));
	for (unsigned i = 0; i < ne; i++) {
		static const char *const types[] = { "ipport", "hostnameport",
			"ccs" };
		static const char *const eaddrs[] = { "0.0.0.0", "10.0.0.5",
			"[::]", "shop.example.com", "WWW.example.com",
			"[2001:db8::1]" };

		add_entry(m, ns, i + 1, types[rnd(ARRAY_SIZE(types))],
		    eaddrs[rnd(ARRAY_SIZE(eaddrs))],
		    ports[rnd(ARRAY_SIZE(ports))]);
	}
	model_finish(m);
	combine_run(m);
	ev = &m->recs[REC_EFFBINDING];
	if (ev->n != nb)
		bad++;
	for (size_t i = 0; i < ev->n && i < nb; i++) {
		const struct effbinding *eb = ev->v[i];
		const struct binding *b = eb->binding;
		struct counts c = ref_collisions(m, b);

		if (eb->entry != ref_expected(m, b) ||
		    eb->server != ref_served(m, b) ||
		    eb->duplicates != c.duplicates || eb->shared != c.shared ||
		    (eb->shadows == 1) != c.shadows ||
		    eb->duplicate_bindings.n != (size_t)c.duplicates ||
		    eb->shared_bindings.n != (size_t)c.shared ||
		    (eb->shadowed_bindings.n > 0) != c.shadows) {
			printf("# round %d: binding %s (flags %lld) differs\n",
			    round, b->information, b->ssl_flags);
			bad++;
		}
	}
	ok(bad == 0, "random bindings %d (%u bindings, %u entries)", round, nb,
	    ne);
	model_free(m);
}

static void
large(void)
{
	struct artifact *ah, *ns;
	struct model *m = new_model(&ah, &ns);
	const struct effbinding *first, *fixed;
	unsigned long line = 1;

	for (int i = 0; i < 3000; i++)
		add_binding(m, ah, line++, "*", 443, "dup.example.com", 0);
	for (int i = 0; i < 3000; i++) {
		char host[64];

		snprintf(host, sizeof(host), "h%d.example.com", i);
		add_binding(m, ah, line++, "*", 443, host, 1);
		add_entry(m, ns, line++, "hostnameport", host, 443);
	}
	add_binding(m, ah, line++, "10.0.0.5", 443, "", 0);
	add_entry(m, ns, line++, "ipport", "0.0.0.0", 443);
	model_finish(m);
	combine_run(m);
	is_int(m->recs[REC_EFFBINDING].n, 6001, "large: every binding");
	first = m->recs[REC_EFFBINDING].v[0];
	fixed = m->recs[REC_EFFBINDING].v[6000];
	is_int(first->duplicates, 2999, "large: duplicates counted");
	is_int(first->duplicate_bindings.n, 50, "large: 50 named");
	is_int(first->shared, 0, "large: duplicates are not shared");
	ok(fixed->shadows == 1, "large: a fixed address shadows");
	is_int(fixed->shadowed_bindings.n, 50, "large: 50 shadowed named");
	is_str(((const struct effbinding *)m->recs[REC_EFFBINDING].v[4000])
		   ->served_via,
	    "sni", "large: SNI entry found");
	is_str(fixed->served_via, "ipv4_wildcard", "large: wildcard entry");
	is_int(((const struct served *)m->recs[REC_SERVED].v[0])->bindings, 1,
	    "large: served entry counts its binding");
	model_free(m);
}

int
main(void)
{
	for (int i = 0; i < 300; i++)
		random_round(i);
	large();
	return done_testing();
}
