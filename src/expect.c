/*
 * Expectation and baseline files: "RULE-ID SUBJECT" lines (expect.h).
 */
#include "compat.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "expect.h"
#include "strparse.h"
#include "xalloc.h"

void
expect_init(struct expect *e)
{
	memset(e, 0, sizeof(*e));
	arena_init(&e->arena);
	e->header = "";
}

void
expect_release(struct expect *e)
{
	free(e->v);
	free(e->options);
	arena_release(&e->arena);
	expect_init(e);
}

static void
add_option(struct expect *e, const char *s, size_t n)
{
	e->options =
	    xreallocarray(e->options, e->noptions + 2, sizeof(*e->options));
	e->options[e->noptions++] = arena_strndup(&e->arena, s, n);
	e->options[e->noptions] = NULL;
}

/* "--as-of 2026-11-20" or "--as-of=2026-11-20": the words, in order. */
static void
split_option(struct expect *e, const char *s, size_t n)
{
	size_t i = 0;
	bool first = true;

	while (i < n) {
		size_t start, end;

		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && s[i] != ' ' && s[i] != '\t' &&
		    !(first && s[i] == '='))
			i++;
		end = i;
		if (first && i < n && s[i] == '=')
			i++;
		first = false;
		add_option(e, s + start, end - start);
	}
}

/* One line, without its newline; `no` is its 1-based number. */
static int
parse_line(struct expect *e, const char *path, const char *s, size_t n,
    unsigned long no, bool *in_header, struct buf *hdr, struct diag_list *dl)
{
	const char *t;
	size_t len = n, idlen;
	char id[16];
	struct expect_entry *en;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	t = str_trim(s, &len);
	if (len == 0) {
		*in_header = false;
		return 0;
	}
	if (t[0] == '#') {
		if (*in_header &&
		    (buf_add(hdr, t, len) < 0 || buf_addc(hdr, '\n') < 0))
			*in_header = false;
		return 0;
	}
	*in_header = false;
	if (len >= 2 && t[0] == '-' && t[1] == '-') {
		split_option(e, t, len);
		return 0;
	}
	for (idlen = 0; idlen < len && t[idlen] != ' ' && t[idlen] != '\t';
	     idlen++)
		;
	if (idlen >= sizeof(id))
		idlen = sizeof(id) - 1;
	memcpy(id, t, idlen);
	id[idlen] = '\0';
	if (!rule_valid_id(id)) {
		diag_add(dl, DIAG_ERROR, no,
		    "%s:%lu: not 'RULE-ID SUBJECT' (a rule id is 2 to 8 "
		    "capital letters and 3 or 4 digits)",
		    path, no);
		return -1;
	}
	xgrow((void **)&e->v, &e->alloc, e->n + 1, sizeof(*e->v));
	en = &e->v[e->n++];
	en->rule = arena_strdup(&e->arena, id);
	t += idlen;
	len -= idlen;
	t = str_trim(t, &len);
	en->subject = arena_strndup(&e->arena, t, len);
	en->line = no;
	return 0;
}

int
expect_parse(struct expect *e, const char *path, const char *text, size_t len,
    struct diag_list *dl)
{
	struct buf hdr;
	bool in_header = true;
	unsigned long no = 0;
	size_t i = 0;
	int ret = 0;

	buf_init(&hdr, len + 1);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - text) : len;

		no++;
		if (memchr(text + i, '\0', end - i) != NULL) {
			diag_add(dl, DIAG_ERROR, no, "%s:%lu: NUL byte", path,
			    no);
			ret = -1;
		} else if (parse_line(e, path, text + i, end - i, no,
			       &in_header, &hdr, dl) < 0) {
			ret = -1;
		}
		i = end + 1;
	}
	e->header = arena_strdup(&e->arena, buf_str(&hdr));
	buf_release(&hdr);
	return ret;
}

int
expect_load(struct expect *e, const char *path, struct diag_list *dl)
{
	struct buf b;
	char chunk[65536];
	int fd, ret;
	ssize_t r;

	fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
				      open(path, O_RDONLY | O_NOCTTY);
	if (fd < 0) {
		diag_add(dl, DIAG_ERROR, 0, "cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	buf_init(&b, EXPECT_MAX_FILE);
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add(dl, DIAG_ERROR, 0, "cannot read '%s': %s",
			    path, strerror(errno));
			break;
		}
		if (buf_add(&b, chunk, (size_t)r) < 0) {
			diag_add(dl, DIAG_ERROR, 0,
			    "'%s' is larger than %zu bytes", path,
			    EXPECT_MAX_FILE);
			r = -1;
			break;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	ret = r < 0 ? -1 : expect_parse(e, path, buf_str(&b), b.len, dl);
	buf_release(&b);
	return ret;
}

void
expect_subject(const struct finding *f, struct buf *b)
{
	struct buf t;
	const char *s;
	size_t len;

	buf_init(&t, strlen(f->subject) * 4 + 16);
	if (esc_text_report(&t, f->subject) < 0)
		BUG("escape buffer too small");
	len = t.len;
	s = str_trim(buf_str(&t), &len);
	if (buf_add(b, s, len) < 0)
		BUG("subject buffer too small");
	buf_release(&t);
}

void
expect_match(const struct expect *e, const struct findings *fs, bool *accepted,
    bool *used)
{
	struct buf b;

	if (used != NULL)
		memset(used, 0, e->n * sizeof(*used));
	buf_init(&b, SIZE_MAX / 2);
	for (size_t i = 0; i < fs->n; i++) {
		bool hit = false;

		buf_reset(&b);
		expect_subject(&fs->v[i], &b);
		for (size_t k = 0; k < e->n; k++) {
			if (strcmp(e->v[k].rule, fs->v[i].rule->id) != 0 ||
			    strcmp(e->v[k].subject, buf_str(&b)) != 0)
				continue;
			hit = true;
			if (used != NULL)
				used[k] = true;
		}
		if (accepted != NULL)
			accepted[i] = hit;
	}
	buf_release(&b);
}
