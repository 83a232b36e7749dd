/*
 * The System values of an .evtx record, read from its binary XML.
 *
 * Most records of a big log are only counted, by provider and event id,
 * and decoding a record with libevtx costs almost as much as rendering it:
 * it builds the record's whole XML tree in many small allocations.  So the
 * .evtx reader first reads here, straight from the chunk's bytes, the
 * values libevtx's record API would give (evtx.h, struct evtx_quick), and
 * a record the filter does not keep is counted from them without libevtx.
 *
 * A record is binary XML: a fragment holding a template instance, that is
 * a template (the element tree with numbered holes, defined in the chunk
 * the first time it is used and referred to by offset after that) and the
 * values that fill the holes.  The reader walks the whole template and
 * checks every value, so that what it accepts is what libevtx decodes,
 * and gives up (false) at the first thing it was not written for: a token,
 * a value type or size, a field made of several parts or of an empty
 * value, an offset outside the chunk.  Giving up is always safe, since
 * libevtx then decodes the record.
 *
 * Nothing is allocated; every offset is checked against the chunk.
 */
#ifndef SSLSIFT_BINXML_H
#define SSLSIFT_BINXML_H

#include <stdbool.h>
#include <stdint.h>

#define BINXML_VALUE 256 /* longest value taken, with its NUL */

struct binxml_system {
	/* EventSourceName when the Provider has one, else its Name */
	char name[BINXML_VALUE];
	char computer[BINXML_VALUE]; /* Computer, as stored */
	long long id;		     /* EventID */
	bool qualifiers;	     /* EventID has a Qualifiers attribute */
};

/*
 * Read the record at offset `off` of the EVTX_CHUNK_SIZE bytes of chunk
 * c.  true with s filled; false when libevtx must read the record.
 */
bool binxml_system(const unsigned char *c, uint32_t off,
    struct binxml_system *s);

#endif /* SSLSIFT_BINXML_H */
