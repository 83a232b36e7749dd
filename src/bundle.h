/*
 * Bundle intake: one INPUT (a directory, a .zip/.tar/.tar.gz archive, a
 * single file, or "-" for stdin) becomes one model.
 *
 * Every file is sniffed by content, decoded and handed to its parser as a
 * stream; archives are read in memory and nothing is written to disk.  A
 * file that cannot be read, is too large or is damaged gets diagnostics and
 * the rest of the bundle is still analysed.
 */
#ifndef SSLSIFT_BUNDLE_H
#define SSLSIFT_BUNDLE_H

#include <stdint.h>

#include "evfilter.h"
#include "model.h"

struct bundle_opts {
	uint64_t max_file;	   /* bytes per file */
	uint64_t max_total;	   /* bytes per bundle, all files together */
	unsigned long max_entries; /* files per bundle */
	unsigned max_depth;	   /* directory nesting */
	unsigned max_ratio;	   /* archive expansion (uncompressed/stored) */
	size_t max_text;	   /* text read whole for line parsers */
	const struct evfilter *keep; /* events kept as records; NULL: default */
	/* A file at the top of a directory bundle that is not part of it
	 * (sslsift test's expectation file); NULL: none. */
	const char *skip_top;
};

/* Defaults, documented in sslsift(1) under LIMITS. */
#define BUNDLE_MAX_FILE (4ULL << 30)
#define BUNDLE_MAX_TOTAL (16ULL << 30)
#define BUNDLE_MAX_ENTRIES 10000UL
#define BUNDLE_MAX_DEPTH 32U
#define BUNDLE_MAX_RATIO 250U
#define BUNDLE_MAX_TEXT ((size_t)64 << 20)
/* Archives expanding less than this are not held to the ratio. */
#define BUNDLE_RATIO_FLOOR (16ULL << 20)

void bundle_opts_init(struct bundle_opts *o);

/*
 * Read one input into a new model (never NULL; free with model_free()).
 * When the input itself cannot be opened or read to the end, m->read_error
 * is set and m->diags says why; whatever was read is still in the model.
 * The model is finished (model_finish()) on return.
 */
struct model *bundle_load(const char *input, const struct bundle_opts *o);

/*
 * The same for a bundle already in memory (p, n), borrowed: an archive, or
 * else one file named `name`.  For tests and fuzzing.
 */
struct model *bundle_load_mem(const char *name, const void *p, size_t n,
    const struct bundle_opts *o);

#endif /* SSLSIFT_BUNDLE_H */
