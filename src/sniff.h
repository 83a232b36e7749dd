/*
 * Content sniffing: which kind of artifact a file is, from its first bytes.
 * Customers rename files ("netsh.txt", "output (2).txt", "log.xml"), so the
 * name is never consulted.
 */
#ifndef SSLSIFT_SNIFF_H
#define SSLSIFT_SNIFF_H

#include <stddef.h>

#include "model.h"

/* How much of a file sniffing looks at (raw bytes). */
#define SNIFF_WINDOW 32768

/* Archive formats we recognise by magic (to say they are not opened). */
enum sniff_archive {
	SNIFF_NOT_ARCHIVE,
	SNIFF_ZIP,
	SNIFF_GZIP,
	SNIFF_TAR,
	SNIFF_OTHER_ARCHIVE, /* bzip2, xz, 7z, rar, cab */
};

/* The kind of archive raw starts with, if any. */
enum sniff_archive sniff_archive(const unsigned char *raw, size_t n);

/* true when raw starts with the .evtx file header magic "ElfFile\0". */
bool sniff_evtx(const unsigned char *raw, size_t n);

/*
 * The kind of a text artifact, from its decoded beginning (UTF-8, LF
 * newlines, NUL-terminated at data[n]).  Each kind scores the evidence it
 * recognises; the best score above a threshold wins, and KIND_UNKNOWN when
 * nothing is convincing.
 */
enum artifact_kind sniff_text(const char *text, size_t n);

#endif /* SSLSIFT_SNIFF_H */
