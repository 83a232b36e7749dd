/*
 * The .reg parser: `reg export` and regedit exports (REGEDIT4 and
 * "Windows Registry Editor Version 5.00"), whole files or pasted fragments.
 */
#ifndef SSLSIFT_PARSE_REG_H
#define SSLSIFT_PARSE_REG_H

#include "model.h"
#include "text.h"

/*
 * Parse the .reg text `t` (decoded UTF-8, LF newlines, original line
 * numbers) of artifact `a` into REC_REGVAL records of `m`: one per key,
 * value, value deletion and key deletion under
 * HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\
 * SCHANNEL (struct regval in model.h says what each field holds).  Values
 * elsewhere are counted in one note; a few of them become host facts
 * (computer name, OS name and build).
 *
 * Everything kept is copied into the model; `t` is only read.  Any byte
 * content is safe: damage becomes diagnostics in a->diags.  Returns
 * PARSE_OK, PARSE_PARTIAL when lines were skipped as damaged, or
 * PARSE_FAILED (with an error diagnostic) when the text holds no key and
 * no value at all.
 */
enum parse_status parse_reg(struct model *m, struct artifact *a,
    const struct text *t);

#endif /* SSLSIFT_PARSE_REG_H */
