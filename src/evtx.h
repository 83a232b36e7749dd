/*
 * Binary .evtx logs: their layout, and libevtx behind one door.
 *
 * Only this file's implementation includes <libevtx.h> and <libbfio.h>,
 * and only in a build with libevtx (HAVE_LIBEVTX, set by the Makefile when
 * pkg-config finds it).  Without it every function below still exists,
 * evtx_supported() is false and evtx_new() returns NULL.
 *
 * The layout: a 4096-byte file header ("ElfFile\0", the number of chunks
 * in use, the flags "dirty" and "full", a CRC-32), then chunks of 64 KiB,
 * each with a 512-byte header ("ElfChnk\0", the range of record numbers
 * and record ids it holds, CRC-32s of the header and of the records) and
 * then records.  A chunk is self-contained: its records refer only to the
 * string and template tables inside it.
 *
 * Why the reader below takes one chunk at a time: libevtx's own file
 * reader (libevtx_file_open) reads every chunk when it opens a log and
 * keeps an index entry for every record, 390 MB for a 1 GB log of 2.4
 * million records before the first one is read; it gives up on the whole
 * log when one chunk header is malformed; and it cannot say which records
 * a damaged chunk held.  So the caller reads the log front to back, chunk
 * by chunk, and the adapter opens each chunk as a one-chunk log in memory
 * (a file header made for it, then the chunk) through a libbfio memory
 * range.  Memory is that of one chunk whatever the size of the log, damage
 * costs only the records of its chunk, archives and standard input need no
 * random access, and nothing is ever written to disk.  Record for record,
 * what libevtx reads this way is what it reads from the whole file.
 */
#ifndef SSLSIFT_EVTX_H
#define SSLSIFT_EVTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EVTX_HEADER_SIZE 4096
#define EVTX_CHUNK_SIZE 65536
#define EVTX_FIRST_RECORD 512 /* a chunk's first record, after its header */
#define EVTX_XML_MAX ((size_t)16 << 20) /* longest rendering taken */

/* The file header.  Values as stored; nothing is checked but the CRC. */
struct evtx_file_header {
	unsigned chunks;     /* chunks in use */
	unsigned block_size; /* header block size (4096) */
	unsigned major, minor;
	bool dirty;  /* flag 1: not closed cleanly (a copy of a live log) */
	bool full;   /* flag 2 */
	bool crc_ok; /* the CRC-32 of the first 120 bytes matches */
};

/* p holds EVTX_HEADER_SIZE bytes; false without the "ElfFile" magic. */
bool evtx_file_header_read(const unsigned char *p, struct evtx_file_header *h);

/* A chunk header.  The numbers are trustworthy only when crc_ok. */
struct evtx_chunk_header {
	bool magic;  /* "ElfChnk\0" */
	bool crc_ok; /* magic, and the header's CRC-32 matches */
	uint64_t first_number, last_number;
	uint64_t first_id, last_id;
};

/* p holds EVTX_CHUNK_SIZE bytes. */
void evtx_chunk_header_read(const unsigned char *p,
    struct evtx_chunk_header *h);

/*
 * The id in the header of the index-th record (0-based) of chunk p,
 * found by walking the record sizes from the first record as libevtx
 * does; false when the walk leaves the chunk or meets no record.
 */
bool evtx_record_id_at(const unsigned char *p, int index, uint64_t *id);

/*
 * The offset of the record after the one at `off` in chunk p, in the walk
 * evtx_record_id_at() makes (the first record is at EVTX_FIRST_RECORD);
 * 0 when no record is at off or its size leaves the chunk.
 */
uint32_t evtx_next_record(const unsigned char *p, uint32_t off);

/*
 * How many records follow each other from the first one of chunk p, each
 * with its signature and its size repeated at its end: a count of what a
 * chunk holds that does not trust its header.
 */
unsigned evtx_record_count(const unsigned char *p);

/* Whether this build reads .evtx logs. */
bool evtx_supported(void);
/* "libevtx 20181227", or NULL without libevtx. */
const char *evtx_library(void);

/* A reader of one log's chunks (opaque). */
struct evtx;

/*
 * A reader for the log whose file header is `file_header`
 * (EVTX_HEADER_SIZE bytes, copied).  NULL without libevtx.
 */
struct evtx *evtx_new(const unsigned char *file_header);
/* NULL is a no-op. */
void evtx_free(struct evtx *e);

/* The EVTX_CHUNK_SIZE bytes the caller fills before evtx_open_chunk(). */
unsigned char *evtx_chunk(struct evtx *e);

struct evtx_chunk_info {
	int records;	/* records libevtx reads from the chunk */
	int recovered;	/* records found outside them (free space, damage) */
	bool corrupted; /* libevtx saw a checksum or count mismatch */
};

/*
 * Open the chunk in the buffer.  0 with ci filled, or -1 when libevtx
 * cannot read it at all (evtx_error() says why).  A chunk still open is
 * closed first.
 */
int evtx_open_chunk(struct evtx *e, struct evtx_chunk_info *ci);
/* Drop the open chunk and its record, if any. */
void evtx_close_chunk(struct evtx *e);

/* Make record `index` (0-based) of the open chunk current; 0 or -1. */
int evtx_load_record(struct evtx *e, int index);

/*
 * What libevtx reads from the current record without rendering it.
 * `name` is what libevtx calls the source name: Provider/@EventSourceName
 * when the record has one, else Provider/@Name; NULL when it has neither.
 * `computer` is Computer, NULL when absent.  id is -1 when libevtx cannot
 * read EventID.  complete is false when the id or a value could not be
 * read, or a value is longer than `max` bytes.  Strings are owned by e
 * until the next call.
 */
struct evtx_quick {
	const char *name;
	const char *computer;
	long long id;
	bool qualifiers; /* EventID has Qualifiers (classic events) */
	bool complete;	 /* id read, no value too long or unreadable */
};

void evtx_quick(struct evtx *e, struct evtx_quick *q, size_t max);

/*
 * The current record rendered as XML by libevtx, exactly the text
 * `evtxexport -f xml` prints for it: "<Event xmlns=...>...</Event>\n".
 * NUL-terminated, n bytes without the NUL, owned by e until the next call;
 * NULL (evtx_error() says why) when libevtx cannot render it or the text
 * would be longer than EVTX_XML_MAX.
 */
const char *evtx_xml(struct evtx *e, size_t *n);

/*
 * Why the last call failed: libevtx's innermost message, without its
 * function name, lower case, no full stop.
 */
const char *evtx_error(const struct evtx *e);

#endif /* SSLSIFT_EVTX_H */
