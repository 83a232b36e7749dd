/*
 * A quick reader for the System part of an event's XML text.
 *
 * Most events of a big log are only counted, by provider and id, and
 * libxml2 would spend most of the time reading them in full.  So the
 * event-export parser first reads each event's System element here, when
 * it has the plain shape Windows writes: "<Event ...><System>" then
 * elements without namespace prefixes, comments, CDATA or character
 * references, within EVQUICK_MAX bytes.  If the filter does not keep the
 * event, it is counted from these values and never reaches libxml2;
 * anything unusual, and every event that is kept, goes to libxml2.
 *
 * The values are read the way libxml2 and the event builder read them
 * (the five predefined entities replaced, tabs and newlines in attribute
 * values made spaces, blanks around trimmed), so the counts come out the
 * same either way.  What is not checked is the well-formedness of the rest
 * of a counted event.
 */
#ifndef SSLSIFT_EVQUICK_H
#define SSLSIFT_EVQUICK_H

#include <stdbool.h>
#include <stddef.h>

#define EVQUICK_MAX 4096  /* bytes of an event looked at */
#define EVQUICK_VALUE 256 /* longest value taken, with its NUL */

enum evquick_field {
	EVQUICK_PROVIDER, /* Provider/@Name */
	EVQUICK_SOURCE,	  /* Provider/@EventSourceName */
	EVQUICK_COMPUTER, /* Computer */
	EVQUICK_ID,	  /* EventID text, to be read with event_int() */
	EVQUICK__COUNT,
};

struct evquick {
	char v[EVQUICK__COUNT][EVQUICK_VALUE];
	bool has[EVQUICK__COUNT]; /* v[i] holds a value */
};

/*
 * Read the System part of the event text s[0..n), which starts with
 * "<Event".  true with q filled (has[] false for what is absent); false
 * when the event must be read by libxml2.  Reads at most EVQUICK_MAX bytes.
 */
bool evquick_system(const char *s, size_t n, struct evquick *q);

#endif /* SSLSIFT_EVQUICK_H */
