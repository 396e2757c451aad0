"""schemathesis hooks for scripts/schemathesis.sh (loaded by scripts/schemathesis.toml).

OpenAPI describes query parameters one at a time, so a rule between them (`depth` needs
`focus`; cohesion takes `actors` or `alliance`, not both) cannot be in their schemas. The
document states each such rule once per operation, as a JSON Schema over the query in
`x-lattice-parameter-rules`. A generated "positive" case that breaks it is not schema-valid
by the document's own statement, so it is dropped rather than sent expecting a 2xx; the
server's 400 for it is covered by the unit tests and by negative cases, which are kept.
"""
import jsonschema
import schemathesis
from schemathesis import GenerationMode

_validators = {}


def _validator(rules):
    key = id(rules)
    if key not in _validators:
        _validators[key] = jsonschema.Draft202012Validator(rules)
    return _validators[key]


@schemathesis.hook
def filter_case(context, case):
    rules = case.operation.definition.raw.get("x-lattice-parameter-rules")
    if rules is None or case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return True
    return _validator(rules).is_valid(dict(case.query or {}))
