/*
 * How files travel: a raw stream (file, stdin buffer or archive entry) is
 * wrapped in a limit stream that enforces the size caps and, inside
 * archives, the expansion ratio.  The first SNIFF_WINDOW bytes are read for
 * sniffing and put back in front with a prestream; a textstream decodes on
 * the fly; the parser reads from that.  Whatever the parser leaves unread is
 * drained so the newline style and decoding damage are reported for the
 * whole file.
 */
#include "compat.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arc.h"
#include "buf.h"
#include "bundle.h"
#include "parse.h"
#include "sniff.h"
#include "text.h"
#include "xalloc.h"

void
bundle_opts_init(struct bundle_opts *o)
{
	o->max_file = BUNDLE_MAX_FILE;
	o->max_total = BUNDLE_MAX_TOTAL;
	o->max_entries = BUNDLE_MAX_ENTRIES;
	o->max_depth = BUNDLE_MAX_DEPTH;
	o->max_ratio = BUNDLE_MAX_RATIO;
	o->max_text = BUNDLE_MAX_TEXT;
	o->keep = NULL;
	o->skip_top = NULL;
}

struct intake {
	struct model *m;
	const struct bundle_opts *o;
	struct parse_opts po;
	uint64_t total;	       /* bytes read from all files */
	unsigned long entries; /* files seen */
	struct arc *arc;       /* the archive being read, if any */
	bool stop;	       /* a bundle-wide limit was hit */
	char *root_real;       /* directory bundles: realpath of the root */
};

/* A bundle-wide limit was hit: say so once and read no further. */
static void PRINTF_LIKE(2, 3) stop(struct intake *in, const char *fmt, ...)
{
	va_list ap;

	if (in->stop)
		return;
	in->stop = true;
	in->m->read_error = true; /* the report will be incomplete */
	va_start(ap, fmt);
	diag_vadd(&in->m->diags, DIAG_ERROR, 0, fmt, ap);
	va_end(ap);
}

/* Enforces the per-file and per-bundle caps on a raw stream. */
struct limstream {
	struct stream s;
	struct stream *raw;
	struct intake *in;
	uint64_t got;
	bool limited; /* a cap stopped the stream */
};

static long
lim_read(struct stream *s, void *buf, size_t n)
{
	struct limstream *ls = (struct limstream *)s;
	struct intake *in = ls->in;
	const struct bundle_opts *o = in->o;
	long r;

	if (ls->limited)
		return -1;
	r = ls->raw->read(ls->raw, buf, n);
	if (r < 0) {
		snprintf(s->err, sizeof(s->err), "%s", ls->raw->err);
		return -1;
	}
	ls->got += (uint64_t)r;
	in->total += (uint64_t)r;
	if (ls->got > o->max_file) {
		snprintf(s->err, sizeof(s->err),
		    "file larger than the limit of %llu bytes (--max-file-size)",
		    (unsigned long long)o->max_file);
		ls->limited = true;
		return -1;
	}
	if (in->total > o->max_total) {
		snprintf(s->err, sizeof(s->err),
		    "bundle larger than the limit of %llu bytes (--max-bundle-size)",
		    (unsigned long long)o->max_total);
		ls->limited = true;
		stop(in,
		    "bundle larger than %llu bytes (--max-bundle-size): "
		    "the rest was not read",
		    (unsigned long long)o->max_total);
		return -1;
	}
	if (in->arc != NULL && in->total > BUNDLE_RATIO_FLOOR &&
	    in->total / (arc_raw_bytes(in->arc) + 1) >= o->max_ratio) {
		snprintf(s->err, sizeof(s->err),
		    "archive expands more than %u times (a zip bomb?): stopped "
		    "reading it",
		    o->max_ratio);
		ls->limited = true;
		stop(in,
		    "archive expands more than %u times (a zip bomb?): "
		    "the rest was not read",
		    o->max_ratio);
		return -1;
	}
	return r;
}

/* Read and throw away the rest of a stream; -1 on a read error. */
static int
drain(struct stream *s)
{
	char *chunk = xmalloc(65536);
	long r;

	while ((r = s->read(s, chunk, 65536)) > 0)
		;
	free(chunk);
	return r < 0 ? -1 : 0;
}

/* Decode the sniffing window alone, for sniff_text(). */
static enum artifact_kind
sniff_window(const unsigned char *p, size_t n, struct text_format f)
{
	struct decoder d;
	struct buf b;
	enum artifact_kind k;

	decoder_init(&d, f);
	buf_init(&b, n * 3 + 16);
	if (decoder_feed(&d, p, n, &b) < 0)
		BUG("sniff window overflow");
	k = sniff_text(buf_str(&b), b.len);
	buf_release(&b);
	return k;
}

static const char *
archive_kind_name(enum sniff_archive k)
{
	switch (k) {
	case SNIFF_ZIP:
		return "zip";
	case SNIFF_GZIP:
		return "gzip";
	case SNIFF_TAR:
		return "tar";
	default:
		return "compressed";
	}
}

/*
 * One file of the bundle: sniff it, parse it, record what happened.
 * `raw` yields the file from its first byte; `size` is -1 when unknown.
 */
static void
intake_file(struct intake *in, const char *path, struct stream *raw,
    long long size, const char *fs_path)
{
	struct model *m = in->m;
	struct artifact *a;
	struct limstream ls;
	unsigned char *peek;
	long n;

	if (++in->entries > in->o->max_entries) {
		stop(in,
		    "more than %lu files (--max-files): the rest were not "
		    "read",
		    in->o->max_entries);
		return;
	}
	a = model_add_artifact(m, path);
	a->size = size >= 0 ? (unsigned long long)size : 0;
	if (size >= 0 && (uint64_t)size > in->o->max_file) {
		diag_add(&a->diags, DIAG_ERROR, 0,
		    "file is %lld bytes, over the limit of %llu "
		    "(--max-file-size): not read",
		    size, (unsigned long long)in->o->max_file);
		a->status = PARSE_FAILED;
		return;
	}
	memset(&ls, 0, sizeof(ls));
	ls.s.read = lim_read;
	ls.raw = raw;
	ls.in = in;
	peek = xmalloc(SNIFF_WINDOW);
	n = stream_read_full(&ls.s, peek, SNIFF_WINDOW);
	if (n < 0) {
		diag_add(&a->diags, DIAG_ERROR, 0, "cannot read: %s", ls.s.err);
		a->status = PARSE_FAILED;
		goto out;
	}
	if (n == 0) {
		a->encoding = "empty";
		diag_add(&a->diags, DIAG_NOTE, 0, "empty file");
		goto out;
	}
	if (sniff_evtx(peek, (size_t)n)) {
		struct prestream ps;

		a->kind = KIND_EVTX;
		prestream_init(&ps, peek, (size_t)n, &ls.s);
		a->status =
		    parse_binary_artifact(m, a, &ps.s, fs_path, &in->po);
		if (drain(&ps.s) < 0)
			diag_add(&a->diags, DIAG_ERROR, 0, "cannot read: %s",
			    ps.s.err);
	} else if (sniff_archive(peek, (size_t)n) != SNIFF_NOT_ARCHIVE) {
		diag_add(&a->diags, DIAG_NOTE, 0,
		    "%s archive inside the bundle: not opened (extract it "
		    "and add its files to the bundle)",
		    archive_kind_name(sniff_archive(peek, (size_t)n)));
	} else {
		struct text_format f = text_detect(peek, (size_t)n);
		struct prestream ps;
		struct textstream ts;

		a->encoding = text_format_name(f);
		if (f.enc == TEXT_BINARY)
			goto out;
		a->kind = sniff_window(peek, (size_t)n, f);
		prestream_init(&ps, peek, (size_t)n, &ls.s);
		textstream_init(&ts, &ps.s, f);
		if (a->kind != KIND_UNKNOWN)
			a->status = parse_text_artifact(m, a, &ts.s, &in->po);
		if (drain(&ts.s) < 0) {
			diag_add(&a->diags, DIAG_ERROR, 0, "cannot read: %s",
			    ts.s.err);
			if (a->status == PARSE_OK)
				a->status = PARSE_PARTIAL;
		}
		a->newline = decoder_newline_name(&ts.dec);
		decoder_report(&ts.dec, &a->diags);
		textstream_release(&ts);
	}
	if (size < 0)
		a->size = ls.got;
out:
	free(peek);
}

/* Directory bundles. */

static bool
os_metadata(const char *name)
{
	return strcmp(name, ".DS_Store") == 0 || strncmp(name, "._", 2) == 0 ||
	    strcmp(name, "Thumbs.db") == 0 || strcmp(name, "desktop.ini") == 0;
}

static int
cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void walk_dir(struct intake *in, const char *dir, const char *rel,
    unsigned depth);

/* true when the resolved `real` lies inside the bundle root. */
static bool
inside_root(const struct intake *in, const char *real)
{
	size_t n = strlen(in->root_real);

	return strncmp(real, in->root_real, n) == 0 &&
	    (real[n] == '/' || real[n] == '\0' ||
		(n > 0 && in->root_real[n - 1] == '/'));
}

static void
walk_file(struct intake *in, const char *fs, const char *rel)
{
	struct fdstream fds;
	struct stat st;
	int fd;

	fd = open(fs, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		struct artifact *a = model_add_artifact(in->m, rel);

		a->status = PARSE_FAILED;
		diag_add(&a->diags, DIAG_ERROR, 0, "cannot open: %s",
		    fd < 0 ? strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		return;
	}
	fdstream_init(&fds, fd);
	intake_file(in, rel, &fds.s, (long long)st.st_size, fs);
	close(fd);
}

static void
walk_entry(struct intake *in, const char *dir, const char *rel,
    const char *name, unsigned depth)
{
	struct buf fs, r;
	struct stat st;

	buf_init(&fs, PATH_MAX * 4);
	buf_init(&r, PATH_MAX * 4);
	if (buf_printf(&fs, "%s/%s", dir, name) < 0 ||
	    buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", name) < 0) {
		diag_add(&in->m->diags, DIAG_WARNING, 0,
		    "path too long under '%s': skipped", rel);
		goto out;
	}
	if (lstat(fs.data, &st) < 0) {
		diag_add(&in->m->diags, DIAG_WARNING, 0, "cannot stat '%s': %s",
		    r.data, strerror(errno));
		goto out;
	}
	if (S_ISLNK(st.st_mode)) {
		char *real = realpath(fs.data, NULL);

		if (real == NULL || !inside_root(in, real)) {
			diag_add(&in->m->diags, DIAG_WARNING, 0,
			    "symbolic link '%s' points outside the bundle: "
			    "not followed",
			    r.data);
			free(real);
			goto out;
		}
		free(real);
		if (stat(fs.data, &st) < 0 || S_ISDIR(st.st_mode)) {
			diag_add(&in->m->diags, DIAG_NOTE, 0,
			    "symbolic link '%s' to a directory: not followed",
			    r.data);
			goto out;
		}
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth + 1 > in->o->max_depth)
			diag_add(&in->m->diags, DIAG_WARNING, 0,
			    "directory '%s' nested deeper than %u: skipped",
			    r.data, in->o->max_depth);
		else
			walk_dir(in, fs.data, r.data, depth + 1);
	} else if (S_ISREG(st.st_mode)) {
		walk_file(in, fs.data, r.data);
	} else {
		diag_add(&in->m->diags, DIAG_NOTE, 0,
		    "'%s' is not a regular file: skipped", r.data);
	}
out:
	buf_release(&fs);
	buf_release(&r);
}

static void
walk_dir(struct intake *in, const char *dir, const char *rel, unsigned depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0;

	if (d == NULL) {
		if (*rel == '\0') {
			diag_add(&in->m->diags, DIAG_ERROR, 0,
			    "cannot open '%s': %s", in->m->name,
			    strerror(errno));
			in->m->read_error = true;
		} else {
			diag_add(&in->m->diags, DIAG_WARNING, 0,
			    "cannot open directory '%s': %s", rel,
			    strerror(errno));
		}
		return;
	}
	/* Sorted, so that the same bundle always yields the same order. */
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 || os_metadata(de->d_name))
			continue;
		if (depth == 0 && in->o->skip_top != NULL &&
		    strcmp(de->d_name, in->o->skip_top) == 0)
			continue;
		xgrow((void **)&names, &alloc, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		if (!in->stop)
			walk_entry(in, dir, rel, names[i], depth);
		free(names[i]);
	}
	free(names);
}

/* Archive bundles. */

/*
 * Entry names are shown, never opened, but they still come from a stranger:
 * backslashes become slashes, "", "." and ".." components and leading
 * slashes or drive letters are dropped, control characters become '?'.
 * Returns true when the name had to be changed for safety.
 */
static bool
clean_entry_name(const char *name, struct buf *out)
{
	const char *p = name;
	bool changed = false;

	if (((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) &&
	    p[1] == ':') {
		p += 2;
		changed = true;
	}
	while (*p != '\0') {
		const char *start, *end;
		size_t len;

		while (*p == '/' || *p == '\\') {
			if (p == name)
				changed = true;
			p++;
		}
		start = p;
		while (*p != '\0' && *p != '/' && *p != '\\')
			p++;
		end = p;
		len = (size_t)(end - start);
		if (len == 0 || (len == 1 && start[0] == '.'))
			continue;
		if (len == 2 && start[0] == '.' && start[1] == '.') {
			changed = true;
			continue;
		}
		if (out->len > 0 && buf_addc(out, '/') < 0)
			return true;
		for (const char *c = start; c < end; c++)
			if (buf_addc(out,
				(unsigned char)*c < 0x20 || *c == 0x7f ?
				    '?' :
				    *c) < 0)
				return true;
	}
	return changed;
}

static bool
archive_metadata(const char *clean)
{
	const char *base = strrchr(clean, '/');

	if (strncmp(clean, "__MACOSX/", 9) == 0 ||
	    strcmp(clean, "__MACOSX") == 0)
		return true;
	return os_metadata(base != NULL ? base + 1 : clean);
}

/*
 * Archives made with "zip -r bundle.zip bundle/" put every file under one
 * folder; drop it so the inventory matches that of the folder itself.
 */
static void
strip_common_folder(struct model *m, size_t first)
{
	const char *p0, *slash;
	size_t plen;

	if (m->nartifacts <= first)
		return;
	p0 = m->artifacts[first]->path;
	slash = strchr(p0, '/');
	if (slash == NULL)
		return;
	plen = (size_t)(slash - p0) + 1;
	for (size_t i = first; i < m->nartifacts; i++)
		if (strncmp(m->artifacts[i]->path, p0, plen) != 0)
			return;
	for (size_t i = first; i < m->nartifacts; i++)
		m->artifacts[i]->path += plen;
	/* Records borrow their artifact's path: point them at the new one. */
	for (int t = 0; t < REC__COUNT; t++)
		for (size_t i = 0; i < m->recs[t].n; i++) {
			struct rec *r = m->recs[t].v[i];

			if (r->artifact != NULL)
				r->pos.path = r->artifact->path;
		}
}

static void
walk_archive(struct intake *in, struct arc *ar, const char *display)
{
	struct model *m = in->m;
	struct arc_entry e;
	size_t first = m->nartifacts;
	int r;

	in->arc = ar;
	while (!in->stop && (r = arc_next(ar, &e)) > 0) {
		struct buf name;

		buf_init(&name, PATH_MAX * 4);
		if (clean_entry_name(e.name, &name))
			diag_add(&m->diags, DIAG_WARNING, 0,
			    "archive entry '%s' has an unsafe path: shown as "
			    "'%s'",
			    name.len > 0 ? e.name : "?", buf_str(&name));
		if (name.len == 0 || archive_metadata(name.data)) {
			buf_release(&name);
			continue;
		}
		switch (e.type) {
		case ARC_FILE:
			if (e.encrypted) {
				struct artifact *a =
				    model_add_artifact(m, name.data);

				a->status = PARSE_FAILED;
				diag_add(&a->diags, DIAG_ERROR, 0,
				    "encrypted archive entry: not read "
				    "(send the bundle without a password)");
				break;
			}
			intake_file(in, name.data, arc_data(ar), e.size, NULL);
			break;
		case ARC_DIR:
			break;
		case ARC_SYMLINK:
		case ARC_HARDLINK:
			diag_add(&m->diags, DIAG_WARNING, 0,
			    "archive entry '%s' is a %s link: not followed",
			    name.data,
			    e.type == ARC_SYMLINK ? "symbolic" : "hard");
			break;
		case ARC_OTHER:
			diag_add(&m->diags, DIAG_NOTE, 0,
			    "archive entry '%s' is not a regular file: "
			    "skipped",
			    name.data);
			break;
		}
		buf_release(&name);
	}
	if (!in->stop && r < 0) {
		diag_add(&m->diags, DIAG_ERROR, 0,
		    "cannot read archive '%s': %s", display, arc_error(ar));
		m->read_error = true;
	}
	in->arc = NULL;
	strip_common_folder(m, first);
}

static const char *
basename_of(const char *path)
{
	const char *end = path + strlen(path);
	const char *p;

	while (end > path && end[-1] == '/')
		end--;
	for (p = end; p > path && p[-1] != '/'; p--)
		;
	return p < end ? p : path;
}

/* Read all of stdin into memory, at most max bytes. */
static int
slurp_stdin(struct buf *b, struct model *m, uint64_t max)
{
	struct fdstream fds;
	char *chunk = xmalloc(65536);
	long r;
	int ret = 0;

	fdstream_init(&fds, STDIN_FILENO);
	while ((r = fds.s.read(&fds.s, chunk, 65536)) > 0) {
		if (b->len + (uint64_t)r > max ||
		    buf_add(b, chunk, (size_t)r) < 0) {
			diag_add(&m->diags, DIAG_ERROR, 0,
			    "standard input larger than %llu bytes "
			    "(--max-file-size): not read",
			    (unsigned long long)max);
			ret = -1;
			break;
		}
	}
	if (r < 0) {
		diag_add(&m->diags, DIAG_ERROR, 0,
		    "cannot read standard input: %s", fds.s.err);
		ret = -1;
	}
	free(chunk);
	return ret;
}

/* The archive formats we open as bundles (not bzip2/xz/7z/rar/cab). */
static bool
openable_archive(enum sniff_archive k)
{
	return k == SNIFF_ZIP || k == SNIFF_GZIP || k == SNIFF_TAR;
}

/* A bundle held in memory: an archive, or else one file called `name`. */
static void
load_buffer(struct intake *in, const char *name, const void *p, size_t n)
{
	if (openable_archive(sniff_archive(p, n))) {
		struct arc *ar = arc_open_mem(p, n);

		in->m->source = "archive";
		walk_archive(in, ar, name);
		arc_close(ar);
	} else {
		struct memstream ms;

		memstream_init(&ms, p, n);
		intake_file(in, name, &ms.s, (long long)n, NULL);
	}
}

static void
load_stdin(struct intake *in)
{
	struct model *m = in->m;
	struct buf b;

	m->source = "stdin";
	buf_init(&b, SIZE_MAX / 2);
	if (slurp_stdin(&b, m, in->o->max_file) < 0)
		m->read_error = true;
	else
		load_buffer(in, "-", buf_str(&b), b.len);
	buf_release(&b);
}

static void
load_file(struct intake *in, const char *input, int fd, const struct stat *st)
{
	struct model *m = in->m;
	unsigned char magic[512];
	ssize_t n;

	n = pread(fd, magic, sizeof(magic), 0);
	if (n < 0) {
		diag_add(&m->diags, DIAG_ERROR, 0, "cannot read '%s': %s",
		    input, strerror(errno));
		m->read_error = true;
		return;
	}
	if (openable_archive(sniff_archive(magic, (size_t)n))) {
		struct arc *ar = arc_open_file(input);

		m->source = "archive";
		walk_archive(in, ar, input);
		arc_close(ar);
	} else {
		struct fdstream fds;

		m->source = "file";
		fdstream_init(&fds, fd);
		intake_file(in, basename_of(input), &fds.s,
		    (long long)st->st_size, input);
	}
}

static void
intake_init(struct intake *in, const char *input, const struct bundle_opts *o)
{
	memset(in, 0, sizeof(*in));
	in->m = model_new(input);
	in->o = o;
	in->po.max_text = o->max_text;
	in->po.keep = o->keep;
}

struct model *
bundle_load_mem(const char *name, const void *p, size_t n,
    const struct bundle_opts *o)
{
	struct intake in;

	intake_init(&in, name, o);
	in.m->source = "memory";
	load_buffer(&in, name, p, n);
	model_finish(in.m);
	return in.m;
}

struct model *
bundle_load(const char *input, const struct bundle_opts *o)
{
	struct intake in;
	struct stat st;
	int fd;

	intake_init(&in, input, o);
	if (strcmp(input, "-") == 0) {
		load_stdin(&in);
		goto done;
	}
	fd = open(input, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) < 0) {
		diag_add(&in.m->diags, DIAG_ERROR, 0, "cannot open '%s': %s",
		    input, strerror(errno));
		in.m->read_error = true;
		if (fd >= 0)
			close(fd);
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		in.m->source = "directory";
		in.root_real = realpath(input, NULL);
		if (in.root_real == NULL)
			in.root_real = xstrdup(input);
		walk_dir(&in, input, "", 0);
		free(in.root_real);
	} else if (S_ISREG(st.st_mode)) {
		load_file(&in, input, fd, &st);
		close(fd);
	} else {
		diag_add(&in.m->diags, DIAG_ERROR, 0,
		    "cannot read '%s': not a file or directory", input);
		in.m->read_error = true;
		close(fd);
	}
done:
	model_finish(in.m);
	return in.m;
}
