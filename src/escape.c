#include "compat.h"

#include <string.h>

#include "escape.h"

int
esc_text(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		const unsigned char *run = p;

		while (*p >= 0x20 && *p != 0x7f && *p != '\\' &&
		    !(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			p++;
		if (p > run && buf_add(b, run, (size_t)(p - run)) < 0)
			return -1;
		if (*p == '\0')
			break;
		if (*p == '\\') {
			if (buf_addstr(b, "\\\\") < 0)
				return -1;
			p++;
		} else if (*p == 0xC2) {
			/* a C1 control, U+0080..U+009F */
			if (buf_printf(b, "\\x%02x", p[1]) < 0)
				return -1;
			p += 2;
		} else {
			if (buf_printf(b, "\\x%02x", *p) < 0)
				return -1;
			p++;
		}
	}
	return 0;
}

void
esc_fputs(const char *s, FILE *f)
{
	struct buf b;

	buf_init(&b, strlen(s) * 4 + 16);
	if (esc_text(&b, s) < 0)
		BUG("escape buffer too small");
	fputs(buf_str(&b), f);
	buf_release(&b);
}

void
esc_fputs_report(const char *s, FILE *f)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		const unsigned char *run = p;

		while (*p >= 0x20 && *p != 0x7f &&
		    !(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			p++;
		if (p > run && fwrite(run, 1, (size_t)(p - run), f) == 0)
			return; /* the caller sees ferror(f) */
		if (*p == '\0')
			break;
		if (*p == 0xC2) {
			fprintf(f, "\\x%02x", p[1]);
			p += 2;
		} else {
			fprintf(f, "\\x%02x", *p);
			p++;
		}
	}
}
