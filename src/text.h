/*
 * Text decoding: whatever Windows wrote (UTF-8 with or without a BOM,
 * UTF-16LE/BE with or without a BOM, CRLF, LF or bare CR) becomes UTF-8 with
 * LF newlines, one output line per input line, so line numbers in
 * diagnostics are the numbers an editor shows for the original file.
 *
 * The output is always valid UTF-8 without NUL bytes: invalid sequences,
 * unpaired surrogates, NULs and a truncated final code unit each become
 * U+FFFD and are counted, so parsers and reporters can rely on clean text.
 */
#ifndef SSLSIFT_TEXT_H
#define SSLSIFT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "stream.h"

enum text_enc {
	TEXT_UTF8,
	TEXT_UTF16LE,
	TEXT_UTF16BE,
	TEXT_BINARY, /* not text: NULs or control bytes that UTF-16 explains not
		      */
};

struct text_format {
	enum text_enc enc;
	bool bom;
};

/*
 * Guess the encoding from the first bytes of a file (a few KiB are plenty).
 * A BOM decides; without one, the pattern of zero bytes tells UTF-16 from
 * UTF-8, and NULs or many control bytes that fit neither mean binary.
 */
struct text_format text_detect(const unsigned char *p, size_t n);

/* "utf-8", "utf-8-bom", "utf-16le", "utf-16le-bom", ..., "binary". */
const char *text_format_name(struct text_format f);

struct decoder {
	struct text_format fmt;
	size_t bom_left;       /* BOM bytes still to skip */
	unsigned char pend[4]; /* a code unit or sequence split across feeds */
	size_t npend;
	unsigned need;	       /* UTF-8: continuation bytes still expected */
	unsigned char lo, hi;  /* UTF-8: bounds of the next continuation */
	unsigned hi_surrogate; /* UTF-16: pending high surrogate, or 0 */
	bool pending_cr;
	unsigned long line; /* current output line, 1-based */
	unsigned long n_crlf, n_lf, n_cr;
	unsigned long n_invalid, first_invalid_line;
	unsigned long n_nul, first_nul_line;
	bool odd_tail; /* UTF-16 input ended in half a code unit */
	bool finished;
};

void decoder_init(struct decoder *d, struct text_format f);
/*
 * Decode n input bytes and append the UTF-8 to out.  Returns 0, or -1 when
 * out's cap was reached (out then holds everything decoded up to the cap,
 * ending on a character boundary).
 */
int decoder_feed(struct decoder *d, const unsigned char *in, size_t n,
    struct buf *out);
/* End of input: a split sequence becomes U+FFFD.  Same return as feed. */
int decoder_finish(struct decoder *d, struct buf *out);
/* "crlf", "lf", "cr", "mixed" or "none", from what was decoded so far. */
const char *decoder_newline_name(const struct decoder *d);
/* Add a diagnostic for each kind of damage seen (invalid bytes, NULs, ...). */
void decoder_report(const struct decoder *d, struct diag_list *dl);

/*
 * A stream of decoded text over a stream of raw bytes: what the streaming
 * parsers read.  The raw stream is borrowed.
 */
struct textstream {
	struct stream s;
	struct stream *raw;
	struct decoder dec;
	struct buf out;
	size_t off;
	unsigned char *rawbuf;
	bool eof;
	bool raw_error;
};

void textstream_init(struct textstream *ts, struct stream *raw,
    struct text_format f);
void textstream_release(struct textstream *ts);

/* A whole decoded text, as the line-oriented parsers take it. */
struct text {
	char *data; /* UTF-8, LF newlines, NUL-terminated; owned */
	size_t len;
	bool truncated; /* the cap was reached; the rest was not read */
};

/*
 * Read a decoded stream whole, up to cap bytes.  Returns 0, or -1 when the
 * stream reported a read error (t holds what was read before it).
 */
int text_read(struct text *t, struct stream *decoded, size_t cap);
/*
 * Detect and decode a byte buffer in one go (tests and fuzz harnesses use
 * this).  Damage is reported into dl when dl is not NULL.
 */
void text_from_bytes(struct text *t, const void *p, size_t n,
    struct diag_list *dl);
void text_release(struct text *t);

struct line {
	const char
	    *s; /* not terminated: the line ends at s[len] ('\n' or end) */
	size_t len;
	unsigned long no; /* 1-based */
};

struct line_iter {
	const char *p;
	const char *end;
	unsigned long no;
};

void line_iter_init(struct line_iter *it, const struct text *t);
/* The next line, without its '\n'.  false at the end of the text. */
bool line_next(struct line_iter *it, struct line *ln);

#endif /* SSLSIFT_TEXT_H */
