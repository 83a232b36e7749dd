/*
 * Which events become records.  An event log can hold millions of events;
 * only those something can use are kept as records, and the rest are merely
 * counted by provider and id (see model_tally_event()).
 *
 * A filter is a list of (provider, id) patterns: the provider is compared
 * without regard to ASCII case and may end in '*' to match a prefix; the id
 * may be INT_NONE to match any id.  The rule engine builds one from the
 * loaded rules; evfilter_default() is the list used when nothing says
 * otherwise.
 */
#ifndef SSLSIFT_EVFILTER_H
#define SSLSIFT_EVFILTER_H

#include <stdbool.h>
#include <stddef.h>

struct evfilter_item {
	const char *provider;
	long long id; /* INT_NONE: any id */
};

struct evfilter {
	struct evfilter_item *v; /* owned by whoever built the filter */
	size_t n;
	size_t alloc;
	bool keep_all; /* keep every event (dump --all-events) */
};

/* The built-in filter: Schannel, HttpEvent, CAPI2, IIS, 5061 auditing. */
const struct evfilter *evfilter_default(void);

void evfilter_init(struct evfilter *f);
void evfilter_release(struct evfilter *f);
/* Add a pattern; provider is copied. */
void evfilter_add(struct evfilter *f, const char *provider, long long id);
/* Add every pattern of `from`. */
void evfilter_merge(struct evfilter *f, const struct evfilter *from);

/*
 * true when (provider, id) should become a record.  provider may be a
 * provider name or, for classic events, an event source name; NULL matches
 * nothing.  A NULL filter means evfilter_default().
 */
bool evfilter_match(const struct evfilter *f, const char *provider,
    long long id);

#endif /* SSLSIFT_EVFILTER_H */
