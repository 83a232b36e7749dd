/*
 * libFuzzer harness for bundle intake (src/bundle.c, src/arc.c) and what
 * follows it: the input is a whole bundle in memory, an archive or a single
 * file, read with small limits, parsed by every parser it reaches, combined
 * (combine_*.c), judged by the built-in rules (rule_*.c) and reported as
 * JSON, with the model dumped as JSON too.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "combine.h"
#include "model_json.h"
#include "report.h"
#include "rule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The built-in rules, loaded once; a broken rule file is a bug. */
static const struct ruleset *
rules(void)
{
	static struct ruleset *rs;
	struct diag_list dl;

	if (rs != NULL)
		return rs;
	rs = ruleset_new();
	diag_list_init(&dl);
	if (ruleset_add_builtin(rs, &dl) < 0 || ruleset_finish(rs, &dl) < 0)
		abort();
	diag_list_release(&dl);
	return rs;
}

static const char *const formats[] = { "text", "brief", "json", "sarif" };

/* Where the reports go: nowhere, but through stdio all the same. */
static FILE *
devnull(void)
{
	static FILE *f;

	if (f == NULL && (f = fopen("/dev/null", "w")) == NULL)
		abort();
	return f;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ruleset *rs = rules();
	struct bundle_opts o;
	struct eval_opts eo = { "2026-01-01" };
	struct findings *fs;
	struct report_bundle b;
	struct report_ctx rc;
	struct model *m;
	struct json *j;
	char *s;

	bundle_opts_init(&o);
	o.max_file = 1 << 20;
	o.max_total = 4 << 20;
	o.max_entries = 64;
	o.keep = ruleset_evfilter(rs);
	m = bundle_load_mem("fuzz", data, size, &o);
	fs = rule_eval(rs, m, &eo);
	memset(&b, 0, sizeof(b));
	b.m = m;
	b.fs = fs;
	memset(&rc, 0, sizeof(rc));
	rc.out = devnull();
	rc.rs = rs;
	rc.color = true;
	rc.ninputs = 1;
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		const struct reporter *rep = reporter_find(formats[i]);

		rep->bundle(&rc, &b);
	}
	findings_free(fs);
	j = model_json_dump(m, true);
	s = json_print(j, false);
	free(s);
	json_free(j);
	model_free(m);
	return 0;
}
