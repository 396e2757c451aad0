"""schemathesis hooks for scripts/schemathesis.sh (loaded by scripts/schemathesis.toml).

OpenAPI describes query parameters one at a time, so a rule between them (`depth` needs
`focus`; cohesion takes `actors` or `alliance`, not both) cannot be in their schemas. The
document states each such rule once per operation, as a JSON Schema over the query in
`x-lattice-parameter-rules`. A generated "positive" case that breaks it is not schema-valid
by the document's own statement, so it is dropped rather than sent expecting a 2xx; the
server's 400 for it is covered by the unit tests and by negative cases, which are kept.
"""
import datetime

import jsonschema
import schemathesis
from schemathesis import GenerationMode

_validators = {}


def _validator(rules):
    key = id(rules)
    if key not in _validators:
        _validators[key] = jsonschema.Draft202012Validator(rules)
    return _validators[key]


def _real_days(query):
    """A date parameter's pattern admits 2025-02-30, which names no day (a 400): a positive
    case carrying one is not valid input, whatever the pattern says."""
    for value in query.values():
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
            except ValueError:
                return False
    return True


@schemathesis.hook
def filter_case(context, case):
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return True
    query = dict(case.query or {})
    if not _real_days(query):
        return False
    rules = case.operation.definition.raw.get("x-lattice-parameter-rules")
    return rules is None or _validator(rules).is_valid(query)
