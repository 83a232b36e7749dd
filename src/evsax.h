/*
 * The element walk that turns libxml2's SAX callbacks for events into
 * event builder calls (event.h).  Both readers that hand event XML to
 * libxml2 use it: the event-export parser (parse_events.c) for the text a
 * customer exported, and the .evtx reader (parse_evtx.c) for libevtx's
 * rendering of a record, which is the very text `evtxexport -f xml`
 * prints.  One walk for both is what makes an .evtx and its XML export give
 * identical records.
 *
 * The reader feeds libxml2 a synthetic root element and, inside it, the
 * events: depth 1 is that root, depth 2 an Event.  An element at depth 2
 * that is not an Event, or a second Event in one region, is ignored with
 * everything below it.
 */
#ifndef SSLSIFT_EVSAX_H
#define SSLSIFT_EVSAX_H

#include <stdbool.h>
#include <stddef.h>

#include "event.h"
#include "xml.h"

struct evsax {
	struct event_builder *eb; /* borrowed */
	unsigned depth;		  /* 1: the reader's root, 2: Event */
	bool ignore;		  /* inside a stray element at depth 2 */
	bool began, ended;	  /* this region's Event started / ended */

	/* what event_begin() is told when the Event starts */
	unsigned long line;
	const char *format;
	const char *msg; /* a message found outside the XML, or NULL */
	size_t msglen;
};

/*
 * A new region: the next Event element met starts at `line` (0: no lines)
 * with `format` (static) and the outside message msg[0..msglen) (NULL:
 * none; borrowed until the Event starts).  The depth is left alone: it
 * belongs to the libxml2 parser, which may outlive a region.
 */
void evsax_region(struct evsax *s, unsigned long line, const char *format,
    const char *msg, size_t msglen);

/* The three callbacks, to be called from the reader's own. */
void evsax_start(struct evsax *s, const char *name, const struct xml_attr *attr,
    size_t nattr);
void evsax_end(struct evsax *s);
void evsax_text(struct evsax *s, const char *text, size_t n);

#endif /* SSLSIFT_EVSAX_H */
