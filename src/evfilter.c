#include "compat.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evfilter.h"
#include "model.h"
#include "xalloc.h"

/* clang-format off */
static struct evfilter_item default_items[] = {
	{ "Schannel",                           INT_NONE },
	{ "HttpEvent",                          INT_NONE },
	{ "Microsoft-Windows-HttpEvent",        INT_NONE },
	{ "Microsoft-Windows-Security-Auditing", 5061 },
	{ "Microsoft-Windows-CAPI2",            INT_NONE },
	{ "W3SVC",                              INT_NONE },
	{ "WAS",                                INT_NONE },
	{ "Microsoft-Windows-IIS-*",            INT_NONE },
};
/* clang-format on */

static const struct evfilter default_filter = { default_items,
	ARRAY_SIZE(default_items), ARRAY_SIZE(default_items), false };

const struct evfilter *
evfilter_default(void)
{
	return &default_filter;
}

void
evfilter_init(struct evfilter *f)
{
	memset(f, 0, sizeof(*f));
}

void
evfilter_release(struct evfilter *f)
{
	for (size_t i = 0; i < f->n; i++)
		free((char *)(uintptr_t)f->v[i].provider);
	free(f->v);
	evfilter_init(f);
}

void
evfilter_add(struct evfilter *f, const char *provider, long long id)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].id == id &&
		    strcasecmp(f->v[i].provider, provider) == 0)
			return;
	xgrow((void **)&f->v, &f->alloc, f->n + 1, sizeof(*f->v));
	f->v[f->n].provider = xstrdup(provider);
	f->v[f->n].id = id;
	f->n++;
}

void
evfilter_merge(struct evfilter *f, const struct evfilter *from)
{
	for (size_t i = 0; i < from->n; i++)
		evfilter_add(f, from->v[i].provider, from->v[i].id);
	if (from->keep_all)
		f->keep_all = true;
}

static bool
provider_match(const char *pattern, const char *provider)
{
	size_t n = strlen(pattern);

	if (n > 0 && pattern[n - 1] == '*')
		return strncasecmp(pattern, provider, n - 1) == 0;
	return strcasecmp(pattern, provider) == 0;
}

bool
evfilter_match(const struct evfilter *f, const char *provider, long long id)
{
	if (f == NULL)
		f = &default_filter;
	if (f->keep_all)
		return true;
	if (provider == NULL)
		return false;
	for (size_t i = 0; i < f->n; i++)
		if ((f->v[i].id == INT_NONE || f->v[i].id == id) &&
		    provider_match(f->v[i].provider, provider))
			return true;
	return false;
}
