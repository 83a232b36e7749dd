/*
 * Reporters: one bundle's findings (rule.h) and inventory, rendered for a
 * person (text), a program (json) or a test (brief).  A reporter reads the
 * findings and the model and writes to the stream it is given; it knows
 * nothing of parsers or rule files, and the engine knows nothing of it.
 */
#ifndef SSLSIFT_REPORT_H
#define SSLSIFT_REPORT_H

#include <stdio.h>

#include "json.h"
#include "model.h"
#include "rule.h"

/*
 * The text report: the bundle and the as-of date, root causes (each with
 * its evidence, numbered remediation and the findings it explains), the
 * other findings by severity, the rules that could not be checked, then the
 * inventory.  Everything from the input is escaped (escape.h).
 */
void report_text(FILE *out, const struct model *m, const struct findings *fs);

/*
 * The JSON report (schema in sslsift(1) under JSON OUTPUT): the inventory
 * keys of model_json_inventory() plus "as_of", "summary", "findings" and
 * "not_checked".  The caller prints and frees it.
 */
struct json *report_json(const struct model *m, const struct findings *fs);

/* One line per finding: "RULE SEVERITY SUBJECT", in finding order. */
void report_brief(FILE *out, const struct findings *fs);

/* The inventory alone, as `sslsift scan` printed it before rules. */
void report_inventory(FILE *out, const struct model *m);

#endif /* SSLSIFT_REPORT_H */
