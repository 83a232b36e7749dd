/*
 * The model as JSON: what `sslsift dump` prints and what the JSON reports
 * embed as the inventory.  Key order is fixed (the order of the field
 * tables in model.c); absent fields are left out.
 */
#ifndef SSLSIFT_MODEL_JSON_H
#define SSLSIFT_MODEL_JSON_H

#include "json.h"
#include "model.h"

/* The bundle header and its artifacts: {"bundle", "source", ...}. */
struct json *model_json_inventory(const struct model *m);
/* The inventory plus every record, grouped by type. */
struct json *model_json_dump(const struct model *m);
/* One record of type t. */
struct json *model_json_record(enum rec_type t, const void *rec);
/* A diagnostics list as an array of {"line", "level", "message"}. */
struct json *model_json_diags(const struct diag_list *dl);

#endif /* SSLSIFT_MODEL_JSON_H */
