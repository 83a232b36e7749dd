/*
 * Parser dispatch: hand a sniffed artifact to the parser for its kind.
 *
 * Line-oriented parsers (netsh, netstat, certutil, reg) and the
 * applicationHost.config parser take the whole decoded text, read up to
 * parse_opts.max_text bytes.  The event-export parser reads the decoded
 * stream as it goes, so a 1 GB export costs megabytes.  Each parser fills
 * the model, writes diagnostics into the artifact and returns its status;
 * none of them prints or exits.
 */
#ifndef SSLSIFT_PARSE_H
#define SSLSIFT_PARSE_H

#include <stddef.h>

#include "evfilter.h"
#include "model.h"
#include "stream.h"
#include "text.h"

struct parse_opts {
	size_t max_text;	     /* cap for artifacts read whole */
	const struct evfilter *keep; /* events kept as records; NULL: default */
};

/*
 * Parse the decoded text stream `in` (UTF-8, LF newlines) of artifact a,
 * whose kind is already set.  Returns the parser's status, PARSE_NONE for
 * kinds without a text parser.
 */
enum parse_status parse_text_artifact(struct model *m, struct artifact *a,
    struct stream *in, const struct parse_opts *po);

/*
 * Parse a binary artifact (.evtx).  `raw` yields the file's bytes from the
 * start; `fs_path` is the file on disk when there is one, else NULL.  The
 * .evtx reader does not use it: it reads any log front to back, one chunk
 * at a time, in the same little memory (see evtx.h), so a log on disk, in
 * an archive or on standard input is read the same way.
 */
enum parse_status parse_binary_artifact(struct model *m, struct artifact *a,
    struct stream *raw, const char *fs_path, const struct parse_opts *po);

/*
 * The parsers.  Each fills `m` with the records of its kind for artifact
 * `a`, puts what it could not read in a->diags and returns its status.
 * The input is decoded UTF-8 with LF newlines and the file's own line
 * numbers; nothing of it is kept after return.
 */

/* applicationHost.config: sites, bindings, customMetadata, access. */
enum parse_status parse_apphost(struct model *m, struct artifact *a,
    const struct text *t);

/*
 * Event exports, read as a stream of any length: the events `keep` (NULL:
 * evfilter_default()) selects become records, the rest are counted.
 */
enum parse_status parse_events(struct model *m, struct artifact *a,
    struct stream *in, const struct evfilter *keep);

#endif /* SSLSIFT_PARSE_H */
