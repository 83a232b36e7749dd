/*
 * The model as JSON: what `sslsift dump` prints and what the JSON reports
 * embed as the inventory.  Key order is fixed (the order of the field
 * tables in model.c); absent fields are left out.
 */
#ifndef SSLSIFT_MODEL_JSON_H
#define SSLSIFT_MODEL_JSON_H

#include <stdbool.h>

#include "json.h"
#include "model.h"

/* The bundle header and its artifacts: {"bundle", "source", ...}. */
struct json *model_json_inventory(const struct model *m);
/* The "artifacts" array of the inventory alone. */
struct json *model_json_artifacts(const struct model *m);
/*
 * The inventory plus every parsed record, grouped by type; with `derived`,
 * the combiners' records too (run combine_run() first).  A reference to
 * another record is shown as its {"path", "line"}.
 */
struct json *model_json_dump(const struct model *m, bool derived);
/* One record of type t. */
struct json *model_json_record(enum rec_type t, const void *rec);
/* A diagnostics list as an array of {"line", "level", "message"}. */
struct json *model_json_diags(const struct diag_list *dl);

#endif /* SSLSIFT_MODEL_JSON_H */
