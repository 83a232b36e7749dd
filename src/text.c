#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

#define RAW_CHUNK 65536

/* Bytes of p that are not part of a well-formed UTF-8 sequence. */
static size_t
invalid_utf8(const unsigned char *p, size_t n)
{
	size_t bad = 0, i = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t need, k;
		unsigned char lo = 0x80, hi = 0xBF;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3;
		else {
			bad++;
			i++;
			continue;
		}
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		else if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		for (k = 1; k <= need && i + k < n; k++) {
			if (p[i + k] < lo || p[i + k] > hi)
				break;
			lo = 0x80;
			hi = 0xBF;
		}
		if (k <= need && i + k < n) {
			bad++;
			i++;
		} else {
			i += k; /* complete, or cut off by the sample's end */
		}
	}
	return bad;
}

struct text_format
text_detect(const unsigned char *p, size_t n)
{
	struct text_format f = { TEXT_UTF8, false };
	size_t pairs, z_even = 0, z_odd = 0, nul = 0, ctl = 0, sample;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		f.bom = true;
		return f;
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		f.enc = TEXT_UTF16LE;
		f.bom = true;
		return f;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		f.enc = TEXT_UTF16BE;
		f.bom = true;
		return f;
	}
	sample = n < 4096 ? n : 4096;
	pairs = sample / 2;
	for (size_t i = 0; i < pairs * 2; i += 2) {
		z_even += p[i] == 0;
		z_odd += p[i + 1] == 0;
	}
	/*
	 * Mostly-ASCII UTF-16 has a zero in every other byte; even CJK text
	 * has some (newlines, spaces, digits).  Demand a clear skew so that a
	 * binary file with scattered zeros is not taken for text.
	 */
	if (pairs >= 2 && z_odd * 10 >= pairs * 3 && z_even * 20 <= pairs) {
		f.enc = TEXT_UTF16LE;
		return f;
	}
	if (pairs >= 2 && z_even * 10 >= pairs * 3 && z_odd * 20 <= pairs) {
		f.enc = TEXT_UTF16BE;
		return f;
	}
	for (size_t i = 0; i < sample; i++) {
		unsigned char c = p[i];

		if (c == 0)
			nul++;
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f' && c != '\v' && c != 0x1b)
			ctl++;
	}
	/*
	 * Text in a legacy code page (cmd.exe redirects write the OEM code
	 * page) has some bytes that are not UTF-8; random data has mostly.
	 */
	if (sample > 0 &&
	    (nul * 100 > sample || ctl * 10 > sample ||
		(nul > 0 && sample < 64) ||
		invalid_utf8(p, sample) * 4 > sample))
		f.enc = TEXT_BINARY;
	return f;
}

const char *
text_format_name(struct text_format f)
{
	switch (f.enc) {
	case TEXT_UTF8:
		return f.bom ? "utf-8-bom" : "utf-8";
	case TEXT_UTF16LE:
		return f.bom ? "utf-16le-bom" : "utf-16le";
	case TEXT_UTF16BE:
		return f.bom ? "utf-16be-bom" : "utf-16be";
	case TEXT_BINARY:
		return "binary";
	}
	return "?";
}

void
decoder_init(struct decoder *d, struct text_format f)
{
	memset(d, 0, sizeof(*d));
	d->fmt = f;
	d->line = 1;
	if (f.bom)
		d->bom_left = f.enc == TEXT_UTF8 ? 3 : 2;
}

/*
 * Output goes through a small staging area so that the per-character work
 * is a store, not a call; it is flushed into the caller's capped buffer.
 */
struct sink {
	struct buf *out;
	size_t n;
	int err;
	char tmp[8192];
};

static void
sink_flush(struct sink *k)
{
	if (k->n > 0 && k->err == 0 && buf_add(k->out, k->tmp, k->n) < 0)
		k->err = -1;
	k->n = 0;
}

static void
sink_put(struct sink *k, const char *p, size_t n)
{
	if (k->n + n > sizeof(k->tmp))
		sink_flush(k);
	if (n > sizeof(k->tmp)) {
		if (k->err == 0 && buf_add(k->out, p, n) < 0)
			k->err = -1;
		return;
	}
	memcpy(k->tmp + k->n, p, n);
	k->n += n;
}

static void
emit_cp(struct decoder *d, struct sink *k, unsigned cp)
{
	char u[4];
	size_t n;

	if (d->pending_cr) {
		d->pending_cr = false;
		if (cp == '\n') {
			d->n_crlf++;
			return;
		}
		d->n_cr++;
	}
	if (cp == '\r' || cp == '\n') {
		if (cp == '\r')
			d->pending_cr = true;
		else
			d->n_lf++;
		d->line++;
		sink_put(k, "\n", 1);
		return;
	}
	if (cp == 0) {
		if (d->n_nul++ == 0)
			d->first_nul_line = d->line;
		cp = 0xFFFD;
	}
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	sink_put(k, u, n);
}

static void
emit_invalid(struct decoder *d, struct sink *k)
{
	if (d->n_invalid++ == 0)
		d->first_invalid_line = d->line;
	emit_cp(d, k, 0xFFFD);
}

/*
 * One byte of UTF-8 input.  Incomplete or ill-formed sequences are replaced
 * by one U+FFFD per maximal subpart (Unicode's recommended practice), and the
 * byte that broke a sequence is read again as the start of a new one.
 */
static void
utf8_byte(struct decoder *d, struct sink *k, unsigned char c)
{
	if (d->need > 0) {
		if (c >= d->lo && c <= d->hi) {
			d->pend[d->npend++] = c;
			d->lo = 0x80;
			d->hi = 0xBF;
			if (--d->need == 0) {
				if (d->pending_cr) {
					d->pending_cr = false;
					d->n_cr++;
				}
				sink_put(k, (const char *)d->pend, d->npend);
				d->npend = 0;
			}
			return;
		}
		d->need = 0;
		d->npend = 0;
		emit_invalid(d, k);
	}
	if (c < 0x80) {
		emit_cp(d, k, c);
		return;
	}
	d->lo = 0x80;
	d->hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) {
		d->need = 1;
	} else if (c >= 0xE0 && c <= 0xEF) {
		d->need = 2;
		if (c == 0xE0)
			d->lo = 0xA0;
		else if (c == 0xED)
			d->hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		d->need = 3;
		if (c == 0xF0)
			d->lo = 0x90;
		else if (c == 0xF4)
			d->hi = 0x8F;
	} else {
		emit_invalid(d, k);
		return;
	}
	d->pend[0] = c;
	d->npend = 1;
}

static void
utf16_unit(struct decoder *d, struct sink *k, unsigned u)
{
	if (d->hi_surrogate != 0) {
		unsigned hi = d->hi_surrogate;

		d->hi_surrogate = 0;
		if (u >= 0xDC00 && u <= 0xDFFF) {
			emit_cp(d, k,
			    0x10000 + ((hi - 0xD800) << 10) + (u - 0xDC00));
			return;
		}
		emit_invalid(d, k);
	}
	if (u >= 0xD800 && u <= 0xDBFF)
		d->hi_surrogate = u;
	else if (u >= 0xDC00 && u <= 0xDFFF)
		emit_invalid(d, k);
	else
		emit_cp(d, k, u);
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* A byte of v is zero (exact: no false positives). */
#define HAS_ZERO(v) (((v)-ONES) & ~(v)&HIGHS)

/*
 * Length of the run of plain ASCII at p (no NUL, no CR, nothing above
 * 0x7F), the bytes that go through unchanged.  Eight bytes at a time:
 * every export of a big log is mostly this.
 */
static size_t
ascii_run(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i + 8 <= n) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		if ((w & HIGHS) != 0 || HAS_ZERO(w) != 0 ||
		    HAS_ZERO(w ^ (ONES * '\r')) != 0)
			break;
		i += 8;
	}
	while (i < n && p[i] >= 0x01 && p[i] < 0x80 && p[i] != '\r')
		i++;
	return i;
}

static void
count_lf(struct decoder *d, const unsigned char *p, size_t n)
{
	const unsigned char *q, *end = p + n;

	while ((q = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		d->n_lf++;
		d->line++;
		p = q + 1;
	}
}

int
decoder_feed(struct decoder *d, const unsigned char *in, size_t n,
    struct buf *out)
{
	struct sink *k = xmalloc(sizeof(*k));
	size_t i = 0;
	int ret;

	k->out = out;
	k->n = 0;
	k->err = 0;
	while (i < n && d->bom_left > 0) {
		i++;
		d->bom_left--;
	}
	if (d->fmt.enc == TEXT_UTF16LE || d->fmt.enc == TEXT_UTF16BE) {
		bool le = d->fmt.enc == TEXT_UTF16LE;

		for (; i < n && k->err == 0; i++) {
			d->pend[d->npend++] = in[i];
			if (d->npend == 2) {
				unsigned u = le ? d->pend[0] | d->pend[1] << 8 :
						  d->pend[0] << 8 | d->pend[1];

				d->npend = 0;
				utf16_unit(d, k, u);
			}
		}
	} else {
		while (i < n && k->err == 0) {
			if (d->need == 0 && !d->pending_cr) {
				size_t r = ascii_run(in + i, n - i);

				if (r > 0) {
					count_lf(d, in + i, r);
					sink_put(k, (const char *)in + i, r);
					i += r;
					continue;
				}
			}
			utf8_byte(d, k, in[i++]);
		}
	}
	sink_flush(k);
	ret = k->err;
	free(k);
	return ret;
}

int
decoder_finish(struct decoder *d, struct buf *out)
{
	struct sink *k;
	int ret;

	if (d->finished)
		return 0;
	d->finished = true;
	k = xmalloc(sizeof(*k));
	k->out = out;
	k->n = 0;
	k->err = 0;
	if (d->fmt.enc == TEXT_UTF16LE || d->fmt.enc == TEXT_UTF16BE) {
		if (d->hi_surrogate != 0) {
			d->hi_surrogate = 0;
			emit_invalid(d, k);
		}
		if (d->npend > 0) {
			d->npend = 0;
			d->odd_tail = true;
			emit_invalid(d, k);
		}
	} else if (d->need > 0) {
		d->need = 0;
		d->npend = 0;
		emit_invalid(d, k);
	}
	if (d->pending_cr) {
		d->pending_cr = false;
		d->n_cr++;
	}
	sink_flush(k);
	ret = k->err;
	free(k);
	return ret;
}

const char *
decoder_newline_name(const struct decoder *d)
{
	int kinds = (d->n_crlf > 0) + (d->n_lf > 0) + (d->n_cr > 0);

	if (kinds == 0)
		return "none";
	if (kinds > 1)
		return "mixed";
	if (d->n_crlf > 0)
		return "crlf";
	return d->n_lf > 0 ? "lf" : "cr";
}

void
decoder_report(const struct decoder *d, struct diag_list *dl)
{
	const char *enc = d->fmt.enc == TEXT_UTF8 ? "UTF-8" : "UTF-16";

	if (d->odd_tail)
		diag_add(dl, DIAG_WARNING, d->line,
		    "truncated UTF-16: odd byte count, last byte replaced with U+FFFD");
	if (d->n_invalid > (d->odd_tail ? 1UL : 0UL))
		diag_add(dl, DIAG_WARNING, d->first_invalid_line,
		    "invalid %s replaced with U+FFFD (%lu in all)", enc,
		    d->n_invalid);
	if (d->n_nul > 0)
		diag_add(dl, DIAG_WARNING, d->first_nul_line,
		    "NUL byte replaced with U+FFFD (%lu in all)", d->n_nul);
}

static long
ts_read(struct stream *s, void *buf, size_t n)
{
	struct textstream *ts = (struct textstream *)s;
	size_t avail;

	while (ts->off >= ts->out.len) {
		long r;

		if (ts->eof)
			return 0;
		buf_reset(&ts->out);
		ts->off = 0;
		r = ts->raw->read(ts->raw, ts->rawbuf, RAW_CHUNK);
		if (r < 0) {
			snprintf(s->err, sizeof(s->err), "%s", ts->raw->err);
			ts->raw_error = true;
			ts->eof = true;
			return -1;
		}
		if (r == 0) {
			ts->eof = true;
			if (decoder_finish(&ts->dec, &ts->out) < 0)
				BUG("text stream chunk overflow");
			continue;
		}
		if (decoder_feed(&ts->dec, ts->rawbuf, (size_t)r, &ts->out) < 0)
			BUG("text stream chunk overflow");
	}
	avail = ts->out.len - ts->off;
	if (n > avail)
		n = avail;
	memcpy(buf, ts->out.data + ts->off, n);
	ts->off += n;
	return (long)n;
}

void
textstream_init(struct textstream *ts, struct stream *raw, struct text_format f)
{
	memset(ts, 0, sizeof(*ts));
	ts->s.read = ts_read;
	ts->raw = raw;
	decoder_init(&ts->dec, f);
	/* Worst case: every raw byte becomes a 3-byte U+FFFD. */
	buf_init(&ts->out, (size_t)RAW_CHUNK * 3 + 64);
	ts->rawbuf = xmalloc(RAW_CHUNK);
}

void
textstream_release(struct textstream *ts)
{
	buf_release(&ts->out);
	free(ts->rawbuf);
	ts->rawbuf = NULL;
}

/* Length of the prefix of p that ends with its last newline (0 if none). */
static size_t
whole_lines(const char *p, size_t n)
{
	while (n > 0 && p[n - 1] != '\n')
		n--;
	return n;
}

int
text_read(struct text *t, struct stream *decoded, size_t cap)
{
	struct buf b;
	char *chunk = xmalloc(RAW_CHUNK);
	int ret = 0;

	buf_init(&b, cap);
	t->truncated = false;
	for (;;) {
		long r = decoded->read(decoded, chunk, RAW_CHUNK);

		if (r < 0) {
			ret = -1;
			break;
		}
		if (r == 0)
			break;
		if (buf_add(&b, chunk, (size_t)r) < 0) {
			size_t room = b.max - b.len;

			if (buf_add(&b, chunk, room) < 0)
				BUG("cap arithmetic");
			/* Keep whole lines only, so nothing half-decoded. */
			b.len = whole_lines(b.data, b.len);
			if (b.data != NULL)
				b.data[b.len] = '\0';
			t->truncated = true;
			break;
		}
	}
	free(chunk);
	t->data = buf_detach(&b, &t->len);
	return ret;
}

void
text_from_bytes(struct text *t, const void *p, size_t n, struct diag_list *dl)
{
	struct text_format f = text_detect(p, n);
	struct decoder d;
	struct buf b;

	if (f.enc == TEXT_BINARY)
		f.enc = TEXT_UTF8;
	decoder_init(&d, f);
	buf_init(&b, SIZE_MAX / 2);
	if (decoder_feed(&d, p, n, &b) < 0 || decoder_finish(&d, &b) < 0)
		BUG("uncapped buffer reported a cap");
	if (dl != NULL)
		decoder_report(&d, dl);
	t->truncated = false;
	t->data = buf_detach(&b, &t->len);
}

void
text_release(struct text *t)
{
	free(t->data);
	t->data = NULL;
	t->len = 0;
}

void
line_iter_init(struct line_iter *it, const struct text *t)
{
	it->p = t->data;
	it->end = t->data + t->len;
	it->no = 0;
}

bool
line_next(struct line_iter *it, struct line *ln)
{
	const char *nl;

	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	ln->s = it->p;
	ln->len = nl != NULL ? (size_t)(nl - it->p) : (size_t)(it->end - it->p);
	ln->no = ++it->no;
	it->p = nl != NULL ? nl + 1 : it->end;
	return true;
}
