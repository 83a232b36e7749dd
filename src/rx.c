#include "compat.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"
#include "xalloc.h"

/*
 * Limits per match.  Parser patterns need a tiny fraction of these; a rule
 * pattern with catastrophic backtracking on a 10 MB line stops here.
 */
#define RX_MATCH_LIMIT 1000000
#define RX_DEPTH_LIMIT 10000
#define RX_HEAP_LIMIT_KB 20480

struct rx {
	pcre2_code *code;
	int groups;
};

static pthread_mutex_t rx_lock = PTHREAD_MUTEX_INITIALIZER;
static pcre2_match_context *match_ctx;

static pcre2_match_context *
get_match_ctx(void)
{
	pcre2_match_context *ctx;

	pthread_mutex_lock(&rx_lock);
	if (match_ctx == NULL) {
		match_ctx = pcre2_match_context_create(NULL);
		if (match_ctx == NULL)
			xalloc_die(sizeof(void *));
		pcre2_set_match_limit(match_ctx, RX_MATCH_LIMIT);
		pcre2_set_depth_limit(match_ctx, RX_DEPTH_LIMIT);
		pcre2_set_heap_limit(match_ctx, RX_HEAP_LIMIT_KB);
	}
	ctx = match_ctx;
	pthread_mutex_unlock(&rx_lock);
	return ctx;
}

struct rx *
rx_compile(const char *pattern, unsigned flags, char *err, size_t errlen)
{
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C;
	PCRE2_SIZE off;
	int code;
	pcre2_code *re;
	struct rx *rx;
	uint32_t groups;

	if (flags & RX_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & RX_MULTILINE)
		opts |= PCRE2_MULTILINE;
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
	    &code, &off, NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, errlen, "%s at offset %zu", (const char *)msg,
		    (size_t)off);
		return NULL;
	}
	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (groups > RX_MAXGROUPS) {
		snprintf(err, errlen, "more than %d capture groups",
		    RX_MAXGROUPS);
		pcre2_code_free(re);
		return NULL;
	}
	/* JIT when available: parsers match every line of every file. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	rx = xmalloc(sizeof(*rx));
	rx->code = re;
	rx->groups = (int)groups;
	return rx;
}

void
rx_free(struct rx *rx)
{
	if (rx == NULL)
		return;
	pcre2_code_free(rx->code);
	free(rx);
}

int
rx_groups(const struct rx *rx)
{
	return rx->groups;
}

int
rx_group_index(const struct rx *rx, const char *name)
{
	int n = pcre2_substring_number_from_name(rx->code, (PCRE2_SPTR)name);

	return n > 0 ? n : -1;
}

int
rx_match(const struct rx *rx, const char *s, size_t len, size_t start,
    struct rx_match *m)
{
	pcre2_match_data *md = pcre2_match_data_create(RX_MAXGROUPS + 1, NULL);
	PCRE2_SIZE *ov;
	int r;

	if (md == NULL)
		xalloc_die(sizeof(PCRE2_SIZE) * (RX_MAXGROUPS + 1) * 2);
	r = pcre2_match(rx->code, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK,
	    md, get_match_ctx());
	if (r == PCRE2_ERROR_NOMATCH) {
		pcre2_match_data_free(md);
		return 0;
	}
	if (r < 0) {
		pcre2_match_data_free(md);
		return -1;
	}
	if (m != NULL) {
		ov = pcre2_get_ovector_pointer(md);
		m->n = rx->groups + 1;
		for (int g = 0; g <= RX_MAXGROUPS; g++) {
			if (g < r && ov[2 * g] != PCRE2_UNSET) {
				m->so[g] = ov[2 * g];
				m->eo[g] = ov[2 * g + 1];
			} else {
				m->so[g] = m->eo[g] = (size_t)-1;
			}
		}
	}
	pcre2_match_data_free(md);
	return 1;
}

bool
rx_group(const struct rx_match *m, int g, const char *s, const char **p,
    size_t *n)
{
	if (g < 0 || g >= m->n || m->so[g] == (size_t)-1)
		return false;
	*p = s + m->so[g];
	*n = m->eo[g] - m->so[g];
	return true;
}

void
rx_table_compile(struct rx_table *t, size_t n)
{
	pthread_mutex_lock(&rx_lock);
	for (size_t i = 0; i < n; i++) {
		char err[200];

		if (t[i].rx != NULL)
			continue;
		t[i].rx =
		    rx_compile(t[i].pattern, t[i].flags, err, sizeof(err));
		if (t[i].rx == NULL)
			BUG("pattern '%s': %s", t[i].pattern, err);
	}
	pthread_mutex_unlock(&rx_lock);
}
