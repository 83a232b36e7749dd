/*
 * The combiners' driver, the artifact and system records, and the helpers
 * the other combine_*.c files share.
 */
#include "compat.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "combine.h"
#include "strparse.h"

void
combine_run(struct model *m)
{
	if (m->combined)
		return;
	m->combined = true;
	combine_artifacts(m);
	combine_system(m);
	combine_protocols(m);
	combine_bindings(m);
	combine_metadata(m);
}

bool
combine_have(const struct model *m, enum artifact_kind k)
{
	for (size_t i = 0; i < m->nartifacts; i++)
		if (m->artifacts[i]->kind == k &&
		    (m->artifacts[i]->status == PARSE_OK ||
			m->artifacts[i]->status == PARSE_PARTIAL))
			return true;
	return false;
}

bool
combine_hash(const char *s, char out[41])
{
	if (s == NULL)
		return false;
	return str_norm_hex(s, strlen(s), out, 41) == 40;
}

const struct cert *
combine_cert(const struct model *m, const char *hash)
{
	const struct recvec *rv = &m->recs[REC_CERT];
	char want[41], got[41];

	if (!combine_hash(hash, want))
		return NULL;
	for (size_t i = 0; i < rv->n; i++) {
		const struct cert *c = rv->v[i];

		if (combine_hash(c->thumbprint, got) && strcmp(got, want) == 0)
			return c;
	}
	return NULL;
}

/* "My" for NULL, "", "(null)" and "Personal": http.sys's default store. */
static const char *
store_name(const char *s)
{
	if (s == NULL || *s == '\0' || strcmp(s, "(null)") == 0 ||
	    strcasecmp(s, "Personal") == 0)
		return "My";
	return s;
}

bool
combine_store_dumped(const struct model *m, const char *store)
{
	const struct recvec *rv = &m->recs[REC_CERT];
	const char *want = store_name(store);

	if (!combine_have(m, KIND_CERTUTIL))
		return false;
	/* A dump without certificates still shows the store was empty. */
	if (rv->n == 0)
		return strcasecmp(want, "My") == 0;
	for (size_t i = 0; i < rv->n; i++) {
		const struct cert *c = rv->v[i];

		if (strcasecmp(store_name(c->store), want) == 0)
			return true;
	}
	return false;
}

const struct system *
combine_system_rec(const struct model *m)
{
	if (m->recs[REC_SYSTEM].n == 0)
		BUG("combine_system() has not run");
	return m->recs[REC_SYSTEM].v[0];
}

void
combine_artifacts(struct model *m)
{
	for (size_t i = 0; i < m->nartifacts; i++) {
		struct artifact *a = m->artifacts[i];
		struct artifact_rec *r;
		const struct diag *first = NULL;

		r = model_add_derived(m, REC_ARTIFACT, NULL);
		r->r.artifact = a;
		r->r.pos.path = a->path;
		r->path = a->path;
		r->kind = artifact_kind_name(a->kind);
		r->status = parse_status_name(a->status);
		r->errors = (long long)diag_count(&a->diags, DIAG_ERROR);
		r->warnings =
		    (long long)diag_count(&a->diags, DIAG_WARNING) - r->errors;
		for (int want = DIAG_ERROR; want >= DIAG_WARNING && !first;
		     want--)
			for (size_t k = 0; k < a->diags.n; k++)
				if ((int)a->diags.v[k].level == want) {
					first = &a->diags.v[k];
					break;
				}
		if (first != NULL) {
			r->problem = model_strdup(m, first->msg);
			r->r.pos.line = first->line;
		}
	}
}

/* OS releases sslsift knows, with their IIS version. */
struct release {
	const char *key;
	const char *name;
	const char *iis;
};

static const struct release releases[] = {
	{ "2008", "Windows Server 2008", "7.0" },
	{ "2008r2", "Windows Server 2008 R2", "7.5" },
	{ "2012", "Windows Server 2012", "8.0" },
	{ "2012r2", "Windows Server 2012 R2", "8.5" },
	{ "2016", "Windows Server 2016", "10.0" },
	{ "2019", "Windows Server 2019", "10.0" },
	{ "2022", "Windows Server 2022", "10.0" },
	{ "2025", "Windows Server 2025", "10.0" },
	{ "win10", "Windows 10", "10.0" },
	{ "win11", "Windows 11", "10.0" },
};

static const struct release *
release_get(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(releases); i++)
		if (strcmp(releases[i].key, key) == 0)
			return &releases[i];
	return NULL;
}

static bool
contains(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, needle, n) == 0)
			return true;
	return false;
}

/* A Windows build number to a release key. */
static const char *
release_of_build(unsigned long long b)
{
	if (b >= 6000 && b <= 6003)
		return "2008";
	if (b == 7600 || b == 7601)
		return "2008r2";
	if (b == 9200)
		return "2012";
	if (b == 9600)
		return "2012r2";
	if (b == 14393)
		return "2016";
	if (b == 17763)
		return "2019";
	if (b == 20348)
		return "2022";
	if (b == 26100)
		return "2025";
	if (b >= 10240 && b < 22000)
		return "win10";
	if (b >= 22000)
		return "win11";
	return NULL;
}

/*
 * A release key from what an artifact says about the OS: a product name
 * ("Windows Server 2012 R2"), a version ("6.1.7601", "10.0.17763") or a
 * bare build number ("20348").  NULL when it does not say.
 */
static const char *
release_of(const char *v)
{
	unsigned long long major = 0, minor = 0, build = 0;
	char digits[24];
	size_t n = 0;
	const char *p = v;

	if (contains(v, "windows") || contains(v, "server")) {
		static const char *const names[][2] = {
			{ "2008 R2", "2008r2" },
			{ "2012 R2", "2012r2" },
			{ "2008", "2008" },
			{ "2012", "2012" },
			{ "2016", "2016" },
			{ "2019", "2019" },
			{ "2022", "2022" },
			{ "2025", "2025" },
			{ "Windows 11", "win11" },
			{ "Windows 10", "win10" },
		};

		for (size_t i = 0; i < ARRAY_SIZE(names); i++)
			if (contains(v, names[i][0]))
				return names[i][1];
		return NULL;
	}
	/* "major.minor[.build[.rev]]" or a build number alone. */
	while (*p == ' ')
		p++;
	while (isdigit((unsigned char)*p) && n + 1 < sizeof(digits))
		digits[n++] = *p++;
	digits[n] = '\0';
	if (n == 0 || !str_to_ull(digits, &major))
		return NULL;
	if (*p != '.')
		return release_of_build(major);
	p++;
	n = 0;
	while (isdigit((unsigned char)*p) && n + 1 < sizeof(digits))
		digits[n++] = *p++;
	digits[n] = '\0';
	if (n == 0 || !str_to_ull(digits, &minor))
		return NULL;
	if (*p == '.') {
		p++;
		n = 0;
		while (isdigit((unsigned char)*p) && n + 1 < sizeof(digits))
			digits[n++] = *p++;
		digits[n] = '\0';
		if (n > 0 && !str_to_ull(digits, &build))
			build = 0;
	}
	if (major == 6 && minor == 0)
		return "2008";
	if (major == 6 && minor == 1)
		return "2008r2";
	if (major == 6 && minor == 2)
		return "2012";
	if (major == 6 && minor == 3)
		return "2012r2";
	if (major == 10 && build > 0)
		return release_of_build(build);
	return NULL;
}

/* "7.5" from "7.5", "Microsoft-IIS/7.5", "IIS 10.0"; NULL if none. */
static const char *
iis_of(struct model *m, const char *v)
{
	const char *p = v;

	while (*p != '\0' && !isdigit((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)p[0]))
		return NULL;
	for (size_t n = 0; p[n] != '\0'; n++)
		if (!isdigit((unsigned char)p[n]) && p[n] != '.')
			return model_strndup(m, p, n);
	return model_strdup(m, p);
}

void
combine_system(struct model *m)
{
	const struct recvec *rv = &m->recs[REC_HOST];
	struct system *s = model_add_derived(m, REC_SYSTEM, NULL);
	const char *key = NULL;
	const struct host_fact *at = NULL;

	for (size_t i = 0; i < rv->n; i++) {
		const struct host_fact *h = rv->v[i];
		bool used = false;

		if (strcmp(h->name, "computer") == 0 && s->computer == NULL) {
			s->computer = h->value;
			used = true;
		} else if ((strcmp(h->name, "os_version") == 0 ||
			       strcmp(h->name, "os_build") == 0 ||
			       strcmp(h->name, "os") == 0) &&
		    key == NULL) {
			key = release_of(h->value);
			used = key != NULL;
		} else if (strcmp(h->name, "iis_version") == 0 &&
		    s->iis_version == NULL) {
			s->iis_version = iis_of(m, h->value);
			used = s->iis_version != NULL;
		}
		if (used) {
			model_ref_add(m, &s->facts, &h->r);
			if (at == NULL)
				at = h;
		}
	}
	if (at != NULL)
		s->r.pos = at->r.pos;
	if (key != NULL) {
		const struct release *rel = release_get(key);

		s->os_release = rel->key;
		s->os = rel->name;
		if (s->iis_version == NULL)
			s->iis_version = rel->iis;
	}
	if (s->iis_version != NULL) {
		unsigned long long major = 0;
		char digits[8];
		size_t n = strcspn(s->iis_version, ".");

		if (n > 0 && n < sizeof(digits)) {
			memcpy(digits, s->iis_version, n);
			digits[n] = '\0';
			if (str_to_ull(digits, &major))
				s->iis_old = major < 8;
		}
	}
}
