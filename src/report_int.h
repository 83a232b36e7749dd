/*
 * Inside the reporters: what the text report's parts share (report_text.c
 * prints the findings, report_inventory.c what the bundle holds) and a few
 * helpers of all of them.  Nothing outside report_*.c includes this file.
 */
#ifndef SSLSIFT_REPORT_INT_H
#define SSLSIFT_REPORT_INT_H

#include <stdio.h>

#include "compat.h"
#include "report.h"

/* SGR parameters of the text report's colours. */
#define COLOR_ERROR "1;31"
#define COLOR_WARNING "1;33"
#define COLOR_INFO "1;36"
#define COLOR_GOOD "1;32"
#define COLOR_HEAD "1"
#define COLOR_DIM "2"

/* Start colour `sgr` ("1;31") when colours are on; tx_off() ends it. */
void tx_on(const struct report_ctx *rc, const char *sgr);
void tx_off(const struct report_ctx *rc);
/* The colour of a severity. */
const char *tx_severity_color(enum severity s);
/* A section heading, bold when colours are on, after a blank line. */
void tx_heading(const struct report_ctx *rc, const char *title);
void tx_indent(FILE *out, int n);
/* Escaped text from the input (escape.h), and its width in bytes. */
void tx_str(FILE *out, const char *s);
size_t tx_width(const char *s);
/* tx_str(), padded with blanks to `width`. */
void tx_pad(FILE *out, const char *s, size_t width);

/* Append to b; text past b's cap is dropped (messages, descriptions). */
void rp_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Append s escaped as the text report shows it, dropped past the cap. */
void rp_escaped(struct buf *b, const char *s);

/* The inventory: sites and bindings, protocols, events, files. */
void report_text_inventory(const struct report_ctx *rc, const struct model *m);

#endif /* SSLSIFT_REPORT_INT_H */
