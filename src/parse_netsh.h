/*
 * The http.sys configuration listings: `netsh http show sslcert` (every
 * Windows version from 2008 R2 to 2025, English or a localisation in the
 * label table), `netsh http show iplisten`, and the Windows Server 2003
 * `httpcfg query ssl` / `httpcfg query iplisten`.
 */
#ifndef SSLSIFT_PARSE_NETSH_H
#define SSLSIFT_PARSE_NETSH_H

#include "model.h"
#include "text.h"

/*
 * Parse the decoded text `t` of artifact `a` into REC_SSLCERT and
 * REC_IPLISTEN records of `m`; diagnostics go to a->diags.
 *
 * Any bytes are safe: the work is linear in the size of `t` and nothing of
 * `t` is kept after return.  Returns PARSE_OK when every line was
 * understood (an empty listing is fine), PARSE_PARTIAL when records were
 * read but some of the text was damaged (a cut record, an elision, field
 * lines without their record header), PARSE_FAILED with an error
 * diagnostic when no listing could be read at all.
 */
enum parse_status parse_netsh(struct model *m, struct artifact *a,
    const struct text *t);

#endif /* SSLSIFT_PARSE_NETSH_H */
