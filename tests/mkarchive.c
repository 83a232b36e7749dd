/*
 * mkarchive: build the archives the intake tests need (hostile ones
 * included) without zip(1) or python on the test machine.
 *
 *   mkarchive OUT zip|tar|tgz SPEC...
 *
 * SPEC is one of
 *   file:NAME=PATH       a file named NAME with the contents of PATH
 *   data:NAME=TEXT       a file with TEXT as contents
 *   zeros:NAME=BYTES     BYTES zero bytes (compresses ~1000:1: a bomb)
 *   repeat:NAME=BYTES:TEXT  TEXT repeated to BYTES bytes (a text bomb)
 *   many:PREFIX=N        N tiny files PREFIX0 .. PREFIX<N-1>
 *   tree:DIR=PREFIX      every regular file under DIR, sorted, as PREFIX/...
 *   symlink:NAME=TARGET  a symbolic link
 *   hardlink:NAME=TARGET a hard link
 *   dir:NAME             a directory entry
 *   encrypted:NAME=TEXT  a file encrypted with ZipCrypto (zip only)
 *   truncate:BYTES       after writing, cut the archive to BYTES
 */
#define _XOPEN_SOURCE 700

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct archive *ar;

static void
die(const char *what)
{
	fprintf(stderr, "mkarchive: %s: %s\n", what,
	    ar != NULL && archive_error_string(ar) ? archive_error_string(ar) :
						     "failed");
	exit(1);
}

static void
add(const char *name, int type, const void *p, long long n, const char *link)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, (unsigned)type);
	archive_entry_set_perm(e, type == AE_IFDIR ? 0755 : 0644);
	archive_entry_set_mtime(e, 1767225600, 0);
	if (type == AE_IFREG)
		archive_entry_set_size(e, n);
	if (type == AE_IFLNK)
		archive_entry_set_symlink(e, link);
	if (link != NULL && type == AE_IFREG) {
		archive_entry_set_hardlink(e, link);
		archive_entry_set_size(e, 0);
	}
	if (archive_write_header(ar, e) != ARCHIVE_OK)
		die(name);
	if (p != NULL && n > 0 && archive_write_data(ar, p, (size_t)n) != n)
		die(name);
	archive_entry_free(e);
}

static void
add_zeros(const char *name, long long n)
{
	static char zeros[1 << 16];
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, n);
	if (archive_write_header(ar, e) != ARCHIVE_OK)
		die(name);
	while (n > 0) {
		size_t k =
		    n > (long long)sizeof(zeros) ? sizeof(zeros) : (size_t)n;

		if (archive_write_data(ar, zeros, k) != (la_ssize_t)k)
			die(name);
		n -= (long long)k;
	}
	archive_entry_free(e);
}

static void
add_repeat(const char *name, long long n, const char *text)
{
	size_t tl = strlen(text), fill = 0;
	char *chunk = malloc(1 << 16);
	struct archive_entry *e = archive_entry_new();

	if (tl == 0 || tl > (1 << 15))
		die("repeat text");
	while (fill + tl <= (1 << 16)) {
		memcpy(chunk + fill, text, tl);
		fill += tl;
	}
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, n);
	if (archive_write_header(ar, e) != ARCHIVE_OK)
		die(name);
	while (n > 0) {
		size_t k = n > (long long)fill ? fill : (size_t)n;

		if (archive_write_data(ar, chunk, k) != (la_ssize_t)k)
			die(name);
		n -= (long long)k;
	}
	archive_entry_free(e);
	free(chunk);
}

static void
add_file(const char *name, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	do {
		if (n + 65536 > cap)
			buf = realloc(buf, cap = (n + 65536) * 2);
		r = fread(buf + n, 1, 65536, f);
		n += r;
	} while (r > 0);
	fclose(f);
	add(name, AE_IFREG, buf, (long long)n, NULL);
	free(buf);
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_tree(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	if (d == NULL) {
		perror(dir);
		exit(1);
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (size_t i = 0; i < n; i++) {
		char path[4096], name[4096];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		snprintf(name, sizeof(name), "%s%s%s", prefix,
		    *prefix ? "/" : "", names[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			add_tree(path, name);
		else if (S_ISREG(st.st_mode))
			add_file(name, path);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	long long truncate_to = -1;

	if (argc < 3) {
		fprintf(stderr, "usage: mkarchive OUT zip|tar|tgz SPEC...\n");
		return 2;
	}
	ar = archive_write_new();
	if (strcmp(argv[2], "zip") == 0) {
		archive_write_set_format_zip(ar);
	} else if (strcmp(argv[2], "tar") == 0) {
		archive_write_set_format_pax_restricted(ar);
	} else if (strcmp(argv[2], "tgz") == 0) {
		archive_write_set_format_pax_restricted(ar);
		archive_write_add_filter_gzip(ar);
	} else {
		fprintf(stderr, "mkarchive: unknown format '%s'\n", argv[2]);
		return 2;
	}
	for (int i = 3; i < argc; i++)
		if (strncmp(argv[i], "encrypted:", 10) == 0) {
			if (archive_write_set_options(ar,
				"zip:encryption=zipcrypt") != ARCHIVE_OK ||
			    archive_write_set_passphrase(ar, "secret") !=
				ARCHIVE_OK)
				die("encryption");
			break;
		}
	archive_write_set_bytes_per_block(ar, 1 << 20);
	if (archive_write_open_filename(ar, argv[1]) != ARCHIVE_OK)
		die(argv[1]);
	for (int i = 3; i < argc; i++) {
		char *spec = strdup(argv[i]);
		char *colon = strchr(spec, ':');
		static char empty[1];
		char *eq, *name, *val;

		if (colon == NULL) {
			fprintf(stderr, "mkarchive: bad spec '%s'\n", argv[i]);
			return 2;
		}
		*colon = '\0';
		name = colon + 1;
		eq = strchr(name, '=');
		val = eq != NULL ? eq + 1 : empty;
		if (eq != NULL)
			*eq = '\0';
		if (strcmp(spec, "file") == 0)
			add_file(name, val);
		else if (strcmp(spec, "data") == 0 ||
		    strcmp(spec, "encrypted") == 0)
			add(name, AE_IFREG, val, (long long)strlen(val), NULL);
		else if (strcmp(spec, "zeros") == 0)
			add_zeros(name, atoll(val));
		else if (strcmp(spec, "repeat") == 0) {
			char *text = strchr(val, ':');

			if (text == NULL)
				die("repeat needs BYTES:TEXT");
			*text++ = '\0';
			add_repeat(name, atoll(val), text);
		} else if (strcmp(spec, "many") == 0)
			for (long long k = 0; k < atoll(val); k++) {
				char n[4096];

				snprintf(n, sizeof(n), "%s%lld", name, k);
				add(n, AE_IFREG, "x\n", 2, NULL);
			}
		else if (strcmp(spec, "tree") == 0)
			add_tree(name, val);
		else if (strcmp(spec, "symlink") == 0)
			add(name, AE_IFLNK, NULL, 0, val);
		else if (strcmp(spec, "hardlink") == 0)
			add(name, AE_IFREG, NULL, 0, val);
		else if (strcmp(spec, "dir") == 0)
			add(name, AE_IFDIR, NULL, 0, NULL);
		else if (strcmp(spec, "truncate") == 0)
			truncate_to = atoll(name);
		else {
			fprintf(stderr, "mkarchive: bad spec '%s'\n", argv[i]);
			return 2;
		}
		free(spec);
	}
	if (archive_write_close(ar) != ARCHIVE_OK)
		die("close");
	archive_write_free(ar);
	if (truncate_to >= 0 && truncate(argv[1], truncate_to) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
