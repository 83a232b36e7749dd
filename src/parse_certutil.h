/*
 * The certutil parser: certificate listings printed by `certutil -store`,
 * `certutil -v -store`, `certutil -dump` (of a .cer, .pfx or .p12),
 * `certutil -repairstore`, `certutil -exportPFX` and `certutil -scinfo`,
 * in English and the localisations it knows (German, French, Chinese).
 */
#ifndef SSLSIFT_PARSE_CERTUTIL_H
#define SSLSIFT_PARSE_CERTUTIL_H

#include "model.h"
#include "text.h"

/*
 * Parse the decoded text `t` (UTF-8, LF newlines, original line numbers)
 * of artifact `a` into REC_CERT records of `m`, one per certificate, and
 * diagnostics of `a`.  Nothing in `t` is kept after return.
 *
 * Returns PARSE_OK when every line was understood (prompts, command echoes,
 * password prompts and the "CertUtil: ... completed successfully" trailer
 * included), PARSE_PARTIAL when records were added but something was
 * damaged (a certificate cut off, lines run together, an elision, an
 * unrecognised line inside a certificate), and PARSE_FAILED when nothing
 * usable was found (the command failed, or the text holds no certificate
 * listing).  An empty store listing (a store header and the trailer, no
 * certificate) is PARSE_OK with no record.
 *
 * Any byte content is safe: the text is scanned once, line by line, with
 * no recursion; records, lists and joined names have caps.
 */
enum parse_status parse_certutil(struct model *m, struct artifact *a,
    const struct text *t);

#endif /* SSLSIFT_PARSE_CERTUTIL_H */
