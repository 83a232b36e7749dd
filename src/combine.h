/*
 * Combiners: the cross-artifact facts rules need, computed once per bundle
 * into derived records (struct effbinding, struct served, ... in model.h),
 * so that a rule needing a join reads fields by name and stays declarative
 * (insights-core's combiners).
 *
 *   artifact           one per artifact: kind, parse status, problems
 *   system             the server: OS release and IIS version, from host
 *                      facts
 *   protocol           the protocol matrix, Server/Client x SSL 2.0..TLS
 *                      1.3: state from the SCHANNEL registry values, else
 *                      the OS default, else unknown
 *   schannel           the server side of the matrix summed up
 *   served             each http.sys entry + the certificate it names
 *   effective_binding  each IIS https binding + the http.sys entry that
 *                      serves it (http.sys's selection order) + its
 *                      certificate + its listener (netstat)
 *   legacy_hash        each customMetadata property 5506 against the store
 *                      and the hashes http.sys serves for its site
 *
 * A combiner never invents evidence: when the artifact that would decide a
 * field is not in the bundle, the field stays absent (BOOL_NONE, NULL), so
 * conditions on it do not hold.
 */
#ifndef SSLSIFT_COMBINE_H
#define SSLSIFT_COMBINE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/*
 * Make every derived record of a finished model (model_finish() ran).
 * Idempotent: a second call does nothing.  Never fails.
 */
void combine_run(struct model *m);

/* The steps of combine_run(), in the order it calls them. */
void combine_artifacts(struct model *m);
void combine_system(struct model *m);
void combine_protocols(struct model *m);
void combine_bindings(struct model *m);
void combine_metadata(struct model *m);

/* Helpers shared by the combine_*.c files. */

/* true when an artifact of kind k was parsed (status ok or partial). */
bool combine_have(const struct model *m, enum artifact_kind k);
/*
 * A certificate hash (any case, blanks allowed) as 40 lowercase hex digits
 * in out[41]; false when it is not 20 bytes of hex.
 */
bool combine_hash(const char *s, char out[41]);
/* The certificate with this thumbprint (normalised), or NULL. */
const struct cert *combine_cert(const struct model *m, const char *hash);
/* true when the certutil output holds the named store (NULL/"(null)": My). */
bool combine_store_dumped(const struct model *m, const char *store);
/* The single system record (made by combine_system()). */
const struct system *combine_system_rec(const struct model *m);

#endif /* SSLSIFT_COMBINE_H */
