/*
 * libFuzzer harness for the rule loader (src/rule_load.c and friends): the
 * input is a rule file as a user might drop into a --rules directory.
 * Loading must fail cleanly with diagnostics or succeed; a rule that loads
 * is then evaluated against the demo-like model built from a small text so
 * that conditions, templates and regexes run too.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "combine.h"
#include "json.h"
#include "rule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char page_body[] =
    " A fuzzed rule\n\n## Why it matters\nx\n\n## What triggers it\n"
    "x\n\n## Problematic configuration\nx\n\n## Corrected configuration\nx\n"
    "\n## Exceptions\nx\n\n## References\nx\n";

static const char netsh[] =
    "SSL Certificate bindings:\r\n-------------------------\r\n\r\n"
    "    IP:port                      : 0.0.0.0:443\r\n"
    "    Certificate Hash             : 0000000000000000000000000000000000000000\r\n"
    "    Application ID               : {00000000-0000-0000-0000-000000000000}\r\n"
    "    Certificate Store Name       : MY\r\n\r\n";

/*
 * Name the file after the rule's own id and family, when it has them, so
 * that inputs get past the file-name checks into the deeper ones.
 */
static void
names(const uint8_t *data, size_t size, char *path, size_t pathsz, char *page,
    size_t pagesz)
{
	struct json *j = json_parse((const char *)data, size, NULL);
	const char *id = j ? json_str_value(json_get(j, "id")) : NULL;
	const char *fam = j ? json_str_value(json_get(j, "family")) : NULL;

	if (id == NULL || strlen(id) > 16 || strchr(id, '/') != NULL)
		id = "FUZ001";
	if (fam == NULL || strlen(fam) > 32 || strchr(fam, '/') != NULL)
		fam = "fuzz";
	snprintf(path, pathsz, "%s/%s.json", fam, id);
	snprintf(page, pagesz, "# %s%s", id, page_body);
	json_free(j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ruleset *rs = ruleset_new();
	struct diag_list dl;
	struct bundle_opts o;
	struct eval_opts eo = { "2026-01-01" };
	char path[64], page[sizeof(page_body) + 32];

	names(data, size, path, sizeof(path), page, sizeof(page));
	diag_list_init(&dl);
	if (ruleset_add_file(rs, path, (const char *)data, size, page,
		strlen(page), false, &dl) == 0 &&
	    ruleset_finish(rs, &dl) == 0) {
		struct model *m;
		struct findings *fs;

		bundle_opts_init(&o);
		o.keep = ruleset_evfilter(rs);
		m = bundle_load_mem("netsh.txt", netsh, sizeof(netsh) - 1, &o);
		fs = rule_eval(rs, m, &eo);
		findings_free(fs);
		model_free(m);
	}
	diag_list_release(&dl);
	ruleset_free(rs);
	return 0;
}
