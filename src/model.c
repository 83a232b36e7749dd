#include "compat.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "xalloc.h"

static const char *const kind_names[KIND__COUNT] = {
	[KIND_UNKNOWN] = "unknown",
	[KIND_APPHOST] = "apphost",
	[KIND_NETSH] = "netsh",
	[KIND_NETSTAT] = "netstat",
	[KIND_EVENTS] = "events",
	[KIND_CERTUTIL] = "certutil",
	[KIND_REG] = "reg",
	[KIND_EVTX] = "evtx",
};

const char *
artifact_kind_name(enum artifact_kind k)
{
	if ((unsigned)k >= KIND__COUNT)
		BUG("bad artifact kind %d", (int)k);
	return kind_names[k];
}

enum artifact_kind
artifact_kind_from_name(const char *name)
{
	for (int k = 0; k < KIND__COUNT; k++)
		if (strcmp(kind_names[k], name) == 0)
			return (enum artifact_kind)k;
	return KIND__COUNT;
}

const char *
parse_status_name(enum parse_status s)
{
	switch (s) {
	case PARSE_NONE:
		return "none";
	case PARSE_OK:
		return "ok";
	case PARSE_PARTIAL:
		return "partial";
	case PARSE_FAILED:
		return "failed";
	}
	BUG("bad parse status %d", (int)s);
}

/* clang-format off */
#define F(st, name, type) { #name, type, REC_HOST, offsetof(struct st, name) }
#define R(st, name, to) { #name, FT_REF, to, offsetof(struct st, name) }

static const struct field host_fields[] = {
	F(host_fact, name, FT_STR),
	F(host_fact, value, FT_STR),
};

static const struct field site_fields[] = {
	F(site, id, FT_INT),
	F(site, name, FT_STR),
};

static const struct field binding_fields[] = {
	F(binding, site_id, FT_INT),
	F(binding, site_name, FT_STR),
	F(binding, protocol, FT_STR),
	F(binding, information, FT_STR),
	F(binding, address, FT_STR),
	F(binding, port, FT_INT),
	F(binding, host, FT_STR),
	F(binding, ssl_flags, FT_INT),
	F(binding, sni, FT_BOOL),
	F(binding, ccs, FT_BOOL),
	F(binding, cert_hash, FT_STR),
	F(binding, cert_store, FT_STR),
};

static const struct field access_fields[] = {
	F(access, location, FT_STR),
	F(access, ssl_flags, FT_STR),
	F(access, ssl, FT_BOOL),
	F(access, negotiate_cert, FT_BOOL),
	F(access, require_cert, FT_BOOL),
};

static const struct field metadata_fields[] = {
	F(metadata, key, FT_STR),
	F(metadata, site_id, FT_INT),
	F(metadata, prop_id, FT_INT),
	F(metadata, data_type, FT_STR),
	F(metadata, user_type, FT_STR),
	F(metadata, attributes, FT_STR),
	F(metadata, value, FT_STR),
	F(metadata, decoded_hex, FT_STR),
	F(metadata, decoded_len, FT_INT),
};

static const struct field sslcert_fields[] = {
	F(sslcert, type, FT_STR),
	F(sslcert, endpoint, FT_STR),
	F(sslcert, address, FT_STR),
	F(sslcert, port, FT_INT),
	F(sslcert, cert_hash, FT_STR),
	F(sslcert, hash_state, FT_STR),
	F(sslcert, app_id, FT_STR),
	F(sslcert, store, FT_STR),
	F(sslcert, source, FT_STR),
	F(sslcert, listing, FT_INT),
	F(sslcert, verify_revocation, FT_BOOL),
	F(sslcert, usage_check, FT_BOOL),
	F(sslcert, negotiate_client_cert, FT_BOOL),
	F(sslcert, ds_mapper, FT_BOOL),
	F(sslcert, reject, FT_BOOL),
	F(sslcert, disable_http2, FT_BOOL),
	F(sslcert, disable_quic, FT_BOOL),
	F(sslcert, disable_tls12, FT_BOOL),
	F(sslcert, disable_tls13, FT_BOOL),
	F(sslcert, disable_legacy_tls, FT_BOOL),
	F(sslcert, disable_ocsp_stapling, FT_BOOL),
	F(sslcert, enable_session_ticket, FT_BOOL),
	F(sslcert, ctl_identifier, FT_STR),
	F(sslcert, ctl_store, FT_STR),
	F(sslcert, fields, FT_KV),
};

static const struct field iplisten_fields[] = {
	F(iplisten, address, FT_STR),
	F(iplisten, listing, FT_INT),
};

static const struct field socket_fields[] = {
	F(sock, proto, FT_STR),
	F(sock, local_address, FT_STR),
	F(sock, local_port, FT_INT),
	F(sock, remote_address, FT_STR),
	F(sock, remote_port, FT_STR),
	F(sock, state, FT_STR),
	F(sock, pid, FT_INT),
	F(sock, process, FT_STR),
	F(sock, component, FT_STR),
	F(sock, owner_unavailable, FT_BOOL),
};

static const struct field event_fields[] = {
	F(event, format, FT_STR),
	F(event, channel, FT_STR),
	F(event, provider, FT_STR),
	F(event, provider_guid, FT_STR),
	F(event, source_name, FT_STR),
	F(event, event_id, FT_INT),
	F(event, qualifiers, FT_INT),
	F(event, version, FT_INT),
	F(event, level, FT_INT),
	F(event, task, FT_INT),
	F(event, keywords, FT_STR),
	F(event, time, FT_STR),
	F(event, time_first, FT_STR),
	F(event, time_last, FT_STR),
	F(event, record_id, FT_INT),
	F(event, computer, FT_STR),
	F(event, user_sid, FT_STR),
	F(event, data, FT_KV),
	F(event, user_data, FT_KV),
	F(event, binary, FT_STR),
	F(event, message, FT_STR),
	F(event, error_code, FT_STR),
	F(event, ntstatus, FT_STR),
	F(event, truncated, FT_BOOL),
	F(event, occurrences, FT_INT),
	F(event, side, FT_STR),
};

static const struct field cert_fields[] = {
	F(cert, store, FT_STR),
	F(cert, index, FT_INT),
	F(cert, serial, FT_STR),
	F(cert, subject, FT_STR),
	F(cert, issuer, FT_STR),
	F(cert, not_before, FT_STR),
	F(cert, not_before_raw, FT_STR),
	F(cert, not_after, FT_STR),
	F(cert, not_after_raw, FT_STR),
	F(cert, thumbprint, FT_STR),
	F(cert, key_state, FT_STR),
	F(cert, provider, FT_STR),
	F(cert, key_container, FT_STR),
	F(cert, unique_container, FT_STR),
	F(cert, key_spec, FT_INT),
	F(cert, exportable, FT_BOOL),
	F(cert, key_tests, FT_LIST),
	F(cert, ekus, FT_LIST),
	F(cert, sans, FT_LIST),
	F(cert, sig_alg, FT_STR),
	F(cert, key_size, FT_INT),
	F(cert, template_name, FT_STR),
	F(cert, root, FT_BOOL),
};

static const struct field regval_fields[] = {
	F(regval, key, FT_STR),
	F(regval, key_raw, FT_STR),
	F(regval, name, FT_STR),
	F(regval, op, FT_STR),
	F(regval, type, FT_STR),
	F(regval, data, FT_STR),
	F(regval, num, FT_INT),
	F(regval, text, FT_STR),
	F(regval, strings, FT_LIST),
};

static const struct field artifact_fields[] = {
	F(artifact_rec, path, FT_STR),
	F(artifact_rec, kind, FT_STR),
	F(artifact_rec, status, FT_STR),
	F(artifact_rec, errors, FT_INT),
	F(artifact_rec, warnings, FT_INT),
	F(artifact_rec, problem, FT_STR),
};

static const struct field system_fields[] = {
	F(system, computer, FT_STR),
	F(system, os, FT_STR),
	F(system, os_release, FT_STR),
	F(system, iis_version, FT_STR),
	F(system, iis_old, FT_BOOL),
	F(system, facts, FT_REFS),
};

static const struct field protocol_fields[] = {
	F(protocol, protocol, FT_STR),
	F(protocol, side, FT_STR),
	F(protocol, state, FT_STR),
	F(protocol, enabled, FT_BOOL),
	F(protocol, source, FT_STR),
	F(protocol, supported, FT_BOOL),
	F(protocol, enabled_value, FT_INT),
	F(protocol, disabled_by_default, FT_INT),
	F(protocol, values, FT_REFS),
};

static const struct field schannel_fields[] = {
	F(schannel, os, FT_STR),
	F(schannel, server_enabled, FT_LIST),
	F(schannel, server_enabled_count, FT_INT),
	F(schannel, server_unknown, FT_LIST),
	F(schannel, server_unknown_count, FT_INT),
	F(schannel, registry_values, FT_INT),
	F(schannel, values, FT_REFS),
};

static const struct field served_fields[] = {
	R(served, entry, REC_SSLCERT),
	F(served, endpoint, FT_STR),
	F(served, cert_hash, FT_STR),
	F(served, iis, FT_BOOL),
	F(served, used, FT_BOOL),
	F(served, bindings, FT_INT),
	F(served, in_store, FT_BOOL),
	R(served, cert, REC_CERT),
	F(served, has_key, FT_BOOL),
	F(served, server_auth, FT_BOOL),
	F(served, weak_sig, FT_BOOL),
	F(served, weak_key, FT_BOOL),
	F(served, names, FT_LIST),
};

static const struct field effbinding_fields[] = {
	R(effbinding, binding, REC_BINDING),
	F(effbinding, site_name, FT_STR),
	F(effbinding, information, FT_STR),
	F(effbinding, key, FT_STR),
	F(effbinding, host, FT_STR),
	F(effbinding, port, FT_INT),
	F(effbinding, endpoint, FT_STR),
	F(effbinding, entry_found, FT_BOOL),
	R(effbinding, entry, REC_SSLCERT),
	F(effbinding, served_by, FT_STR),
	F(effbinding, served_via, FT_STR),
	F(effbinding, fallback, FT_BOOL),
	R(effbinding, server, REC_SSLCERT),
	R(effbinding, served, REC_SERVED),
	R(effbinding, cert, REC_CERT),
	F(effbinding, in_store, FT_BOOL),
	F(effbinding, has_key, FT_BOOL),
	F(effbinding, names_cover_host, FT_BOOL),
	F(effbinding, names, FT_LIST),
	F(effbinding, listeners, FT_INT),
	R(effbinding, listener, REC_SOCKET),
	F(effbinding, listener_pid, FT_INT),
	F(effbinding, in_iplisten, FT_BOOL),
	F(effbinding, duplicates, FT_INT),
	F(effbinding, duplicate_bindings, FT_REFS),
	F(effbinding, duplicate_sites, FT_LIST),
	F(effbinding, shared, FT_INT),
	F(effbinding, shared_bindings, FT_REFS),
	F(effbinding, shared_sites, FT_LIST),
	F(effbinding, shadows, FT_BOOL),
	F(effbinding, shadowed_bindings, FT_REFS),
	F(effbinding, shadowed_sites, FT_LIST),
	F(effbinding, disabled_protocols, FT_LIST),
	F(effbinding, usable_protocols, FT_LIST),
	F(effbinding, usable_count, FT_INT),
	F(effbinding, iis_old, FT_BOOL),
	R(effbinding, system, REC_SYSTEM),
};

static const struct field legacyhash_fields[] = {
	R(legacyhash, property, REC_METADATA),
	F(legacyhash, site_id, FT_INT),
	F(legacyhash, site_name, FT_STR),
	F(legacyhash, hash, FT_STR),
	F(legacyhash, valid, FT_BOOL),
	F(legacyhash, in_store, FT_BOOL),
	R(legacyhash, cert, REC_CERT),
	F(legacyhash, endpoints, FT_LIST),
	F(legacyhash, served_hashes, FT_LIST),
	F(legacyhash, matches_served, FT_BOOL),
	F(legacyhash, entries, FT_REFS),
};

#define T(st, name, plural, fields) \
	{ name, plural, sizeof(struct st), fields, ARRAY_SIZE(fields) }

static const struct rectype rectypes[REC__COUNT] = {
	[REC_HOST] = T(host_fact, "host", "hosts", host_fields),
	[REC_SITE] = T(site, "site", "sites", site_fields),
	[REC_BINDING] = T(binding, "binding", "bindings", binding_fields),
	[REC_ACCESS] = T(access, "access", "access", access_fields),
	[REC_METADATA] = T(metadata, "metadata", "metadata", metadata_fields),
	[REC_SSLCERT] = T(sslcert, "sslcert", "sslcerts", sslcert_fields),
	[REC_IPLISTEN] = T(iplisten, "iplisten", "iplisten", iplisten_fields),
	[REC_SOCKET] = T(sock, "socket", "sockets", socket_fields),
	[REC_EVENT] = T(event, "event", "events", event_fields),
	[REC_CERT] = T(cert, "cert", "certs", cert_fields),
	[REC_REGVAL] = T(regval, "regval", "registry", regval_fields),
	[REC_ARTIFACT] = T(artifact_rec, "artifact", "artifact_records",
	    artifact_fields),
	[REC_SYSTEM] = T(system, "system", "system", system_fields),
	[REC_PROTOCOL] = T(protocol, "protocol", "protocols", protocol_fields),
	[REC_SCHANNEL] = T(schannel, "schannel", "schannel", schannel_fields),
	[REC_SERVED] = T(served, "served", "served", served_fields),
	[REC_EFFBINDING] = T(effbinding, "effective_binding",
	    "effective_bindings", effbinding_fields),
	[REC_LEGACYHASH] = T(legacyhash, "legacy_hash", "legacy_hashes",
	    legacyhash_fields),
};
/* clang-format on */

const struct rectype *
rectype_get(enum rec_type t)
{
	if ((unsigned)t >= REC__COUNT)
		BUG("bad record type %d", (int)t);
	return &rectypes[t];
}

const struct rectype *
rectype_find(const char *name, enum rec_type *t)
{
	for (int i = 0; i < REC__COUNT; i++) {
		if (strcmp(rectypes[i].name, name) == 0) {
			if (t != NULL)
				*t = (enum rec_type)i;
			return &rectypes[i];
		}
	}
	return NULL;
}

const struct field *
rectype_field(const struct rectype *rt, const char *name)
{
	for (size_t i = 0; i < rt->nfields; i++)
		if (strcmp(rt->fields[i].name, name) == 0)
			return &rt->fields[i];
	return NULL;
}

#define AT(f, rec, type) ((const type *)((const char *)(rec) + (f)->off))

const char *
field_str(const struct field *f, const void *rec)
{
	if (f->type != FT_STR)
		BUG("field '%s' is not a string", f->name);
	return *(const char *const *)(const void *)((const char *)rec + f->off);
}

long long
field_int(const struct field *f, const void *rec)
{
	if (f->type != FT_INT)
		BUG("field '%s' is not an integer", f->name);
	return *AT(f, rec, long long);
}

signed char
field_bool(const struct field *f, const void *rec)
{
	if (f->type != FT_BOOL)
		BUG("field '%s' is not a boolean", f->name);
	return *AT(f, rec, signed char);
}

const struct strlist *
field_list(const struct field *f, const void *rec)
{
	if (f->type != FT_LIST)
		BUG("field '%s' is not a list", f->name);
	return AT(f, rec, struct strlist);
}

const struct kvlist *
field_kv(const struct field *f, const void *rec)
{
	if (f->type != FT_KV)
		BUG("field '%s' is not a name/value list", f->name);
	return AT(f, rec, struct kvlist);
}

const struct rec *
field_ref(const struct field *f, const void *rec)
{
	if (f->type != FT_REF)
		BUG("field '%s' is not a reference", f->name);
	return *(const struct rec *const *)(const void *)((const char *)rec +
	    f->off);
}

const struct reflist *
field_refs(const struct field *f, const void *rec)
{
	if (f->type != FT_REFS)
		BUG("field '%s' is not a reference list", f->name);
	return AT(f, rec, struct reflist);
}

bool
field_present(const struct field *f, const void *rec)
{
	switch (f->type) {
	case FT_STR:
		return field_str(f, rec) != NULL;
	case FT_INT:
		return field_int(f, rec) != INT_NONE;
	case FT_BOOL:
		return field_bool(f, rec) != BOOL_NONE;
	case FT_LIST:
		return field_list(f, rec)->n > 0;
	case FT_KV:
		return field_kv(f, rec)->n > 0;
	case FT_REF:
		return field_ref(f, rec) != NULL;
	case FT_REFS:
		return field_refs(f, rec)->n > 0;
	}
	return false;
}

const char *
kv_get(const struct kvlist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].name != NULL && strcasecmp(l->v[i].name, name) == 0)
			return l->v[i].value;
	return NULL;
}

bool
artifact_line(const struct artifact *a, unsigned long no, const char **s,
    size_t *len)
{
	size_t start, end;

	if (a->text == NULL || no == 0 || no > a->nlines)
		return false;
	start = a->line_start[no - 1];
	end = no < a->nlines ? a->line_start[no] - 1 : a->text_len;
	if (end > start && a->text[end - 1] == '\n')
		end--;
	*s = a->text + start;
	*len = end - start;
	return true;
}

struct model *
model_new(const char *name)
{
	struct model *m = xcalloc(1, sizeof(*m));

	arena_init(&m->arena);
	diag_list_init(&m->diags);
	m->name = arena_strdup(&m->arena, name);
	m->source = "file";
	return m;
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nartifacts; i++) {
		diag_list_release(&m->artifacts[i]->diags);
		free(m->artifacts[i]->tally);
		free(m->artifacts[i]->tally_index);
		free(m->artifacts[i]->text);
		free(m->artifacts[i]->line_start);
	}
	free(m->artifacts);
	for (int t = 0; t < REC__COUNT; t++)
		free(m->recs[t].v);
	diag_list_release(&m->diags);
	arena_release(&m->arena);
	free(m);
}

const char *
model_strdup(struct model *m, const char *s)
{
	return arena_strdup(&m->arena, s);
}

const char *
model_strndup(struct model *m, const char *s, size_t n)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(&m->arena, s, n);
}

struct artifact *
model_add_artifact(struct model *m, const char *path)
{
	struct artifact *a = arena_alloc(&m->arena, sizeof(*a));

	a->path = arena_strdup(&m->arena, path);
	a->kind = KIND_UNKNOWN;
	a->encoding = "binary";
	a->status = PARSE_NONE;
	a->seq = m->nartifacts;
	diag_list_init(&a->diags);
	xgrow((void **)&m->artifacts, &m->artifacts_alloc, m->nartifacts + 1,
	    sizeof(struct artifact *));
	m->artifacts[m->nartifacts++] = a;
	return a;
}

void *
model_add(struct model *m, enum rec_type t, struct artifact *a,
    unsigned long line)
{
	const struct rectype *rt = rectype_get(t);
	struct recvec *rv = &m->recs[t];
	struct rec *r = arena_alloc(&m->arena, rt->size);

	for (size_t i = 0; i < rt->nfields; i++) {
		char *p = (char *)r + rt->fields[i].off;

		if (rt->fields[i].type == FT_INT)
			*(long long *)(void *)p = INT_NONE;
		else if (rt->fields[i].type == FT_BOOL)
			*(signed char *)p = BOOL_NONE;
	}
	r->pos.path = a != NULL ? a->path : NULL;
	r->pos.line = line;
	r->seq = m->seq++;
	r->artifact = a;
	if (a != NULL)
		a->records++;
	xgrow((void **)&rv->v, &rv->alloc, rv->n + 1, sizeof(*rv->v));
	rv->v[rv->n++] = r;
	return r;
}

void *
model_add_derived(struct model *m, enum rec_type t, const struct rec *at)
{
	struct rec *r;

	if (t < REC__DERIVED)
		BUG("record type %d is not derived", (int)t);
	r = model_add(m, t, NULL, 0);
	if (at != NULL)
		r->pos = at->pos;
	return r;
}

void
model_ref_add(struct model *m, struct reflist *l, const struct rec *r)
{
	if (r == NULL)
		BUG("NULL reference");
	if (l->n == l->alloc) {
		size_t n = l->alloc ? l->alloc * 2 : 4;
		const struct rec **v =
		    arena_alloc(&m->arena, n * sizeof(const struct rec *));

		if (l->n > 0)
			memcpy(v, l->v, l->n * sizeof(const struct rec *));
		l->v = v;
		l->alloc = n;
	}
	l->v[l->n++] = r;
}

void
model_keep_text(struct model *m, struct artifact *a, char *text, size_t len)
{
	size_t n = 1, alloc = 0;

	(void)m;
	free(a->text);
	free(a->line_start);
	a->text = text;
	a->text_len = len;
	a->line_start = NULL;
	xgrow((void **)&a->line_start, &alloc, 1, sizeof(size_t));
	a->line_start[0] = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n' || i + 1 == len)
			continue;
		xgrow((void **)&a->line_start, &alloc, n + 1, sizeof(size_t));
		a->line_start[n++] = i + 1;
	}
	a->nlines = len > 0 ? n : 0;
}

void
model_drop_last(struct model *m, enum rec_type t)
{
	struct recvec *rv = &m->recs[t];
	struct rec *r;

	if (rv->n == 0)
		BUG("no record to drop");
	r = rv->v[--rv->n];
	if (r->artifact != NULL)
		((struct artifact *)(uintptr_t)r->artifact)->records--;
}

void
model_kv_add(struct model *m, struct kvlist *l, const char *name,
    const char *value)
{
	if (l->n == l->alloc) {
		size_t n = l->alloc ? l->alloc * 2 : 4;
		struct kv *v = arena_alloc(&m->arena, n * sizeof(*v));

		if (l->n > 0)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->alloc = n;
	}
	l->v[l->n].name = arena_strdup(&m->arena, name);
	l->v[l->n].value = arena_strdup(&m->arena, value);
	l->n++;
}

void
model_list_add(struct model *m, struct strlist *l, const char *s)
{
	if (l->n == l->alloc) {
		size_t n = l->alloc ? l->alloc * 2 : 4;
		const char **v = arena_alloc(&m->arena, n * sizeof(*v));

		if (l->n > 0)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->alloc = n;
	}
	l->v[l->n++] = arena_strdup(&m->arena, s);
}

void
model_host_fact(struct model *m, struct artifact *a, unsigned long line,
    const char *name, const char *value)
{
	struct recvec *rv = &m->recs[REC_HOST];
	struct host_fact *h;

	for (size_t i = 0; i < rv->n; i++) {
		h = rv->v[i];
		if (strcmp(h->name, name) == 0 && strcmp(h->value, value) == 0)
			return;
	}
	h = model_add(m, REC_HOST, a, line);
	h->name = arena_strdup(&m->arena, name);
	h->value = arena_strdup(&m->arena, value);
}

static size_t
tally_hash(const char *provider, long long id, size_t slots)
{
	/* FNV-1a over the provider name, mixed with the id. */
	unsigned long long h = 1469598103934665603ULL;

	for (const unsigned char *p = (const unsigned char *)provider; *p;
	     p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	h ^= (unsigned long long)id;
	h *= 1099511628211ULL;
	return (size_t)(h & (slots - 1));
}

static void
tally_rehash(struct artifact *a, size_t slots)
{
	free(a->tally_index);
	a->tally_index = xcalloc(slots, sizeof(*a->tally_index));
	a->tally_slots = slots;
	for (size_t i = 0; i < a->ntally; i++) {
		size_t s =
		    tally_hash(a->tally[i].provider, a->tally[i].id, slots);

		while (a->tally_index[s] != 0)
			s = (s + 1) & (slots - 1);
		a->tally_index[s] = i + 1;
	}
}

void
model_tally_event(struct model *m, struct artifact *a, const char *provider,
    long long id)
{
	size_t s, alloc;
	struct tally_entry *e;

	if (provider == NULL)
		provider = "";
	if (a->tally_slots == 0)
		tally_rehash(a, 64);
	s = tally_hash(provider, id, a->tally_slots);
	while (a->tally_index[s] != 0) {
		e = &a->tally[a->tally_index[s] - 1];
		if (e->id == id && strcmp(e->provider, provider) == 0) {
			e->count++;
			return;
		}
		s = (s + 1) & (a->tally_slots - 1);
	}
	alloc = a->ntally;
	xgrow((void **)&a->tally, &alloc, a->ntally + 1, sizeof(*a->tally));
	e = &a->tally[a->ntally++];
	e->provider = arena_strdup(&m->arena, provider);
	e->id = id;
	e->count = 1;
	a->tally_index[s] = a->ntally;
	if (a->ntally * 2 > a->tally_slots)
		tally_rehash(a, a->tally_slots * 2);
}

static int
cmp_artifact(const void *x, const void *y)
{
	const struct artifact *a = *(const struct artifact *const *)x;
	const struct artifact *b = *(const struct artifact *const *)y;

	int c = strcmp(a->path, b->path);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
cmp_rec(const void *x, const void *y)
{
	const struct rec *a = *(const struct rec *const *)x;
	const struct rec *b = *(const struct rec *const *)y;
	int c;

	if (a->pos.path != NULL && b->pos.path != NULL &&
	    (c = strcmp(a->pos.path, b->pos.path)) != 0)
		return c;
	if ((a->pos.path == NULL) != (b->pos.path == NULL))
		return a->pos.path == NULL ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
cmp_tally(const void *x, const void *y)
{
	const struct tally_entry *a = x, *b = y;
	int c = strcmp(a->provider, b->provider);

	if (c != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

void
model_finish(struct model *m)
{
	if (m->nartifacts > 1)
		qsort(m->artifacts, m->nartifacts, sizeof(struct artifact *),
		    cmp_artifact);
	for (size_t i = 0; i < m->nartifacts; i++) {
		struct artifact *a = m->artifacts[i];

		diag_sort(&a->diags);
		if (a->ntally > 0) {
			qsort(a->tally, a->ntally, sizeof(*a->tally),
			    cmp_tally);
			free(a->tally_index);
			a->tally_index = NULL;
			a->tally_slots = 0;
		}
	}
	for (int t = 0; t < REC__COUNT; t++)
		if (m->recs[t].n > 1)
			qsort(m->recs[t].v, m->recs[t].n, sizeof(void *),
			    cmp_rec);
}
