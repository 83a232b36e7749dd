/*
 * Binary Windows event logs (.evtx): System.evtx as Windows keeps it, or
 * as `wevtutil epl`, Event Viewer's "Save All Events As" and the Microsoft
 * collectors (LogCatcher, TSS) copy it.
 */
#ifndef SSLSIFT_PARSE_EVTX_H
#define SSLSIFT_PARSE_EVTX_H

#include "evfilter.h"
#include "model.h"
#include "stream.h"

/*
 * Read the .evtx log that `raw` yields from its first byte (front to back,
 * once; any length) into REC_EVENT records of `m` for the events `keep`
 * (NULL: evfilter_default()) selects, and counts of the others, for
 * artifact `a`; diagnostics go to a->diags.
 *
 * Records are those the event-export parser makes from the XML
 * `evtxexport -f xml` writes for the same log, but for format "evtx" and
 * line 0.  Returns PARSE_OK; PARSE_PARTIAL when records or chunks could
 * not be read (counted in a->events_skipped and reported); PARSE_FAILED
 * with an error diagnostic when no event could be read at all, or when
 * this build has no libevtx.  Memory does not grow with the log.
 */
enum parse_status parse_evtx(struct model *m, struct artifact *a,
    struct stream *raw, const struct evfilter *keep);

#endif /* SSLSIFT_PARSE_EVTX_H */
