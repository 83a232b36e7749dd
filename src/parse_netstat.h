/*
 * The parser for `netstat -ano` / `netstat -anob` output (kind "netstat").
 */
#ifndef SSLSIFT_PARSE_NETSTAT_H
#define SSLSIFT_PARSE_NETSTAT_H

#include "model.h"
#include "text.h"

/*
 * Parse the text of a Windows `netstat` socket listing (any of -a, -n, -o,
 * -b, English or localised, pasted, paged or filtered) into REC_SOCKET
 * records of `m` from artifact `a`.
 *
 * `t` is decoded UTF-8 with LF line ends and the original line numbers;
 * nothing in it is kept after return.  Rows are recognised by their shape,
 * never by the (localised) header.  Problems go to a->diags.  Returns
 * PARSE_OK when every line was understood, PARSE_PARTIAL when rows were
 * added but something was skipped or left out (elisions, damaged rows),
 * PARSE_FAILED with an error diagnostic when there is no socket row at all.
 * Any byte content is safe: the work is linear in the size of `t`.
 */
enum parse_status parse_netstat(struct model *m, struct artifact *a,
    const struct text *t);

#endif /* SSLSIFT_PARSE_NETSTAT_H */
