/*
 * Escaping for output that reaches a terminal or a plain-text report.
 * Everything shown comes from a customer's files, and a site name holding
 * "\033]0;..." must not retitle the engineer's terminal: control characters
 * (C0, DEL and C1) and bytes that are not valid UTF-8 are written as \xNN,
 * and a backslash as "\\".
 */
#ifndef SSLSIFT_ESCAPE_H
#define SSLSIFT_ESCAPE_H

#include <stdio.h>

#include "buf.h"

/* Append the escaped form of s to b; -1 if b's cap was hit. */
int esc_text(struct buf *b, const char *s);
/* Write the escaped form of s to f. */
void esc_fputs(const char *s, FILE *f);
/*
 * Write s to f with control characters as \xNN but backslashes as they
 * are: for reports a person reads, full of registry keys and Windows
 * paths, where "\\" would only get in the way.
 */
void esc_fputs_report(const char *s, FILE *f);

/* The same, appended to b; -1 if b's cap was hit. */
int esc_text_report(struct buf *b, const char *s);

#endif /* SSLSIFT_ESCAPE_H */
