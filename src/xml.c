/*
 * libxml2 behind one door.  Everything here is about keeping the library's
 * habits out of the rest of the program: its global error handlers, its
 * entity machinery, its encoding switches and its tree.
 *
 * The SAX handler is ours from scratch (not xmlSAX2InitDefaults()), so the
 * callbacks that would build a tree, resolve entities or fetch an external
 * subset simply do not exist: libxml2 checks each pointer before calling
 * it, and looks entities up only through getEntity (ours: none) or, when
 * the user data is the context itself (ours is not), in its own tables.
 * That is what makes entity declarations inert even inside an internal
 * DTD subset.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "xalloc.h"
#include "xml.h"

/* libxml2 2.12 made the structured error a pointer to const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_ptr;
#else
typedef xmlError *xml_error_ptr;
#endif

struct xml_parser {
	xmlParserCtxtPtr ctxt;
	const struct xml_handler *h;
	void *u;
	unsigned long base; /* added to libxml2's 1-based line numbers */
	bool failed;
	unsigned depth;
	struct xml_attr *attr; /* scratch for start tags */
	size_t attr_alloc;
	char *val; /* scratch for attribute values that needed unescaping */
	size_t val_alloc;
};

/*
 * The push parser keeps its element stack on the heap and, unlike the pull
 * parser, does not apply xmlParserMaxDepth: a million nested start tags
 * would grow it to gigabytes.  We count and stop at the same limit.
 */
#define XML_MAX_DEPTH 256

/* Every external entity, DTD or XInclude libxml2 might want: refused. */
static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void
xml_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
}

void
xml_cleanup(void)
{
	xmlCleanupParser();
}

static unsigned long
cur_line(const struct xml_parser *p)
{
	long l = p->ctxt->input != NULL ? p->ctxt->input->line : 0;

	return (unsigned long)(l > 0 ? l : 1) + p->base;
}

/*
 * Without entity substitution libxml2 hands an attribute value's '&' (from
 * "&amp;" or "&#38;") back as "&#38;", so that a tree would serialise it
 * again; every other reference is already replaced.  Since a bare '&'
 * cannot come through otherwise, turning each "&#38;" back into '&' gives
 * the value as written.
 */
static void
unescape_amp(struct xml_parser *p, size_t n)
{
	size_t need = 0, off = 0;

	for (size_t i = 0; i < n; i++)
		if (memchr(p->attr[i].value, '&', p->attr[i].len) != NULL)
			need += p->attr[i].len;
	if (need == 0)
		return;
	if (need > p->val_alloc)
		xgrow((void **)&p->val, &p->val_alloc, need, 1);
	for (size_t i = 0; i < n; i++) {
		const char *s = p->attr[i].value, *end = s + p->attr[i].len;
		size_t start = off;

		if (memchr(s, '&', p->attr[i].len) == NULL)
			continue;
		while (s < end) {
			if (*s == '&' && end - s >= 5 &&
			    memcmp(s, "&#38;", 5) == 0) {
				p->val[off++] = '&';
				s += 5;
			} else {
				p->val[off++] = *s++;
			}
		}
		p->attr[i].value = p->val + start;
		p->attr[i].len = off - start;
	}
}

static void
sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct xml_parser *p = ctx;
	size_t n = nb_attributes > 0 ? (size_t)nb_attributes : 0;

	(void)prefix;
	(void)uri;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (++p->depth > XML_MAX_DEPTH) {
		p->failed = true;
		xmlStopParser(p->ctxt);
		if (p->h->error != NULL)
			p->h->error(p->u, XML_SEVERITY_FATAL, cur_line(p),
			    "elements nested deeper than 256 levels");
		return;
	}
	if (p->h->start == NULL)
		return;
	if (n > p->attr_alloc)
		xgrow((void **)&p->attr, &p->attr_alloc, n, sizeof(*p->attr));
	/* libxml2 passes (localname, prefix, URI, value, end) per attribute */
	for (size_t i = 0; i < n; i++) {
		const xmlChar *const *a = attributes + 5 * i;

		p->attr[i].name = (const char *)a[0];
		p->attr[i].value = (const char *)a[3];
		p->attr[i].len = (size_t)(a[4] - a[3]);
	}
	unescape_amp(p, n);
	p->h->start(p->u, (const char *)localname, p->attr, n, cur_line(p));
}

static void
sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct xml_parser *p = ctx;

	(void)prefix;
	(void)uri;
	if (p->depth > 0)
		p->depth--;
	if (p->h->end != NULL)
		p->h->end(p->u, (const char *)localname);
}

static void
sax_text(void *ctx, const xmlChar *s, int len)
{
	struct xml_parser *p = ctx;

	if (p->h->text != NULL && len > 0)
		p->h->text(p->u, (const char *)s, (size_t)len);
}

/*
 * libxml2's messages end in a newline and start with a capital; ours are
 * one lower-case line.  A tag mismatch names the line of the opening tag
 * in libxml2's own numbering, which is not the file's when the caller
 * started us in the middle: rebuild that one from its parts.
 */
static void
sax_error(void *ctx, xml_error_ptr err)
{
	struct xml_parser *p = ctx;
	enum xml_severity sev;
	unsigned long line;
	char msg[512];
	size_t n;

	if (err == NULL)
		return;
	if (err->level == XML_ERR_FATAL) {
		sev = XML_SEVERITY_FATAL;
		p->failed = true;
	} else if (err->level == XML_ERR_ERROR) {
		sev = XML_SEVERITY_ERROR;
	} else {
		sev = XML_SEVERITY_WARNING;
	}
	if (p->h->error == NULL)
		return;
	line = (unsigned long)(err->line > 0 ? err->line : 1) + p->base;
	if (err->code == XML_ERR_TAG_NAME_MISMATCH && err->str1 != NULL &&
	    err->str2 != NULL)
		snprintf(msg, sizeof(msg),
		    "opening and ending tag mismatch: '%s' (line %lu) and '%s'",
		    err->str1,
		    (unsigned long)(err->int1 > 0 ? err->int1 : 1) + p->base,
		    err->str2);
	else
		snprintf(msg, sizeof(msg), "%s",
		    err->message != NULL ? err->message : "unknown error");
	n = strlen(msg);
	while (n > 0 &&
	    (msg[n - 1] == '\n' || msg[n - 1] == ' ' || msg[n - 1] == '.'))
		msg[--n] = '\0';
	if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
		msg[0] = (char)(msg[0] - 'A' + 'a');
	p->h->error(p->u, sev, line, msg);
}

struct xml_parser *
xml_parser_new(const struct xml_handler *h, void *u, unsigned long first_line)
{
	struct xml_parser *p = xcalloc(1, sizeof(*p));
	xmlSAXHandler sax;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.cdataBlock = sax_text;
	sax.serror = sax_error;
	p->h = h;
	p->u = u;
	p->base = first_line > 0 ? first_line - 1 : 0;
	p->ctxt = xmlCreatePushParserCtxt(&sax, p, NULL, 0, NULL);
	if (p->ctxt == NULL)
		xalloc_die(sizeof(xmlParserCtxt));
	/*
	 * Never NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE.  IGNORE_ENC: the
	 * text is UTF-8 already, whatever its declaration claims.
	 */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
	xmlSwitchEncoding(p->ctxt, XML_CHAR_ENCODING_UTF8);
	return p;
}

void
xml_parser_free(struct xml_parser *p)
{
	if (p == NULL)
		return;
	/*
	 * In SAX mode libxml2 still records internal entity declarations
	 * in a document of its own ("expat compatibility"); it never looks
	 * them up for us (userData is not the context), but it leaves the
	 * document to whoever owns the context.
	 */
	if (p->ctxt->myDoc != NULL)
		xmlFreeDoc(p->ctxt->myDoc);
	xmlFreeParserCtxt(p->ctxt);
	free(p->attr);
	free(p->val);
	free(p);
}

static int
check(struct xml_parser *p)
{
	if (p->ctxt->disableSAX != 0)
		p->failed = true;
	return p->failed ? -1 : 0;
}

int
xml_parser_feed(struct xml_parser *p, const char *s, size_t n)
{
	if (p->failed)
		return -1;
	/* xmlParseChunk takes an int: feed huge buffers in slices */
	while (n > 0) {
		int k = n > (1U << 30) ? 1 << 30 : (int)n;

		xmlParseChunk(p->ctxt, s, k, 0);
		if (check(p) < 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int
xml_parser_finish(struct xml_parser *p)
{
	if (p->failed)
		return -1;
	xmlParseChunk(p->ctxt, NULL, 0, 1);
	return check(p);
}

void
xml_parser_stop(struct xml_parser *p)
{
	p->failed = true;
	xmlStopParser(p->ctxt);
}

bool
xml_parser_failed(const struct xml_parser *p)
{
	return p->failed;
}

unsigned long
xml_parser_line(const struct xml_parser *p)
{
	return cur_line(p);
}
