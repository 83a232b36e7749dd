/*
 * Served certificates and effective bindings.
 *
 * A `served` record joins one http.sys entry (netsh http show sslcert) with
 * the certificate it names (certutil), and says whether IIS uses the entry.
 *
 * An `effective_binding` record follows one IIS https binding to the
 * http.sys entry IIS writes for it (facts.md 5.3: IP:port for sslFlags 0,
 * Hostname:port for SNI, the CCS entry for the Central Certificate Store)
 * and to the entry http.sys actually picks for a client that sends SNI,
 * by http.sys's selection order (KB 4034932):
 *
 *   1. the exact IP:port (bindings on a specific address)
 *   2. Hostname:port (SNI)
 *   3. the CCS entry of the port
 *   4. [::]:port (IPv6 bindings only)
 *   5. 0.0.0.0:port
 *
 * then to that entry's certificate, to the sockets listening on the port
 * (netstat) and to the iplisten list; it also counts the other bindings
 * that collide with it (same IP:port:host, shared IP:port without SNI, a
 * specific address next to All Unassigned or SNI bindings) and works out
 * which server protocols the entry's flags and the protocol matrix leave.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "combine.h"
#include "xalloc.h"

#define IIS_APPID "{4dc3e181-e14b-4a21-b022-59fc669b0914}"

/* All Unassigned: "*", or nothing. */
static bool
any_address(const char *a)
{
	return a == NULL || *a == '\0' || strcmp(a, "*") == 0;
}

static bool
is_v6(const char *a)
{
	return a != NULL && a[0] == '[';
}

static bool
ieq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

/*
 * The joins, indexed once per bundle, so that a server with thousands of
 * sites and http.sys entries takes milliseconds rather than hours: each
 * lookup is a binary search, each collision count the length of a run of
 * bindings in sorted order.
 */
struct entry_ix {
	const struct sslcert *e;
	size_t i; /* its place among the model's sslcert records */
};

struct cert_ix {
	char hash[41];
	const struct cert *c;
};

/* An https binding, in the order of (port, address, host), any case. */
struct hb {
	const struct binding *b;
	const char *addr; /* "" for All Unassigned */
	const char *host; /* "" for none */
	size_t k;	  /* its place among the https bindings, model order */
	bool plain;	  /* neither SNI nor CCS */
	bool wide;	  /* All Unassigned, or SNI */
};

/* The runs of equal port, port+address and port+address+host around i. */
struct runs {
	size_t port_lo, port_hi, pa_lo, pa_hi, pah_lo, pah_hi;
};

struct joins {
	struct entry_ix *entries; /* by type, port, address, model order */
	size_t nentries;
	const struct served **served; /* by sslcert place */
	size_t *expected;	      /* by https place: its entry's place */
	struct cert_ix *certs;	      /* by hash, model order */
	size_t ncerts;
	const struct sock **listening;
	size_t nlistening;
	struct hb *hb; /* the https bindings, sorted */
	size_t nhb;
	size_t *pos;	    /* by https place: its index in hb */
	struct runs *runs;  /* by index in hb */
	size_t *plainc;	    /* plain bindings in hb[0..i) */
	size_t *widec;	    /* wide bindings in hb[0..i) */
	size_t *next_plain; /* the first plain binding at or after i */
	size_t *next_wide;  /* the first wide binding at or after i */
};

#define NO_ENTRY ((size_t)-1)

/* At most this many bindings are named per collision list; all count. */
#define COLLISION_NAMES 50

/* NULL before every string, then case-insensitive. */
static int
cmp_nocase(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcasecmp(a, b);
}

static int
cmp_port(long long a, long long b)
{
	return (a > b) - (a < b);
}

static int
cmp_entry_ix(const void *pa, const void *pb)
{
	const struct entry_ix *a = pa, *b = pb;
	int c;

	if ((c = cmp_nocase(a->e->type, b->e->type)) != 0 ||
	    (c = cmp_port(a->e->port, b->e->port)) != 0 ||
	    (c = cmp_nocase(a->e->address, b->e->address)) != 0)
		return c;
	return (a->i > b->i) - (a->i < b->i);
}

/*
 * The first entry (in the order of the listing) of this type and port, at
 * address addr (any case), or at any address when addr is NULL.
 */
static size_t
find_entry(const struct joins *x, const char *type, const char *addr,
    long long port)
{
	size_t lo = 0, hi = x->nentries, best = NO_ENTRY;

	if (type == NULL)
		return NO_ENTRY;
	while (lo < hi) { /* the first not below (type, port, addr) */
		size_t mid = lo + (hi - lo) / 2;
		const struct sslcert *e = x->entries[mid].e;
		int c = cmp_nocase(e->type, type);

		if (c == 0)
			c = cmp_port(e->port, port);
		if (c == 0 && addr != NULL)
			c = cmp_nocase(e->address, addr);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->nentries; lo++) {
		const struct entry_ix *ix = &x->entries[lo];

		if (cmp_nocase(ix->e->type, type) != 0 || ix->e->port != port)
			break;
		if (addr != NULL)
			return cmp_nocase(ix->e->address, addr) == 0 ? ix->i :
								       NO_ENTRY;
		if (best == NO_ENTRY || ix->i < best)
			best = ix->i;
	}
	return best;
}

static const struct sslcert *
entry_at(const struct model *m, size_t i)
{
	return i == NO_ENTRY ? NULL : m->recs[REC_SSLCERT].v[i];
}

static bool
is_https(const struct binding *b)
{
	return b->site_name != NULL && ieq(b->protocol, "https") &&
	    b->port != INT_NONE;
}

/* The entry IIS writes for binding b, as "addr:port", "host:port", "ccs:port".
 */
static const char *
expected_endpoint(struct model *m, const struct binding *b)
{
	char buf[512];

	if (b->ccs == 1)
		snprintf(buf, sizeof(buf), "ccs:%lld", b->port);
	else if (b->sni == 1)
		snprintf(buf, sizeof(buf), "%s:%lld",
		    b->host != NULL ? b->host : "", b->port);
	else
		snprintf(buf, sizeof(buf), "%s:%lld",
		    any_address(b->address) ? "0.0.0.0" : b->address, b->port);
	for (char *p = buf; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return model_strdup(m, buf);
}

static size_t
expected_entry(const struct joins *x, const struct binding *b)
{
	if (b->ccs == 1)
		return find_entry(x, "ccs", NULL, b->port);
	if (b->sni == 1)
		return find_entry(x, "hostnameport", b->host, b->port);
	return find_entry(x, "ipport",
	    any_address(b->address) ? "0.0.0.0" : b->address, b->port);
}

/* "*:443:shop.contoso.com", lower case, "*" for All Unassigned. */
static const char *
binding_key(struct model *m, const struct binding *b)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s:%lld:%s",
	    any_address(b->address) ? "*" : b->address, b->port,
	    b->host != NULL ? b->host : "");
	for (char *p = buf; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return model_strdup(m, buf);
}

/* http.sys's selection order for a client that sends SNI. */
static size_t
serving_entry(const struct joins *x, const struct binding *b, const char **via)
{
	size_t e = NO_ENTRY;

	if (!any_address(b->address) &&
	    (e = find_entry(x, "ipport", b->address, b->port)) != NO_ENTRY)
		*via = "ip";
	else if (b->host != NULL && *b->host != '\0' &&
	    (e = find_entry(x, "hostnameport", b->host, b->port)) != NO_ENTRY)
		*via = "sni";
	else if ((e = find_entry(x, "ccs", NULL, b->port)) != NO_ENTRY)
		*via = "ccs";
	else if (is_v6(b->address) &&
	    (e = find_entry(x, "ipport", "[::]", b->port)) != NO_ENTRY)
		*via = "ipv6_wildcard";
	else if ((e = find_entry(x, "ipport", "0.0.0.0", b->port)) != NO_ENTRY)
		*via = "ipv4_wildcard";
	return e;
}

/* "www.contoso.com" from "CN=www.contoso.com, O=Contoso, C=US". */
static const char *
subject_cn(struct model *m, const char *subject)
{
	const char *p = subject;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (strncasecmp(p, "CN=", 3) == 0) {
			size_t n;

			p += 3;
			n = strcspn(p, ",");
			while (n > 0 && p[n - 1] == ' ')
				n--;
			return n > 0 ? model_strndup(m, p, n) : NULL;
		}
		p = strchr(p, ',');
	}
	return NULL;
}

/* A certificate name covers a host: exactly, or one label under "*.". */
static bool
name_covers(const char *name, const char *host)
{
	const char *dot;

	if (strcasecmp(name, host) == 0)
		return true;
	if (strncmp(name, "*.", 2) != 0)
		return false;
	dot = strchr(host, '.');
	return dot != NULL && dot != host && strcasecmp(dot + 1, name + 2) == 0;
}

static signed char
key_present(const struct cert *c)
{
	if (c->key_state == NULL)
		return BOOL_NONE;
	if (strcmp(c->key_state, "present") == 0)
		return 1;
	if (strcmp(c->key_state, "missing_keyset") == 0 ||
	    strcmp(c->key_state, "no_key_provider") == 0 ||
	    strcmp(c->key_state, "test_failed") == 0)
		return 0;
	return BOOL_NONE;
}

static bool
has_substr(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, needle, n) == 0)
			return true;
	return false;
}

static void
fill_cert(struct model *m, struct served *s, const struct cert *c)
{
	s->cert = c;
	s->has_key = key_present(c);
	if (c->ekus.n > 0) {
		s->server_auth = 0;
		for (size_t i = 0; i < c->ekus.n; i++)
			if (strcmp(c->ekus.v[i], "1.3.6.1.5.5.7.3.1") == 0 ||
			    strcmp(c->ekus.v[i], "2.5.29.37.0") == 0)
				s->server_auth = 1;
	}
	if (c->sig_alg != NULL)
		s->weak_sig = has_substr(c->sig_alg, "sha1") ||
		    has_substr(c->sig_alg, "md5") ||
		    has_substr(c->sig_alg, "md2");
	/*
	 * The dump gives the key length, not always its algorithm: EC keys
	 * are 256 to 521 bits, so only 1024..2047 is taken for weak RSA.
	 */
	if (c->key_size != INT_NONE)
		s->weak_key = c->key_size >= 1024 && c->key_size < 2048;
	if (c->sans.n > 0) {
		for (size_t i = 0; i < c->sans.n; i++)
			model_list_add(m, &s->names, c->sans.v[i]);
	} else {
		const char *cn = subject_cn(m, c->subject);

		if (cn != NULL)
			model_list_add(m, &s->names, cn);
	}
}

static int
cmp_cert_ix(const void *pa, const void *pb)
{
	const struct cert_ix *a = pa, *b = pb;
	int c = strcmp(a->hash, b->hash);

	if (c != 0)
		return c;
	return (a->c->r.seq > b->c->r.seq) - (a->c->r.seq < b->c->r.seq);
}

/* The first certificate (in the order of the dump) with this hash. */
static const struct cert *
find_cert(const struct joins *x, const char *hash)
{
	char want[41];
	size_t lo = 0, hi = x->ncerts;

	if (!combine_hash(hash, want))
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(x->certs[mid].hash, want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->ncerts && strcmp(x->certs[lo].hash, want) == 0 ?
	    x->certs[lo].c :
	    NULL;
}

static void
make_served(struct model *m, struct joins *x, bool have_apphost)
{
	const struct recvec *rv = &m->recs[REC_SSLCERT];
	long long *bindings = xcalloc(rv->n + 1, sizeof(*bindings));
	const char *last_store = NULL;
	bool dumped = false;

	for (size_t k = 0; k < x->nhb; k++)
		if (x->expected[k] != NO_ENTRY)
			bindings[x->expected[k]]++;
	for (size_t i = 0; i < rv->n; i++) {
		const struct sslcert *e = rv->v[i];
		struct served *s = model_add_derived(m, REC_SERVED, &e->r);

		x->served[i] = s;
		s->entry = e;
		s->endpoint = e->endpoint;
		s->cert_hash = e->cert_hash;
		s->iis = ieq(e->app_id, IIS_APPID);
		if (have_apphost) {
			s->bindings = bindings[i];
			s->used = s->bindings > 0;
		}
		if (ieq(e->type, "ccs") || e->hash_state == NULL ||
		    strcmp(e->hash_state, "ok") != 0)
			continue;
		/* Entries name few stores: ask once per run of one store. */
		if (i == 0 || cmp_nocase(e->store, last_store) != 0) {
			last_store = e->store;
			dumped = combine_store_dumped(m, e->store);
		}
		if (!dumped)
			continue;
		{
			const struct cert *c = find_cert(x, e->cert_hash);

			s->in_store = c != NULL;
			if (c != NULL)
				fill_cert(m, s, c);
		}
	}
	free(bindings);
}

static bool
list_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

static void
add_once(struct model *m, struct strlist *l, const char *s)
{
	if (!list_has(l, s))
		model_list_add(m, l, s);
}

static void
protocols_left(struct model *m, struct effbinding *eb)
{
	const struct binding *b = eb->binding;
	const struct sslcert *e = eb->server;
	const struct recvec *pv = &m->recs[REC_PROTOCOL];
	bool legacy = false;

	if (b->ssl_flags != INT_NONE) {
		if (b->ssl_flags & 32)
			add_once(m, &eb->disabled_protocols, "TLS 1.3");
		if (b->ssl_flags & 64)
			legacy = true;
	}
	if (e != NULL) {
		if (e->disable_tls12 == 1)
			add_once(m, &eb->disabled_protocols, "TLS 1.2");
		if (e->disable_tls13 == 1)
			add_once(m, &eb->disabled_protocols, "TLS 1.3");
		if (e->disable_legacy_tls == 1)
			legacy = true;
	}
	if (legacy) {
		add_once(m, &eb->disabled_protocols, "SSL 2.0");
		add_once(m, &eb->disabled_protocols, "SSL 3.0");
		add_once(m, &eb->disabled_protocols, "TLS 1.0");
		add_once(m, &eb->disabled_protocols, "TLS 1.1");
	}
	eb->usable_count = 0;
	for (size_t i = 0; i < pv->n; i++) {
		const struct protocol *p = pv->v[i];

		/* Unknown states count as usable: no evidence otherwise. */
		if (strcmp(p->side, "server") != 0 || p->enabled == 0 ||
		    list_has(&eb->disabled_protocols, p->protocol))
			continue;
		model_list_add(m, &eb->usable_protocols, p->protocol);
		eb->usable_count++;
	}
}

/*
 * A listening TCP socket: "LISTENING", or, whatever the state says in the
 * local language ("ABHÖREN", "ESCUCHANDO"), a foreign address of 0.0.0.0:0
 * or [::]:0, which only listening sockets have.
 */
static bool
is_listening(const struct sock *s)
{
	if (!ieq(s->proto, "TCP"))
		return false;
	if (ieq(s->state, "LISTENING"))
		return true;
	return s->remote_port != NULL && strcmp(s->remote_port, "0") == 0 &&
	    (ieq(s->remote_address, "0.0.0.0") ||
		ieq(s->remote_address, "[::]"));
}

/* A socket on local address `la` accepts connections for binding b. */
static bool
socket_serves(const struct binding *b, const char *la)
{
	if (la == NULL)
		return false;
	if (any_address(b->address))
		return true;
	if (ieq(la, b->address))
		return true;
	if (is_v6(b->address))
		return ieq(la, "[::]");
	return ieq(la, "0.0.0.0");
}

static void
find_listeners(const struct joins *x, struct effbinding *eb)
{
	const struct binding *b = eb->binding;

	eb->listeners = 0;
	for (size_t i = 0; i < x->nlistening; i++) {
		const struct sock *s = x->listening[i];

		if (s->local_port != b->port ||
		    !socket_serves(b, s->local_address))
			continue;
		eb->listeners++;
		if (eb->listener == NULL ||
		    (eb->listener->pid == 4 && s->pid != 4 &&
			s->pid != INT_NONE))
			eb->listener = s;
	}
	if (eb->listener != NULL)
		eb->listener_pid = eb->listener->pid;
}

static void
check_iplisten(const struct model *m, struct effbinding *eb)
{
	const struct recvec *iv = &m->recs[REC_IPLISTEN];
	const char *addr = eb->binding->address;
	char bare[128];

	if (iv->n == 0)
		return;
	if (any_address(addr)) {
		eb->in_iplisten = 1;
		return;
	}
	/* iplisten prints IPv6 addresses without brackets. */
	snprintf(bare, sizeof(bare), "%s", addr);
	if (is_v6(addr)) {
		size_t n = strlen(addr);

		snprintf(bare, sizeof(bare), "%.*s", (int)(n - 2), addr + 1);
	}
	eb->in_iplisten = 0;
	for (size_t i = 0; i < iv->n; i++) {
		const char *a = ((const struct iplisten *)iv->v[i])->address;

		if (ieq(a, addr) || ieq(a, bare) ||
		    (!is_v6(addr) && ieq(a, "0.0.0.0")) ||
		    (is_v6(addr) && (ieq(a, "::") || ieq(a, "[::]"))))
			eb->in_iplisten = 1;
	}
}

static const char *
host_of(const struct binding *b)
{
	return b->host != NULL ? b->host : "";
}

static void
add_site(struct model *m, struct strlist *l, const struct binding *b)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s (%s)", b->site_name,
	    b->information != NULL ? b->information : "-");
	if (!list_has(l, buf))
		model_list_add(m, l, buf);
}

/*
 * Name the bindings of hb[lo..hi) that next[] leads to (all when next is
 * NULL), except hb[self] and hb[skip_lo..skip_hi), up to COLLISION_NAMES.
 */
static void
name_bindings(struct model *m, const struct joins *x, const size_t *next,
    size_t lo, size_t hi, size_t skip_lo, size_t skip_hi, size_t self,
    struct reflist *refs, struct strlist *sites)
{
	size_t named = 0;

	for (size_t j = next != NULL ? next[lo] : lo;
	     j < hi && named < COLLISION_NAMES;
	     j = next != NULL ? next[j + 1] : j + 1) {
		if (j >= skip_lo && j < skip_hi) {
			j = skip_hi - 1;
			continue;
		}
		if (j == self)
			continue;
		model_ref_add(m, refs, &x->hb[j].b->r);
		add_site(m, sites, x->hb[j].b);
		named++;
	}
}

/*
 * Collisions with the other https bindings (BND001..BND003): the same
 * IP:port:host (duplicates); the same IP:port, neither of them SNI or CCS
 * (shared); a specific address on a port with All Unassigned or SNI
 * bindings (shadows).  Counts are exact; at most COLLISION_NAMES bindings
 * are named in each list.
 */
static void
collisions(struct model *m, const struct joins *x, size_t i,
    struct effbinding *eb)
{
	const struct hb *h = &x->hb[i];
	const struct runs *r = &x->runs[i];
	size_t none = x->nhb;

	eb->duplicates = (long long)(r->pah_hi - r->pah_lo - 1);
	name_bindings(m, x, NULL, r->pah_lo, r->pah_hi, none, none, i,
	    &eb->duplicate_bindings, &eb->duplicate_sites);
	eb->shared = 0;
	eb->shadows = 0;
	if (!h->plain)
		return;
	eb->shared = (long long)((x->plainc[r->pa_hi] - x->plainc[r->pa_lo]) -
	    (x->plainc[r->pah_hi] - x->plainc[r->pah_lo]));
	name_bindings(m, x, x->next_plain, r->pa_lo, r->pa_hi, r->pah_lo,
	    r->pah_hi, i, &eb->shared_bindings, &eb->shared_sites);
	if (any_address(h->b->address))
		return;
	eb->shadows = (x->widec[r->port_hi] - x->widec[r->port_lo]) -
		(x->widec[r->pah_hi] - x->widec[r->pah_lo]) >
	    0;
	name_bindings(m, x, x->next_wide, r->port_lo, r->port_hi, r->pah_lo,
	    r->pah_hi, i, &eb->shadowed_bindings, &eb->shadowed_sites);
}

static void
make_effective(struct model *m, const struct joins *x, size_t k,
    bool have_netsh, bool have_netstat)
{
	size_t i = x->pos[k];
	const struct binding *b = x->hb[i].b;
	struct effbinding *eb = model_add_derived(m, REC_EFFBINDING, &b->r);
	const struct system *sys = combine_system_rec(m);
	const char *via = NULL;

	eb->binding = b;
	eb->site_name = b->site_name;
	eb->information = b->information;
	eb->key = binding_key(m, b);
	eb->host = host_of(b);
	eb->port = b->port;
	eb->endpoint = expected_endpoint(m, b);
	eb->system = sys;
	eb->iis_old = sys->iis_old;
	if (have_netsh) {
		size_t server = serving_entry(x, b, &via);

		eb->entry = entry_at(m, x->expected[k]);
		eb->entry_found = eb->entry != NULL;
		eb->server = entry_at(m, server);
		if (server != NO_ENTRY) {
			const struct served *s = x->served[server];

			eb->served_by = eb->server->endpoint;
			eb->served_via = via;
			eb->fallback = eb->server != eb->entry;
			eb->served = s;
			eb->cert = s->cert;
			eb->in_store = s->in_store;
			eb->has_key = s->has_key;
			for (size_t n = 0; n < s->names.n; n++)
				model_list_add(m, &eb->names, s->names.v[n]);
		}
	}
	if (*eb->host != '\0' && eb->names.n > 0) {
		eb->names_cover_host = 0;
		for (size_t n = 0; n < eb->names.n; n++)
			if (name_covers(eb->names.v[n], eb->host))
				eb->names_cover_host = 1;
	}
	if (have_netstat)
		find_listeners(x, eb);
	check_iplisten(m, eb);
	collisions(m, x, i, eb);
	protocols_left(m, eb);
}

static int
cmp_hb(const void *pa, const void *pb)
{
	const struct hb *a = pa, *b = pb;
	int c;

	if ((c = cmp_port(a->b->port, b->b->port)) != 0 ||
	    (c = strcasecmp(a->addr, b->addr)) != 0 ||
	    (c = strcasecmp(a->host, b->host)) != 0)
		return c;
	return (a->k > b->k) - (a->k < b->k);
}

/* The end of the run of hb[] equal to hb[lo] in its first `depth` keys. */
static size_t
run_end(const struct joins *x, size_t lo, int depth)
{
	const struct hb *h = &x->hb[lo];
	size_t j = lo + 1;

	for (; j < x->nhb; j++) {
		const struct hb *o = &x->hb[j];

		if (o->b->port != h->b->port ||
		    (depth > 1 && strcasecmp(o->addr, h->addr) != 0) ||
		    (depth > 2 && strcasecmp(o->host, h->host) != 0))
			break;
	}
	return j;
}

/* next[i]: the first j >= i with want(hb[j]), else nhb. */
static size_t *
next_of(const struct joins *x, bool plain)
{
	size_t *next = xcalloc(x->nhb + 1, sizeof(*next));

	next[x->nhb] = x->nhb;
	for (size_t j = x->nhb; j-- > 0;)
		next[j] =
		    (plain ? x->hb[j].plain : x->hb[j].wide) ? j : next[j + 1];
	return next;
}

static void
sort_bindings(const struct model *m, struct joins *x)
{
	const struct recvec *bv = &m->recs[REC_BINDING];

	x->hb = xcalloc(bv->n + 1, sizeof(*x->hb));
	for (size_t i = 0; i < bv->n; i++) {
		const struct binding *b = bv->v[i];
		struct hb *h;

		if (!is_https(b))
			continue;
		h = &x->hb[x->nhb];
		h->b = b;
		h->addr = any_address(b->address) ? "" : b->address;
		h->host = host_of(b);
		h->k = x->nhb++;
		h->plain = b->sni != 1 && b->ccs != 1;
		h->wide = any_address(b->address) || b->sni == 1;
	}
	qsort(x->hb, x->nhb, sizeof(*x->hb), cmp_hb);
	x->pos = xcalloc(x->nhb + 1, sizeof(*x->pos));
	x->runs = xcalloc(x->nhb + 1, sizeof(*x->runs));
	x->plainc = xcalloc(x->nhb + 1, sizeof(*x->plainc));
	x->widec = xcalloc(x->nhb + 1, sizeof(*x->widec));
	for (size_t i = 0; i < x->nhb; i++) {
		x->pos[x->hb[i].k] = i;
		x->plainc[i + 1] = x->plainc[i] + x->hb[i].plain;
		x->widec[i + 1] = x->widec[i] + x->hb[i].wide;
	}
	for (size_t p = 0; p < x->nhb;) {
		size_t p_end = run_end(x, p, 1);

		for (size_t a = p; a < p_end;) {
			size_t a_end = run_end(x, a, 2);

			for (size_t h = a; h < a_end;) {
				size_t h_end = run_end(x, h, 3);

				for (size_t i = h; i < h_end; i++)
					x->runs[i] = (struct runs) { p, p_end,
						a, a_end, h, h_end };
				h = h_end;
			}
			a = a_end;
		}
		p = p_end;
	}
	x->next_plain = next_of(x, true);
	x->next_wide = next_of(x, false);
}

static void
joins_build(const struct model *m, struct joins *x)
{
	const struct recvec *ev = &m->recs[REC_SSLCERT];
	const struct recvec *cv = &m->recs[REC_CERT];
	const struct recvec *sv = &m->recs[REC_SOCKET];

	x->entries = xcalloc(ev->n + 1, sizeof(*x->entries));
	for (size_t i = 0; i < ev->n; i++)
		if (((const struct sslcert *)ev->v[i])->type != NULL)
			x->entries[x->nentries++] =
			    (struct entry_ix) { ev->v[i], i };
	qsort(x->entries, x->nentries, sizeof(*x->entries), cmp_entry_ix);
	x->served = xcalloc(ev->n + 1, sizeof(const struct served *));

	x->certs = xcalloc(cv->n + 1, sizeof(*x->certs));
	for (size_t i = 0; i < cv->n; i++) {
		const struct cert *c = cv->v[i];
		struct cert_ix *ix = &x->certs[x->ncerts];

		if (combine_hash(c->thumbprint, ix->hash)) {
			ix->c = c;
			x->ncerts++;
		}
	}
	qsort(x->certs, x->ncerts, sizeof(*x->certs), cmp_cert_ix);

	x->listening = xcalloc(sv->n + 1, sizeof(const struct sock *));
	for (size_t i = 0; i < sv->n; i++)
		if (is_listening(sv->v[i]))
			x->listening[x->nlistening++] = sv->v[i];

	sort_bindings(m, x);
	x->expected = xcalloc(x->nhb + 1, sizeof(*x->expected));
	for (size_t i = 0; i < x->nhb; i++)
		x->expected[x->hb[i].k] = expected_entry(x, x->hb[i].b);
}

static void
joins_free(struct joins *x)
{
	free(x->entries);
	free(x->served);
	free(x->expected);
	free(x->certs);
	free(x->listening);
	free(x->hb);
	free(x->pos);
	free(x->runs);
	free(x->plainc);
	free(x->widec);
	free(x->next_plain);
	free(x->next_wide);
}

void
combine_bindings(struct model *m)
{
	struct joins x = { 0 };
	/*
	 * netsh output with only an iplisten list says nothing about the
	 * SSL entries.
	 */
	bool have_netsh = m->recs[REC_SSLCERT].n > 0 ||
	    (combine_have(m, KIND_NETSH) && m->recs[REC_IPLISTEN].n == 0);
	bool have_netstat = combine_have(m, KIND_NETSTAT);

	joins_build(m, &x);
	make_served(m, &x, combine_have(m, KIND_APPHOST));
	for (size_t k = 0; k < x.nhb; k++)
		make_effective(m, &x, k, have_netsh, have_netstat);
	joins_free(&x);
}
