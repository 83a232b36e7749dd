/*
 * The libxml2 adapter.  Only this file includes <libxml/...>; it sets the
 * library's options once (no network, no entity expansion, no DTD loading)
 * and routes its errors into our diagnostics.
 */
#ifndef SSLSIFT_XML_H
#define SSLSIFT_XML_H

/* Once per process, before any parsing, and once at exit. */
void xml_init(void);
void xml_cleanup(void);

#endif /* SSLSIFT_XML_H */
