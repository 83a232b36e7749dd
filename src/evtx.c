/*
 * The layout helpers are plain C; the reader is libevtx's record API over
 * a libbfio memory range that holds a file header made for it and one
 * chunk.  libevtx's habits kept in here: its error objects (turned into
 * one message and freed at once), its size-then-copy string getters, its
 * "1 success, 0 absent, -1 error" results, and its file objects, which
 * live for one chunk.
 */
#include "compat.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evtx.h"
#include "le.h"
#include "xalloc.h"

#ifdef HAVE_LIBEVTX
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <libbfio.h>
#include <libevtx.h>
#endif

/* AddressSanitizer's allocator cannot live under a data limit. */
#if defined(__SANITIZE_ADDRESS__)
#define NO_DATA_LIMIT
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_DATA_LIMIT
#endif
#endif

#define QUICK_MAX 1024 /* longest value evtx_quick() takes, with its NUL */
#define HEADROOM ((rlim_t)512 << 20) /* data one chunk may add */

/* CRC-32 (ISO-HDLC, zlib's), as the .evtx headers use it. */
static uint32_t
crc32_add(uint32_t crc, const unsigned char *p, size_t n)
{
	static uint32_t tab[256];
	static bool ready;

	if (!ready) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
			tab[i] = c;
		}
		ready = true;
	}
	crc = ~crc;
	while (n-- > 0)
		crc = tab[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

bool
evtx_file_header_read(const unsigned char *p, struct evtx_file_header *h)
{
	uint32_t flags;

	memset(h, 0, sizeof(*h));
	if (memcmp(p, "ElfFile", 8) != 0)
		return false;
	h->minor = le16(p + 36);
	h->major = le16(p + 38);
	h->block_size = le16(p + 40);
	h->chunks = le16(p + 42);
	flags = le32(p + 120);
	h->dirty = (flags & 1) != 0;
	h->full = (flags & 2) != 0;
	h->crc_ok = crc32_add(0, p, 120) == le32(p + 124);
	return true;
}

void
evtx_chunk_header_read(const unsigned char *p, struct evtx_chunk_header *h)
{
	memset(h, 0, sizeof(*h));
	h->magic = memcmp(p, "ElfChnk", 8) == 0;
	if (!h->magic)
		return;
	h->first_number = le64(p + 8);
	h->last_number = le64(p + 16);
	h->first_id = le64(p + 24);
	h->last_id = le64(p + 32);
	/* the header checksum covers bytes 0-119 and 128-511 */
	h->crc_ok =
	    crc32_add(crc32_add(0, p, 120), p + 128, 384) == le32(p + 124);
}

/* Whether a record starts at off, as libevtx's walk of a chunk sees it. */
static bool
record_at(const unsigned char *p, uint32_t off)
{
	return off >= EVTX_FIRST_RECORD && off <= le32(p + 44) &&
	    off <= EVTX_CHUNK_SIZE - 24 && memcmp(p + off, "**\0\0", 4) == 0;
}

uint32_t
evtx_next_record(const unsigned char *p, uint32_t off)
{
	uint32_t size;

	if (!record_at(p, off))
		return 0;
	size = le32(p + off + 4);
	if (size < 24 || size > EVTX_CHUNK_SIZE - off)
		return 0;
	return off + size;
}

bool
evtx_record_id_at(const unsigned char *p, int index, uint64_t *id)
{
	uint32_t off = EVTX_FIRST_RECORD;

	for (int i = 0; i < index && off != 0; i++)
		off = evtx_next_record(p, off);
	if (!record_at(p, off))
		return false;
	*id = le64(p + off + 8);
	return true;
}

unsigned
evtx_record_count(const unsigned char *p)
{
	uint32_t off = 512;
	unsigned n = 0;

	while (
	    off <= EVTX_CHUNK_SIZE - 28 && memcmp(p + off, "**\0\0", 4) == 0) {
		uint32_t size = le32(p + off + 4);

		if (size < 28 || size > EVTX_CHUNK_SIZE - off ||
		    le32(p + off + size - 4) != size)
			break;
		n++;
		off += size;
	}
	return n;
}

#ifdef HAVE_LIBEVTX

struct evtx {
	unsigned char *buf; /* file header, then the chunk */
	libbfio_handle_t *io;
	libevtx_file_t *file; /* the open chunk, or NULL */
	libevtx_record_t *rec;
	struct rlimit data_limit; /* as it was before the chunk was opened */
	bool limited;
	char name[QUICK_MAX];
	char computer[QUICK_MAX];
	char *xml;
	size_t xml_alloc;
	char err[256];
};

bool
evtx_supported(void)
{
	return true;
}

const char *
evtx_library(void)
{
	static char v[64];

	if (v[0] == '\0')
		snprintf(v, sizeof(v), "libevtx %s", libevtx_get_version());
	return v;
}

static void
drop_error(libevtx_error_t **error)
{
	if (*error != NULL)
		libevtx_error_free(error);
}

/*
 * Keep libevtx's innermost message, the cause ("libfwevt_..._attribute:
 * invalid binary XML sub token - unsupported type: 0x49."), as
 * "invalid binary XML sub token - unsupported type: 0x49"; free the error.
 */
static void
take_error(struct evtx *e, libevtx_error_t **error, const char *fallback)
{
	char tmp[2048];
	const char *s = tmp, *colon;
	size_t n;

	tmp[0] = '\0';
	if (error != NULL && *error != NULL) {
		if (libevtx_error_backtrace_sprint(*error, tmp, sizeof(tmp)) <
		    0)
			tmp[0] = '\0';
		libevtx_error_free(error);
	}
	tmp[sizeof(tmp) - 1] = '\0';
	n = strcspn(tmp, "\n");
	tmp[n] = '\0';
	colon = strstr(tmp, ": ");
	if (colon != NULL &&
	    strspn(tmp, "abcdefghijklmnopqrstuvwxyz0123456789_") ==
		(size_t)(colon - tmp))
		s = colon + 2;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	if (n == 0) {
		s = fallback;
		n = strlen(s);
	}
	snprintf(e->err, sizeof(e->err), "%.*s", (int)n, s);
}

struct evtx *
evtx_new(const unsigned char *file_header)
{
	struct evtx *e = xcalloc(1, sizeof(*e));
	unsigned char *h;
	libbfio_error_t *error = NULL;
	uint32_t crc;

	e->buf = xmalloc(EVTX_HEADER_SIZE + EVTX_CHUNK_SIZE);
	memcpy(e->buf, file_header, EVTX_HEADER_SIZE);
	memset(e->buf + EVTX_HEADER_SIZE, 0, EVTX_CHUNK_SIZE);
	/*
	 * The log's own header (its version, its next record id), made to
	 * describe a log of one chunk in use at offset 4096, closed cleanly.
	 */
	h = e->buf;
	memset(h + 8, 0, 16); /* first and last chunk number: 0 */
	h[40] = 0x00;	      /* header block size: 4096 */
	h[41] = 0x10;
	h[42] = 1; /* one chunk */
	h[43] = 0;
	memset(h + 120, 0, 4); /* flags: none */
	crc = crc32_add(0, h, 120);
	h[124] = (unsigned char)crc;
	h[125] = (unsigned char)(crc >> 8);
	h[126] = (unsigned char)(crc >> 16);
	h[127] = (unsigned char)(crc >> 24);
	if (libbfio_memory_range_initialize(&e->io, &error) != 1 ||
	    libbfio_memory_range_set(e->io, e->buf,
		EVTX_HEADER_SIZE + EVTX_CHUNK_SIZE, &error) != 1) {
		/* only an allocation can fail here */
		if (error != NULL)
			libbfio_error_free(&error);
		xalloc_die(sizeof(*e));
	}
	return e;
}

/*
 * libevtx 20181227 trusts the counts in a record: a template instance that
 * claims a billion values makes it allocate and clear gigabytes (found by
 * fuzzing; one changed byte in a real log does it).  So while a chunk is
 * open, the process may grow its data by at most HEADROOM: a soft
 * RLIMIT_DATA set from the current use, which Linux gives in
 * /proc/self/statm (elsewhere no limit is set).  An allocation beyond it
 * fails, and libevtx reports the record as unreadable.  Not under
 * AddressSanitizer, whose allocator cannot run under a data limit.
 */
static void
limit_data(struct evtx *e)
{
#ifndef NO_DATA_LIMIT
	char tmp[128];
	unsigned long long pages = 0;
	struct rlimit rl;
	const char *s = tmp;
	long page = sysconf(_SC_PAGESIZE);
	ssize_t n;
	int fd;

	fd = open("/proc/self/statm", O_RDONLY);
	if (fd < 0)
		return;
	n = read(fd, tmp, sizeof(tmp) - 1);
	close(fd);
	if (n <= 0 || page <= 0)
		return;
	tmp[n] = '\0';
	/* size resident shared text lib data: the sixth, in pages */
	for (int field = 0; field < 5 && s != NULL; field++) {
		s = strchr(s, ' ');
		if (s != NULL)
			s++;
	}
	if (s == NULL)
		return;
	while (*s >= '0' && *s <= '9')
		pages = pages * 10 + (unsigned long long)(*s++ - '0');
	if (getrlimit(RLIMIT_DATA, &e->data_limit) != 0)
		return;
	rl = e->data_limit;
	rl.rlim_cur = (rlim_t)(pages * (unsigned long long)page) + HEADROOM;
	if (e->data_limit.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur > e->data_limit.rlim_cur)
		return;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
		return;
	e->limited = setrlimit(RLIMIT_DATA, &rl) == 0;
#else
	(void)e;
#endif
}

static void
unlimit_data(struct evtx *e)
{
	if (e->limited && setrlimit(RLIMIT_DATA, &e->data_limit) != 0)
		BUG("cannot restore RLIMIT_DATA");
	e->limited = false;
}

void
evtx_close_chunk(struct evtx *e)
{
	libevtx_error_t *error = NULL;

	if (e->rec != NULL && libevtx_record_free(&e->rec, &error) != 1)
		drop_error(&error);
	e->rec = NULL;
	if (e->file != NULL) {
		if (libevtx_file_close(e->file, &error) != 0)
			drop_error(&error);
		if (libevtx_file_free(&e->file, &error) != 1)
			drop_error(&error);
	}
	e->file = NULL;
	unlimit_data(e);
}

void
evtx_free(struct evtx *e)
{
	libbfio_error_t *error = NULL;

	if (e == NULL)
		return;
	evtx_close_chunk(e);
	if (libbfio_handle_free(&e->io, &error) != 1)
		if (error != NULL)
			libbfio_error_free(&error);
	free(e->xml);
	free(e->buf);
	free(e);
}

unsigned char *
evtx_chunk(struct evtx *e)
{
	return e->buf + EVTX_HEADER_SIZE;
}

/*
 * The chunk headers libevtx 20181227 refuses, said the way it says it: it
 * leaks some memory on that path, so it is not taken.
 */
static bool
refused(struct evtx *e)
{
	const unsigned char *c = e->buf + EVTX_HEADER_SIZE;
	uint32_t size = le32(c + 40), free_off = le32(c + 48);

	if (memcmp(c, "ElfChnk", 8) != 0)
		return false;
	if (size != 128)
		snprintf(e->err, sizeof(e->err),
		    "unsupported header size: %" PRIu32, size);
	else if (free_off < 512 || free_off > EVTX_CHUNK_SIZE)
		snprintf(e->err, sizeof(e->err),
		    "invalid free space offset value out of bounds");
	else
		return false;
	return true;
}

int
evtx_open_chunk(struct evtx *e, struct evtx_chunk_info *ci)
{
	libevtx_error_t *error = NULL;
	int r;

	evtx_close_chunk(e);
	memset(ci, 0, sizeof(*ci));
	if (refused(e))
		return -1;
	limit_data(e);
	if (libevtx_file_initialize(&e->file, &error) != 1) {
		drop_error(&error);
		xalloc_die(sizeof(*e));
	}
	if (libevtx_file_open_file_io_handle(e->file, e->io, LIBEVTX_OPEN_READ,
		&error) != 1) {
		take_error(e, &error, "cannot open the chunk");
		if (libevtx_file_free(&e->file, &error) != 1)
			drop_error(&error);
		e->file = NULL;
		unlimit_data(e);
		return -1;
	}
	if (libevtx_file_get_number_of_records(e->file, &ci->records, &error) !=
	    1) {
		drop_error(&error);
		ci->records = 0;
	}
	if (libevtx_file_get_number_of_recovered_records(e->file,
		&ci->recovered, &error) != 1) {
		drop_error(&error);
		ci->recovered = 0;
	}
	r = libevtx_file_is_corrupted(e->file, &error);
	if (r < 0)
		drop_error(&error);
	ci->corrupted = r > 0;
	return 0;
}

int
evtx_load_record(struct evtx *e, int index)
{
	libevtx_error_t *error = NULL;

	if (e->rec != NULL && libevtx_record_free(&e->rec, &error) != 1)
		drop_error(&error);
	e->rec = NULL;
	if (e->file == NULL) {
		snprintf(e->err, sizeof(e->err), "no chunk open");
		return -1;
	}
	if (libevtx_file_get_record_by_index(e->file, index, &e->rec, &error) !=
	    1) {
		take_error(e, &error, "cannot read the record");
		e->rec = NULL;
		return -1;
	}
	return 0;
}

/*
 * One of libevtx's string getters, into out (max bytes and the NUL): 1
 * with the value, 0 when absent, -1 when unreadable or longer (libevtx
 * fails on a buffer too small, so no size is asked first: each call
 * converts the value again).
 */
static int
get_string(libevtx_record_t *rec,
    int (*get_fn)(libevtx_record_t *, uint8_t *, size_t, libevtx_error_t **),
    char *out, size_t max)
{
	libevtx_error_t *error = NULL;
	int r;

	r = get_fn(rec, (uint8_t *)out, max + 1, &error);
	if (r == 1 && memchr(out, '\0', max + 1) != NULL)
		return 1;
	drop_error(&error);
	return r == 0 ? 0 : -1;
}

void
evtx_quick(struct evtx *e, struct evtx_quick *q, size_t max)
{
	libevtx_error_t *error = NULL;
	uint32_t v;
	int r;

	memset(q, 0, sizeof(*q));
	q->id = -1;
	if (e->rec == NULL)
		return;
	if (max > QUICK_MAX - 1)
		max = QUICK_MAX - 1;
	q->complete = true;
	if (libevtx_record_get_event_identifier(e->rec, &v, &error) == 1) {
		q->id = v;
	} else {
		drop_error(&error);
		q->complete = false;
	}
	r = libevtx_record_get_event_identifier_qualifiers(e->rec, &v, &error);
	if (r < 0) {
		drop_error(&error);
		q->complete = false;
	}
	q->qualifiers = r == 1;
	r = get_string(e->rec, libevtx_record_get_utf8_source_name, e->name,
	    max);
	if (r == 1)
		q->name = e->name;
	else if (r < 0)
		q->complete = false;
	r = get_string(e->rec, libevtx_record_get_utf8_computer_name,
	    e->computer, max);
	if (r == 1)
		q->computer = e->computer;
	else if (r < 0)
		q->complete = false;
}

const char *
evtx_xml(struct evtx *e, size_t *n)
{
	libevtx_error_t *error = NULL;
	size_t size = 0;

	if (e->rec == NULL) {
		snprintf(e->err, sizeof(e->err), "no record loaded");
		return NULL;
	}
	if (libevtx_record_get_utf8_xml_string_size(e->rec, &size, &error) !=
	    1) {
		take_error(e, &error, "cannot render the record");
		return NULL;
	}
	if (size == 0 || size > EVTX_XML_MAX + 1) {
		snprintf(e->err, sizeof(e->err),
		    "its XML would be %zu bytes, over the limit of %zu", size,
		    EVTX_XML_MAX);
		return NULL;
	}
	if (size > e->xml_alloc)
		xgrow((void **)&e->xml, &e->xml_alloc, size, 1);
	if (libevtx_record_get_utf8_xml_string(e->rec, (uint8_t *)e->xml, size,
		&error) != 1) {
		take_error(e, &error, "cannot render the record");
		return NULL;
	}
	e->xml[size - 1] = '\0';
	/* what a C string reader (evtxexport's printf) sees of it */
	*n = strlen(e->xml);
	return e->xml;
}

#else /* !HAVE_LIBEVTX */

struct evtx {
	char err[64];
};

bool
evtx_supported(void)
{
	return false;
}

const char *
evtx_library(void)
{
	return NULL;
}

struct evtx *
evtx_new(const unsigned char *file_header)
{
	(void)file_header;
	return NULL;
}

void
evtx_free(struct evtx *e)
{
	free(e);
}

unsigned char *
evtx_chunk(struct evtx *e)
{
	(void)e;
	BUG("evtx_chunk() without libevtx");
}

int
evtx_open_chunk(struct evtx *e, struct evtx_chunk_info *ci)
{
	(void)e;
	memset(ci, 0, sizeof(*ci));
	return -1;
}

void
evtx_close_chunk(struct evtx *e)
{
	(void)e;
}

int
evtx_load_record(struct evtx *e, int index)
{
	(void)e;
	(void)index;
	return -1;
}

void
evtx_quick(struct evtx *e, struct evtx_quick *q, size_t max)
{
	(void)e;
	(void)max;
	memset(q, 0, sizeof(*q));
	q->id = -1;
}

const char *
evtx_xml(struct evtx *e, size_t *n)
{
	(void)e;
	*n = 0;
	return NULL;
}

#endif /* HAVE_LIBEVTX */

const char *
evtx_error(const struct evtx *e)
{
	return e != NULL ? e->err : "this build cannot read .evtx";
}
