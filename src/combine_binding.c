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
#include <string.h>
#include <strings.h>

#include "combine.h"

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

static const struct sslcert *
find_entry(const struct model *m, const char *type, const char *addr,
    long long port)
{
	const struct recvec *rv = &m->recs[REC_SSLCERT];

	for (size_t i = 0; i < rv->n; i++) {
		const struct sslcert *e = rv->v[i];

		if (e->port != port || !ieq(e->type, type))
			continue;
		if (addr == NULL || ieq(e->address, addr))
			return e;
	}
	return NULL;
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

static const struct sslcert *
expected_entry(const struct model *m, const struct binding *b)
{
	if (b->ccs == 1)
		return find_entry(m, "ccs", NULL, b->port);
	if (b->sni == 1)
		return find_entry(m, "hostnameport", b->host, b->port);
	return find_entry(m, "ipport",
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
static const struct sslcert *
serving_entry(const struct model *m, const struct binding *b, const char **via)
{
	const struct sslcert *e = NULL;

	if (!any_address(b->address) &&
	    (e = find_entry(m, "ipport", b->address, b->port)) != NULL)
		*via = "ip";
	else if (b->host != NULL && *b->host != '\0' &&
	    (e = find_entry(m, "hostnameport", b->host, b->port)) != NULL)
		*via = "sni";
	else if ((e = find_entry(m, "ccs", NULL, b->port)) != NULL)
		*via = "ccs";
	else if (is_v6(b->address) &&
	    (e = find_entry(m, "ipport", "[::]", b->port)) != NULL)
		*via = "ipv6_wildcard";
	else if ((e = find_entry(m, "ipport", "0.0.0.0", b->port)) != NULL)
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

static void
make_served(struct model *m, bool have_apphost)
{
	const struct recvec *rv = &m->recs[REC_SSLCERT];
	const struct recvec *bv = &m->recs[REC_BINDING];

	for (size_t i = 0; i < rv->n; i++) {
		const struct sslcert *e = rv->v[i];
		struct served *s = model_add_derived(m, REC_SERVED, &e->r);

		s->entry = e;
		s->endpoint = e->endpoint;
		s->cert_hash = e->cert_hash;
		s->iis = ieq(e->app_id, IIS_APPID);
		if (have_apphost) {
			s->bindings = 0;
			for (size_t k = 0; k < bv->n; k++)
				if (is_https(bv->v[k]) &&
				    expected_entry(m, bv->v[k]) == e)
					s->bindings++;
			s->used = s->bindings > 0;
		}
		if (ieq(e->type, "ccs") || e->hash_state == NULL ||
		    strcmp(e->hash_state, "ok") != 0)
			continue;
		if (!combine_store_dumped(m, e->store))
			continue;
		{
			const struct cert *c = combine_cert(m, e->cert_hash);

			s->in_store = c != NULL;
			if (c != NULL)
				fill_cert(m, s, c);
		}
	}
}

static const struct served *
served_of(const struct model *m, const struct sslcert *e)
{
	const struct recvec *rv = &m->recs[REC_SERVED];

	for (size_t i = 0; i < rv->n; i++)
		if (((const struct served *)rv->v[i])->entry == e)
			return rv->v[i];
	return NULL;
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
find_listeners(struct model *m, struct effbinding *eb)
{
	const struct recvec *sv = &m->recs[REC_SOCKET];
	const struct binding *b = eb->binding;

	eb->listeners = 0;
	for (size_t i = 0; i < sv->n; i++) {
		const struct sock *s = sv->v[i];

		if (s->local_port != b->port || !is_listening(s) ||
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

static bool
same_address(const struct binding *a, const struct binding *b)
{
	if (any_address(a->address) || any_address(b->address))
		return any_address(a->address) && any_address(b->address);
	return ieq(a->address, b->address);
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

/* Collisions with the other https bindings (BND001..BND003). */
static void
collisions(struct model *m, struct effbinding *eb)
{
	const struct recvec *bv = &m->recs[REC_BINDING];
	const struct binding *b = eb->binding;
	bool plain = b->sni != 1 && b->ccs != 1;

	eb->duplicates = 0;
	eb->shared = 0;
	eb->shadows = 0;
	for (size_t i = 0; i < bv->n; i++) {
		const struct binding *o = bv->v[i];
		bool oplain;

		if (o == b || !is_https(o) || o->port != b->port)
			continue;
		oplain = o->sni != 1 && o->ccs != 1;
		if (same_address(b, o) &&
		    strcasecmp(host_of(b), host_of(o)) == 0) {
			eb->duplicates++;
			model_ref_add(m, &eb->duplicate_bindings, &o->r);
			add_site(m, &eb->duplicate_sites, o);
			continue;
		}
		if (plain && oplain && same_address(b, o)) {
			eb->shared++;
			model_ref_add(m, &eb->shared_bindings, &o->r);
			add_site(m, &eb->shared_sites, o);
		}
		if (plain && !any_address(b->address) &&
		    (any_address(o->address) || o->sni == 1)) {
			eb->shadows = 1;
			model_ref_add(m, &eb->shadowed_bindings, &o->r);
			add_site(m, &eb->shadowed_sites, o);
		}
	}
}

static void
make_effective(struct model *m, const struct binding *b, bool have_netsh,
    bool have_netstat)
{
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
		eb->entry = expected_entry(m, b);
		eb->entry_found = eb->entry != NULL;
		eb->server = serving_entry(m, b, &via);
	}
	if (eb->server != NULL) {
		const struct served *s = served_of(m, eb->server);

		eb->served_by = eb->server->endpoint;
		eb->served_via = via;
		eb->fallback = eb->server != eb->entry;
		eb->served = s;
		if (s != NULL) {
			eb->cert = s->cert;
			eb->in_store = s->in_store;
			eb->has_key = s->has_key;
			for (size_t i = 0; i < s->names.n; i++)
				model_list_add(m, &eb->names, s->names.v[i]);
		}
	}
	if (*eb->host != '\0' && eb->names.n > 0) {
		eb->names_cover_host = 0;
		for (size_t i = 0; i < eb->names.n; i++)
			if (name_covers(eb->names.v[i], eb->host))
				eb->names_cover_host = 1;
	}
	if (have_netstat)
		find_listeners(m, eb);
	check_iplisten(m, eb);
	collisions(m, eb);
	protocols_left(m, eb);
}

void
combine_bindings(struct model *m)
{
	const struct recvec *bv = &m->recs[REC_BINDING];
	/*
	 * netsh output with only an iplisten list says nothing about the
	 * SSL entries.
	 */
	bool have_netsh = m->recs[REC_SSLCERT].n > 0 ||
	    (combine_have(m, KIND_NETSH) && m->recs[REC_IPLISTEN].n == 0);
	bool have_netstat = combine_have(m, KIND_NETSTAT);

	make_served(m, combine_have(m, KIND_APPHOST));
	for (size_t i = 0; i < bv->n; i++)
		if (is_https(bv->v[i]))
			make_effective(m, bv->v[i], have_netsh, have_netstat);
}
