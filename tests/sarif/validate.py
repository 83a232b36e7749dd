"""Validate SARIF logs against the SARIF 2.1.0 schema (tests/t-sarif.sh).

    python3 validate.py SCHEMA LOG...

Prints one line per log, "ok LOG" or "invalid LOG: <first errors>", and
exits 1 when a log is invalid, 77 when jsonschema is not installed.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit(77)


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        log = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        if errors:
            bad = 1
            shown = "; ".join(
                "%s at %s" % (e.message[:200], "/".join(str(p) for p in e.path))
                for e in errors[:3])
            print("invalid %s: %s" % (path, shown))
        else:
            print("ok %s" % path)
    return bad


sys.exit(main())
