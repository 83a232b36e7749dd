/*
 * Legacy SSL hashes: each customMetadata property 5506 (IIS 6 SSLCertHash,
 * kept by the ABO mapper, facts.md 5.6) against the certificate store and
 * against the hashes http.sys serves for the site's https bindings.  When
 * an ABO-mapper client starts, IIS rewrites the site's http.sys entries
 * from this hash, so a stale one deletes or replaces working bindings
 * (KB 2025598).
 */
#include "compat.h"

#include <string.h>

#include "combine.h"

static const char *
site_name(const struct model *m, long long id)
{
	const struct recvec *rv = &m->recs[REC_SITE];

	for (size_t i = 0; i < rv->n; i++) {
		const struct site *s = rv->v[i];

		if (s->id == id)
			return s->name;
	}
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

void
combine_metadata(struct model *m)
{
	const struct recvec *mv = &m->recs[REC_METADATA];
	const struct recvec *ev = &m->recs[REC_EFFBINDING];
	bool have_certutil = combine_have(m, KIND_CERTUTIL);

	for (size_t i = 0; i < mv->n; i++) {
		const struct metadata *p = mv->v[i];
		struct legacyhash *h;
		bool any_served = false;

		if (p->prop_id != 5506)
			continue;
		h = model_add_derived(m, REC_LEGACYHASH, &p->r);
		h->property = p;
		h->site_id = p->site_id;
		if (p->site_id != INT_NONE)
			h->site_name = site_name(m, p->site_id);
		h->valid = p->decoded_len == 20 && p->decoded_hex != NULL;
		if (h->valid)
			h->hash = p->decoded_hex;
		if (h->valid && have_certutil) {
			h->cert = combine_cert(m, h->hash);
			h->in_store = h->cert != NULL;
		}
		if (p->site_id == INT_NONE)
			continue;
		for (size_t k = 0; k < ev->n; k++) {
			const struct effbinding *eb = ev->v[k];
			char hash[41];

			if (eb->binding->site_id != p->site_id)
				continue;
			if (!list_has(&h->endpoints, eb->endpoint))
				model_list_add(m, &h->endpoints, eb->endpoint);
			if (eb->server == NULL)
				continue;
			any_served = true;
			model_ref_add(m, &h->entries, &eb->server->r);
			if (combine_hash(eb->server->cert_hash, hash) &&
			    !list_has(&h->served_hashes, hash))
				model_list_add(m, &h->served_hashes, hash);
		}
		if (h->valid && any_served)
			h->matches_served =
			    list_has(&h->served_hashes, h->hash);
	}
}
