/*
 * The libarchive adapter: zip, tar, tar.gz/.tgz (and a lone .gz) read as a
 * sequence of entries, each entry's data as a stream, all in memory.
 * Nothing is ever extracted, and entry names are only shown, never used to
 * open anything.  Only this file includes <archive.h>.
 */
#ifndef SSLSIFT_ARC_H
#define SSLSIFT_ARC_H

#include <stddef.h>
#include <stdint.h>

#include "stream.h"

struct arc;

enum arc_type {
	ARC_FILE,
	ARC_DIR,
	ARC_SYMLINK,
	ARC_HARDLINK,
	ARC_OTHER, /* devices, fifos, ... */
};

struct arc_entry {
	const char *name; /* raw entry name, borrowed until the next arc_next */
	enum arc_type type;
	long long size; /* -1 when the archive does not say */
	bool encrypted;
};

/* Open an archive file, or archive bytes in caller-owned memory. */
struct arc *arc_open_file(const char *path);
struct arc *arc_open_mem(const void *p, size_t n);
/* NULL is a no-op. */
void arc_close(struct arc *a);

/* 1 with *e filled, 0 at the end, -1 on error (see arc_error()). */
int arc_next(struct arc *a, struct arc_entry *e);
/* The current entry's data; valid until the next arc_next(). */
struct stream *arc_data(struct arc *a);
/* Compressed bytes consumed so far, to bound the expansion ratio. */
uint64_t arc_raw_bytes(struct arc *a);
/* Why the last call failed. */
const char *arc_error(struct arc *a);
/* "ZIP 2.0 (deflation)", "GNU tar format", ...: for diagnostics. */
const char *arc_format(struct arc *a);

#endif /* SSLSIFT_ARC_H */
