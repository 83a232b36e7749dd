/*
 * Byte streams: how an artifact's bytes reach sniffing, decoding and the
 * parsers, whether they come from a file, from memory or from inside an
 * archive.  A stream is read front to back once; nothing seeks.
 *
 * Every implementation embeds `struct stream` first and is owned by whoever
 * declared it; streams allocate nothing that outlives their release.
 */
#ifndef SSLSIFT_STREAM_H
#define SSLSIFT_STREAM_H

#include <stddef.h>

struct stream {
	/*
	 * Read up to n bytes into buf.  Returns the number read, 0 at the end
	 * of the input, or -1 on a read error with the reason in err.
	 */
	long (*read)(struct stream *s, void *buf, size_t n);
	char err[192];
};

/* s->read(), but loops until n bytes, end of input or an error. */
long stream_read_full(struct stream *s, void *buf, size_t n);

/* A stream over caller-owned memory, which must outlive the stream. */
struct memstream {
	struct stream s;
	const unsigned char *p;
	size_t len;
	size_t off;
};

void memstream_init(struct memstream *ms, const void *p, size_t len);

/* A stream over an open file descriptor (not closed by the stream). */
struct fdstream {
	struct stream s;
	int fd;
};

void fdstream_init(struct fdstream *fs, int fd);

/*
 * First the bytes of `pre` (caller-owned), then whatever `next` yields.
 * This is how bytes already read for sniffing are put back in front.
 */
struct prestream {
	struct stream s;
	const unsigned char *pre;
	size_t prelen;
	size_t off;
	struct stream *next;
};

void prestream_init(struct prestream *ps, const void *pre, size_t prelen,
    struct stream *next);

#endif /* SSLSIFT_STREAM_H */
