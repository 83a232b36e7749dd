#include "compat.h"

#include "model_json.h"

struct json *
model_json_diags(const struct diag_list *dl)
{
	struct json *arr = json_array();

	for (size_t i = 0; i < dl->n; i++) {
		struct json *d = json_object();

		if (dl->v[i].line > 0)
			json_set_int(d, "line", (long long)dl->v[i].line);
		json_set_str(d, "level", diag_level_name(dl->v[i].level));
		json_set_str(d, "message", dl->v[i].msg);
		json_push(arr, d);
	}
	for (int l = DIAG_NOTE; l <= DIAG_ERROR; l++) {
		if (dl->dropped[l] > 0) {
			struct json *d = json_object();

			json_set_str(d, "level", diag_level_name(l));
			json_set_int(d, "suppressed",
			    (long long)dl->dropped[l]);
			json_push(arr, d);
		}
	}
	return arr;
}

static struct json *
artifact_json(const struct artifact *a)
{
	struct json *o = json_object();

	json_set_str(o, "path", a->path);
	json_set_str(o, "kind", artifact_kind_name(a->kind));
	json_set_str(o, "encoding", a->encoding);
	if (a->newline != NULL)
		json_set_str(o, "newline", a->newline);
	json_set_int(o, "size", (long long)a->size);
	json_set_str(o, "status", parse_status_name(a->status));
	json_set_int(o, "records", (long long)a->records);
	if (a->kind == KIND_EVENTS || a->kind == KIND_EVTX) {
		struct json *counts = json_array();

		json_set_int(o, "events_total", (long long)a->events_total);
		json_set_int(o, "events_kept", (long long)a->events_kept);
		json_set_int(o, "events_skipped", (long long)a->events_skipped);
		for (size_t i = 0; i < a->ntally; i++) {
			struct json *c = json_object();

			json_set_str(c, "provider", a->tally[i].provider);
			json_set_int(c, "id", a->tally[i].id);
			json_set_int(c, "count", (long long)a->tally[i].count);
			json_push(counts, c);
		}
		json_set(o, "events_not_kept", counts);
	}
	json_set(o, "diagnostics", model_json_diags(&a->diags));
	return o;
}

struct json *
model_json_artifacts(const struct model *m)
{
	struct json *arts = json_array();

	for (size_t i = 0; i < m->nartifacts; i++)
		json_push(arts, artifact_json(m->artifacts[i]));
	return arts;
}

struct json *
model_json_inventory(const struct model *m)
{
	struct json *o = json_object();

	json_set_str(o, "bundle", m->name);
	json_set_str(o, "source", m->source);
	json_set_bool(o, "complete", !m->read_error);
	json_set(o, "diagnostics", model_json_diags(&m->diags));
	json_set(o, "artifacts", model_json_artifacts(m));
	return o;
}

static struct json *
kv_json(const struct kvlist *l)
{
	struct json *arr = json_array();

	for (size_t i = 0; i < l->n; i++) {
		struct json *pair = json_array();

		json_push(pair, json_string(l->v[i].name));
		json_push(pair, json_string(l->v[i].value));
		json_push(arr, pair);
	}
	return arr;
}

static struct json *
ref_json(const struct rec *r)
{
	struct json *o = json_object();

	json_set_str(o, "path", r->pos.path);
	if (r->pos.line > 0)
		json_set_int(o, "line", (long long)r->pos.line);
	return o;
}

struct json *
model_json_record(enum rec_type t, const void *rec)
{
	const struct rectype *rt = rectype_get(t);
	const struct rec *r = rec;
	struct json *o = json_object();

	if (r->pos.path != NULL)
		json_set_str(o, "path", r->pos.path);
	if (r->pos.line > 0)
		json_set_int(o, "line", (long long)r->pos.line);
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];

		if (!field_present(f, rec))
			continue;
		switch (f->type) {
		case FT_STR:
			json_set_str(o, f->name, field_str(f, rec));
			break;
		case FT_INT:
			json_set_int(o, f->name, field_int(f, rec));
			break;
		case FT_BOOL:
			json_set_bool(o, f->name, field_bool(f, rec) != 0);
			break;
		case FT_LIST: {
			const struct strlist *l = field_list(f, rec);
			struct json *arr = json_array();

			for (size_t j = 0; j < l->n; j++)
				json_push(arr, json_string(l->v[j]));
			json_set(o, f->name, arr);
			break;
		}
		case FT_KV:
			json_set(o, f->name, kv_json(field_kv(f, rec)));
			break;
		case FT_REF:
			json_set(o, f->name, ref_json(field_ref(f, rec)));
			break;
		case FT_REFS: {
			const struct reflist *l = field_refs(f, rec);
			struct json *arr = json_array();

			for (size_t j = 0; j < l->n; j++)
				json_push(arr, ref_json(l->v[j]));
			json_set(o, f->name, arr);
			break;
		}
		}
	}
	return o;
}

struct json *
model_json_dump(const struct model *m, bool derived)
{
	struct json *o = model_json_inventory(m);
	int end = derived ? REC__COUNT : REC__DERIVED;

	for (int t = 0; t < end; t++) {
		const struct recvec *rv = &m->recs[t];
		struct json *arr = json_array();

		for (size_t i = 0; i < rv->n; i++)
			json_push(arr,
			    model_json_record((enum rec_type)t, rv->v[i]));
		json_set(o, rectype_get((enum rec_type)t)->plural, arr);
	}
	return o;
}
