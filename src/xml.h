/*
 * The libxml2 adapter.  Only this file's implementation includes
 * <libxml/...>; the parsers see callbacks with plain C strings.
 *
 * A struct xml_parser is a streaming SAX parser over libxml2's push
 * interface: the caller feeds it decoded UTF-8 in pieces of any size and
 * gets one callback per start tag, end tag and run of character data, so
 * memory does not grow with the input.  The options are set here once and
 * for every parser:
 *
 *   - the input is taken as UTF-8 whatever an XML declaration says
 *     (the bundle reader has already decoded it); libxml2 never switches
 *     encodings;
 *   - no network, no DTD loading, no entity substitution, no external
 *     entity of any kind (an entity loader that refuses is installed at
 *     xml_init()), and entity declarations are not even recorded, so a
 *     reference to anything but the five predefined entities and
 *     character references is an error, never an expansion;
 *   - libxml2's size and depth limits stay on (no XML_PARSE_HUGE): a name
 *     longer than 50,000 bytes or nesting deeper than 256 elements stops
 *     the parser with an error instead of growing a stack;
 *   - errors go to the parser's own callback with a line number, never to
 *     stderr or to a process-wide handler.
 *
 * A fatal error (a well-formedness error) stops the parser for good: every
 * later xml_parser_feed() returns -1 at once.  A caller that wants to read
 * on (an event export, say) frees it and starts a new one where it can
 * resynchronise, passing the line number the new input starts at.
 */
#ifndef SSLSIFT_XML_H
#define SSLSIFT_XML_H

#include <stdbool.h>
#include <stddef.h>

/* Once per process, before any parsing, and once at exit. */
void xml_init(void);
void xml_cleanup(void);

struct xml_attr {
	const char *name;  /* local name (any prefix dropped), terminated */
	const char *value; /* NOT terminated: value[0..len); entities and
			      character references already replaced */
	size_t len;
};

enum xml_severity {
	XML_SEVERITY_WARNING, /* e.g. a relative namespace URI */
	XML_SEVERITY_ERROR,   /* recoverable: parsing goes on */
	XML_SEVERITY_FATAL,   /* not well-formed: the parser has stopped */
};

/*
 * Callbacks; any of them may be NULL.  Strings are borrowed for the
 * duration of the call only.  `line` is a line of the input as the caller
 * numbers it (see xml_parser_new()); for a start tag it is the line where
 * the tag ends.  Character data may arrive in several pieces.
 */
struct xml_handler {
	void (*start)(void *u, const char *name, const struct xml_attr *attr,
	    size_t nattr, unsigned long line);
	void (*end)(void *u, const char *name);
	void (*text)(void *u, const char *s, size_t n);
	/* msg: libxml2's message, one line, without its newline */
	void (*error)(void *u, enum xml_severity sev, unsigned long line,
	    const char *msg);
};

struct xml_parser;

/*
 * A new parser.  `h` and `u` are borrowed and must outlive it; `first_line`
 * is the number the caller gives to the first line of what it will feed
 * (1 for a whole file).
 */
struct xml_parser *xml_parser_new(const struct xml_handler *h, void *u,
    unsigned long first_line);
/* NULL is a no-op. */
void xml_parser_free(struct xml_parser *p);

/*
 * Parse n more bytes (callbacks run from inside).  Returns 0, or -1 once
 * the parser has stopped on a fatal error or by xml_parser_stop().
 */
int xml_parser_feed(struct xml_parser *p, const char *s, size_t n);
/* End of input: reports an unclosed element, say.  Same return. */
int xml_parser_finish(struct xml_parser *p);
/* Stop from inside a callback (a caller's own limit was reached). */
void xml_parser_stop(struct xml_parser *p);
/* true after a fatal error or xml_parser_stop(). */
bool xml_parser_failed(const struct xml_parser *p);
/* Current line, numbered as the caller numbers them. */
unsigned long xml_parser_line(const struct xml_parser *p);

#endif /* SSLSIFT_XML_H */
