#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "xalloc.h"

void
diag_list_init(struct diag_list *dl)
{
	memset(dl, 0, sizeof(*dl));
}

void
diag_list_release(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		free(dl->v[i].msg);
	free(dl->v);
	diag_list_init(dl);
}

void
diag_vadd(struct diag_list *dl, enum diag_level level, unsigned long line,
    const char *fmt, va_list ap)
{
	struct buf b;
	struct diag *d;

	if (dl->n >= DIAG_MAX) {
		dl->dropped[level]++;
		return;
	}
	buf_init(&b, 4096);
	if (buf_vprintf(&b, fmt, ap) < 0) {
		buf_reset(&b);
		if (buf_addstr(&b, "(diagnostic too long)") < 0)
			BUG("cannot build a diagnostic");
	}
	xgrow((void **)&dl->v, &dl->alloc, dl->n + 1, sizeof(*dl->v));
	d = &dl->v[dl->n++];
	d->level = level;
	d->line = line;
	d->msg = buf_detach(&b, NULL);
}

void
diag_add(struct diag_list *dl, enum diag_level level, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, level, line, fmt, ap);
	va_end(ap);
}

unsigned long
diag_count(const struct diag_list *dl, enum diag_level level)
{
	unsigned long n = 0;

	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level >= level)
			n++;
	for (int l = level; l <= DIAG_ERROR; l++)
		n += dl->dropped[l];
	return n;
}

void
diag_sort(struct diag_list *dl)
{
	/* Insertion sort: stable, and lists are short (DIAG_MAX). */
	for (size_t i = 1; i < dl->n; i++) {
		struct diag d = dl->v[i];
		size_t j = i;

		while (j > 0 && dl->v[j - 1].line > d.line) {
			dl->v[j] = dl->v[j - 1];
			j--;
		}
		dl->v[j] = d;
	}
}

const char *
diag_level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_NOTE:
		return "note";
	case DIAG_WARNING:
		return "warning";
	case DIAG_ERROR:
		return "error";
	}
	return "?";
}
