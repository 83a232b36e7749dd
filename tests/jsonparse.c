/*
 * jsonparse: check that sslsift's output is valid JSON, with sslsift's own
 * JSON reader (src/json.c), for tests that must not depend on Python.
 *
 *   jsonparse FILE          FILE holds one JSON value
 *   jsonparse -l FILE       every non-empty line of FILE is one JSON value
 *   jsonparse -k KEY FILE   ... and the value (of each line) is an object
 *                           with KEY; prints KEY's string values, one per
 *                           line, with control characters as \xNN
 *
 * Exit status 0 when everything parsed, 1 otherwise (with the line and
 * byte offset on stderr), 2 on usage or I/O errors.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "json.h"

static int
check(const char *p, size_t n, unsigned long line, const char *key)
{
	size_t off = 0;
	struct json *j = json_parse(p, n, &off);
	const struct json *v;

	if (j == NULL) {
		fprintf(stderr,
		    "jsonparse: line %lu: invalid JSON at byte %zu\n", line,
		    off + 1);
		return 1;
	}
	if (key != NULL) {
		v = json_get(j, key);
		if (v == NULL) {
			fprintf(stderr, "jsonparse: line %lu: no key '%s'\n",
			    line, key);
			json_free(j);
			return 1;
		}
		if (json_str_value(v) != NULL) {
			esc_fputs(json_str_value(v), stdout);
			putchar('\n');
		}
	}
	json_free(j);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *key = NULL, *path;
	bool lines = false;
	struct buf b;
	char chunk[65536];
	size_t r;
	FILE *f;
	int bad = 0, i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "-l") == 0) {
			lines = true;
		} else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc) {
			key = argv[++i];
			lines = true;
		} else {
			fputs("usage: jsonparse [-l] [-k KEY] FILE\n", stderr);
			return 2;
		}
	}
	if (i + 1 != argc) {
		fputs("usage: jsonparse [-l] [-k KEY] FILE\n", stderr);
		return 2;
	}
	path = argv[i];
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return 2;
	}
	buf_init(&b, SIZE_MAX / 2);
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, r) < 0)
			return 2;
	if (f != stdin)
		fclose(f);
	if (!lines) {
		bad = check(buf_str(&b), b.len, 1, NULL);
	} else {
		const char *p = buf_str(&b), *end = p + b.len;
		unsigned long no = 0;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n =
			    nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

			no++;
			if (n > 0)
				bad |= check(p, n, no, key);
			p += n + 1;
		}
	}
	buf_release(&b);
	return bad;
}
