/*
 * Rule sets: the rules loaded from the binary (rules_data.h) and from
 * --rules directories, each file compiled by rule_load() (rule_load.c);
 * then the checks that span rules ("explains" targets and cycles) and the
 * event filter the loaded rules need.
 */
#include "compat.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rule_int.h"
#include "rules_data.h"
#include "xalloc.h"

const char *
severity_name(enum severity s)
{
	switch (s) {
	case SEV_INFO:
		return "info";
	case SEV_WARNING:
		return "warning";
	case SEV_ERROR:
		return "error";
	}
	BUG("bad severity %d", (int)s);
}

int
severity_from_name(const char *name, enum severity *s)
{
	for (int i = SEV_INFO; i <= SEV_ERROR; i++)
		if (strcmp(name, severity_name((enum severity)i)) == 0) {
			*s = (enum severity)i;
			return 0;
		}
	return -1;
}

struct ruleset *
ruleset_new(void)
{
	struct ruleset *rs = xcalloc(1, sizeof(*rs));

	arena_init(&rs->arena);
	evfilter_init(&rs->keep);
	return rs;
}

void
ruleset_free(struct ruleset *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		evfilter_release(&rs->v[i]->keep);
	for (size_t i = 0; i < rs->nrx; i++)
		rx_free(rs->rx[i]);
	free(rs->rx);
	free(rs->v);
	evfilter_release(&rs->keep);
	arena_release(&rs->arena);
	free(rs);
}

size_t
ruleset_count(const struct ruleset *rs)
{
	return rs->n;
}

const struct rule *
ruleset_at(const struct ruleset *rs, size_t i)
{
	if (i >= rs->n)
		BUG("rule index %zu out of range", i);
	return rs->v[i];
}

const struct rule *
ruleset_find(const struct ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i]->id, id) == 0)
			return rs->v[i];
	return NULL;
}

const struct evfilter *
ruleset_evfilter(const struct ruleset *rs)
{
	return &rs->keep;
}

int
ruleset_add_file(struct ruleset *rs, const char *path, const char *json,
    size_t json_len, const char *page, size_t page_len, bool builtin,
    struct diag_list *dl)
{
	return rule_load(rs, path, NULL, json, json_len, page, page_len,
	    builtin, dl);
}

/* The folder a path's file sits in: "events" for "rules/events/X.json". */
static const char *
parent_folder(const char *path, char *out, size_t n)
{
	const char *slash = strrchr(path, '/');
	const char *start;

	if (slash == NULL)
		return NULL;
	start = slash;
	while (start > path && start[-1] != '/')
		start--;
	snprintf(out, n, "%.*s", (int)(slash - start), start);
	return out;
}

int
ruleset_add_builtin(struct ruleset *rs, struct diag_list *dl)
{
	int ret = 0;

	for (size_t i = 0; i < rules_builtin_count; i++) {
		const struct rule_blob *b = &rules_builtin[i];
		char folder[64];

		if (rule_load(rs, b->path,
			parent_folder(b->path, folder, sizeof(folder)), b->json,
			b->json_len, b->page, b->page_len, true, dl) < 0)
			ret = -1;
	}
	return ret;
}

/* Read a whole file of at most RULE_MAX_FILE bytes; NULL with errno set. */
static char *
read_small(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOCTTY);
	struct stat st;
	char *p;
	size_t n = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > RULE_MAX_FILE) {
		int e = S_ISREG(st.st_mode) ? EFBIG : EISDIR;

		close(fd);
		errno = e;
		return NULL;
	}
	p = xmalloc((size_t)st.st_size + 1);
	while (n < (size_t)st.st_size) {
		ssize_t r = read(fd, p + n, (size_t)st.st_size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	p[n] = '\0';
	*len = n;
	return p;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entry names of a directory (without dot files); NULL on error. */
static char **
list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t alloc = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		xgrow((void **)&v, &alloc, *n + 2, sizeof(*v));
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_str);
	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	return v;
}

static int
load_one(struct ruleset *rs, const char *path, const char *folder,
    struct diag_list *dl)
{
	size_t jlen = 0, plen = 0, n = strlen(path);
	char *json, *page, *ppath;
	int ret;

	json = read_small(path, &jlen);
	if (json == NULL) {
		diag_add(dl, DIAG_ERROR, 0, "%s: cannot read: %s", path,
		    strerror(errno));
		return -1;
	}
	ppath = xmalloc(n + 1);
	memcpy(ppath, path, n - 5);
	memcpy(ppath + n - 5, ".md", 4);
	page = read_small(ppath, &plen);
	ret = rule_load(rs, path, folder, json, jlen, page, plen, false, dl);
	free(ppath);
	free(page);
	free(json);
	return ret;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

int
ruleset_add_dir(struct ruleset *rs, const char *dir, struct diag_list *dl)
{
	size_t n = 0;
	char **names = list_dir(dir, &n);
	int ret = 0;

	if (names == NULL) {
		diag_add(dl, DIAG_ERROR, 0,
		    "cannot open rules directory '%s': %s", dir,
		    strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		size_t plen = strlen(dir) + strlen(names[i]) + 2;
		char *path = xmalloc(plen);
		struct stat st;

		snprintf(path, plen, "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t k = 0;
			char **sub = list_dir(path, &k);

			for (size_t j = 0; sub != NULL && j < k; j++) {
				size_t plen2;
				char *p;

				if (!ends_with(sub[j], ".json")) {
					free(sub[j]);
					continue;
				}
				plen2 = strlen(path) + strlen(sub[j]) + 2;
				p = xmalloc(plen2);
				snprintf(p, plen2, "%s/%s", path, sub[j]);
				if (load_one(rs, p, names[i], dl) < 0)
					ret = -1;
				free(p);
				free(sub[j]);
			}
			free(sub);
		} else if (ends_with(names[i], ".json")) {
			if (load_one(rs, path, NULL, dl) < 0)
				ret = -1;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return ret;
}

static int
cmp_rule(const void *a, const void *b)
{
	return strcmp((*(const struct rule *const *)a)->id,
	    (*(const struct rule *const *)b)->id);
}

static void PRINTF_LIKE(4, 5) finish_err(struct diag_list *dl,
    const struct rule *r, unsigned long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_add(dl, DIAG_ERROR, 0, "%s:%lu: %s", r->path, line, msg);
}

static size_t
rule_index(const struct ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i]->id, id) == 0)
			return i;
	return (size_t)-1;
}

/*
 * The "explains" graph must be acyclic, or no finding could be a root
 * cause.  Depth-first search with an explicit stack (no recursion on
 * input): colour 1 = on the current path, 2 = done.
 */
static int
check_cycles(const struct ruleset *rs, struct diag_list *dl)
{
	unsigned char *colour = xcalloc(rs->n ? rs->n : 1, 1);
	size_t *stack = xmalloc((rs->n + 1) * sizeof(*stack));
	size_t *next = xcalloc(rs->n ? rs->n : 1, sizeof(*next));
	int ret = 0;

	for (size_t start = 0; start < rs->n && ret == 0; start++) {
		size_t depth = 0;

		if (colour[start] != 0)
			continue;
		stack[depth++] = start;
		colour[start] = 1;
		while (depth > 0 && ret == 0) {
			size_t cur = stack[depth - 1];
			const struct rule *r = rs->v[cur];
			size_t t;

			if (next[cur] == r->nexplains) {
				colour[cur] = 2;
				depth--;
				continue;
			}
			t = rule_index(rs, r->explains[next[cur]++].rule);
			if (t == (size_t)-1 || colour[t] == 2)
				continue;
			if (colour[t] == 1) {
				finish_err(dl, r,
				    r->explains[next[cur] - 1].line,
				    "'explains' forms a cycle: %s explains %s, "
				    "which explains it back",
				    r->id, rs->v[t]->id);
				ret = -1;
				break;
			}
			colour[t] = 1;
			stack[depth++] = t;
		}
	}
	free(next);
	free(stack);
	free(colour);
	return ret;
}

int
ruleset_finish(struct ruleset *rs, struct diag_list *dl)
{
	int ret = 0;

	if (rs->n > 1)
		qsort(rs->v, rs->n, sizeof(struct rule *), cmp_rule);
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule *r = rs->v[i];

		for (size_t k = 0; k < r->nexplains; k++)
			if (ruleset_find(rs, r->explains[k].rule) == NULL) {
				finish_err(dl, r, r->explains[k].line,
				    "'explains' names rule %s, which is not "
				    "loaded",
				    r->explains[k].rule);
				ret = -1;
			}
	}
	if (ret == 0 && check_cycles(rs, dl) < 0)
		ret = -1;
	evfilter_release(&rs->keep);
	for (size_t i = 0; i < rs->n; i++)
		evfilter_merge(&rs->keep, &rs->v[i]->keep);
	return ret;
}
