#include "compat.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arc.h"
#include "xalloc.h"

#define ARC_BLOCK 65536

struct arc_stream {
	struct stream s;
	struct arc *owner;
};

struct arc {
	struct archive *ar;
	struct arc_stream data;
	char err[256];
	bool opened;
};

static long
arc_read(struct stream *s, void *buf, size_t n)
{
	struct arc *a = ((struct arc_stream *)s)->owner;
	la_ssize_t r = archive_read_data(a->ar, buf, n);

	if (r < 0) {
		const char *msg = archive_error_string(a->ar);

		snprintf(s->err, sizeof(s->err), "%s",
		    msg != NULL ? msg : "archive read error");
		return -1;
	}
	return (long)r;
}

static struct arc *
arc_new(void)
{
	struct arc *a = xcalloc(1, sizeof(*a));

	a->ar = archive_read_new();
	if (a->ar == NULL)
		BUG("archive_read_new failed");
	/* The formats a support bundle comes in, and nothing more. */
	archive_read_support_filter_gzip(a->ar);
	archive_read_support_filter_bzip2(a->ar);
	archive_read_support_filter_xz(a->ar);
	archive_read_support_format_zip(a->ar);
	archive_read_support_format_tar(a->ar);
	archive_read_support_format_gnutar(a->ar);
	archive_read_support_format_raw(a->ar);
	a->data.s.read = arc_read;
	a->data.owner = a;
	return a;
}

static struct arc *
arc_opened(struct arc *a, int r)
{
	if (r != ARCHIVE_OK) {
		const char *msg = archive_error_string(a->ar);

		snprintf(a->err, sizeof(a->err), "%s",
		    msg != NULL ? msg : "not a readable archive");
	} else {
		a->opened = true;
	}
	return a;
}

struct arc *
arc_open_file(const char *path)
{
	struct arc *a = arc_new();

	return arc_opened(a,
	    archive_read_open_filename(a->ar, path, ARC_BLOCK));
}

struct arc *
arc_open_mem(const void *p, size_t n)
{
	struct arc *a = arc_new();

	return arc_opened(a, archive_read_open_memory(a->ar, p, n));
}

void
arc_close(struct arc *a)
{
	if (a == NULL)
		return;
	archive_read_free(a->ar);
	free(a);
}

int
arc_next(struct arc *a, struct arc_entry *e)
{
	struct archive_entry *ae;
	const char *name;
	int r;

	if (!a->opened)
		return -1;
	r = archive_read_next_header(a->ar, &ae);
	if (r == ARCHIVE_EOF)
		return 0;
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
		const char *msg = archive_error_string(a->ar);

		snprintf(a->err, sizeof(a->err), "%s",
		    msg != NULL ? msg : "archive read error");
		return -1;
	}
	name = archive_entry_pathname_utf8(ae);
	if (name == NULL)
		name = archive_entry_pathname(ae);
	e->name = name != NULL ? name : "";
	if (archive_entry_hardlink(ae) != NULL)
		e->type = ARC_HARDLINK;
	else if (archive_entry_symlink(ae) != NULL)
		e->type = ARC_SYMLINK;
	else
		switch (archive_entry_filetype(ae)) {
		case AE_IFREG:
			e->type = ARC_FILE;
			break;
		case AE_IFDIR:
			e->type = ARC_DIR;
			break;
		case AE_IFLNK:
			e->type = ARC_SYMLINK;
			break;
		default:
			/* The raw format (a lone .gz) reports no type. */
			e->type = archive_entry_filetype(ae) == 0 ? ARC_FILE :
								    ARC_OTHER;
		}
	e->size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : -1;
	e->encrypted = archive_entry_is_encrypted(ae) != 0;
	a->data.s.err[0] = '\0';
	return 1;
}

struct stream *
arc_data(struct arc *a)
{
	return &a->data.s;
}

uint64_t
arc_raw_bytes(struct arc *a)
{
	la_int64_t n = archive_filter_bytes(a->ar, -1);

	return n > 0 ? (uint64_t)n : 0;
}

const char *
arc_error(struct arc *a)
{
	return a->err;
}

const char *
arc_format(struct arc *a)
{
	const char *f = archive_format_name(a->ar);

	return f != NULL ? f : "archive";
}
