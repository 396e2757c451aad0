#!/usr/bin/env python3
"""Calls every GET operation of Lattice's API through a client that openapi-python-client
generated from the live /openapi.json, and decodes every response: each collection, every
single record, the text and NDJSON bodies. A JSON body must parse into the generated models
with nothing left over (the model's to_dict() gives back the exact JSON, and no field falls
back to a raw dict). Then the operations it called are compared with the client's, so an
operation added to the API without a call here fails too.

  check.py CLIENT_PACKAGE_DIR BASE_URL

Exits 0 when every call decoded, 1 otherwise (each failure is printed)."""
import collections
import importlib
import json
import os
import pkgutil
import sys


def main():
    package_dir, base_url = sys.argv[1:3]
    sys.path.insert(0, os.path.dirname(os.path.abspath(package_dir)))
    package = os.path.basename(os.path.abspath(package_dir))
    client_module = importlib.import_module(f"{package}.client")
    models = importlib.import_module(f"{package}.models")
    api = importlib.import_module(f"{package}.api")
    client = client_module.Client(base_url=base_url, raise_on_unexpected_status=True, follow_redirects=False, timeout=30)

    operations = {}
    for group in pkgutil.iter_modules(api.__path__):
        sub = importlib.import_module(f"{package}.api.{group.name}")
        for module in pkgutil.iter_modules(sub.__path__):
            operations[module.name] = importlib.import_module(f"{package}.api.{group.name}.{module.name}")
    print(f"python client: {len(operations)} operations generated: {', '.join(sorted(operations))}")

    called = collections.Counter()
    failures = []

    def enum(name, value):
        """A generated enum member, e.g. enum("GetActorsKindItem", "state")."""
        module = importlib.import_module(f"{package}.models.{snake(name)}")
        return getattr(module, name)(value)

    def call(operation, label="", status=200, **kwargs):
        called[operation] += 1
        try:
            response = operations[operation].sync_detailed(client=client, **kwargs)
            if response.status_code != status:
                raise AssertionError(f"status {response.status_code}, expected {status}: {response.content[:200]!r}")
            content_type = response.headers.get("content-type", "").split(";")[0]
            parsed = response.parsed
            if content_type == "application/json":
                if type(parsed).__module__.split(".")[1:2] != ["models"] or type(parsed).__name__ == "Problem":
                    raise AssertionError(f"parsed as {type(parsed).__name__}")
                check_model(parsed, "$")
                original = json.loads(response.content)
                if parsed.to_dict() != original:
                    raise AssertionError("to_dict() differs from the JSON: " + first_difference(parsed.to_dict(), original))
            return response
        except Exception as error:  # every failure is reported, none stops the run
            failures.append(f"{operation} {label}: {type(error).__name__}: {error}")
            print(f"FAIL {operation} {label}: {type(error).__name__}: {error}")
            return None

    def check_model(value, path):
        """Walks a parsed model: a dict where a model should be means the client fell back."""
        if isinstance(value, list):
            for index, item in enumerate(value):
                check_model(item, f"{path}[{index}]")
        elif isinstance(value, dict):
            raise AssertionError(f"{path} is a raw dict, not a model")
        elif hasattr(value, "to_dict") and hasattr(type(value), "__attrs_attrs__"):
            for field in type(value).__attrs_attrs__:
                if field.name != "additional_properties":
                    check_model(getattr(value, field.name), f"{path}.{field.name}")

    # Without an Accept that prefers text/html (a browser), / is the redirect to the API.
    response = call("get_root", status=308)
    if response is not None and response.headers.get("location") != "/v1":
        failures.append(f"get_root: Location {response.headers.get('location')}")
    index = call("get_index")
    counts = index.parsed.counts if index else None
    call("get_healthz")
    call("get_readyz")
    metrics = call("get_metrics")
    if metrics is not None and "lattice_http_requests_total" not in metrics.parsed:
        failures.append("get_metrics: no request counter")
    call("get_openapi")

    ids = collections.defaultdict(list)
    export = call("get_export")
    if export is not None:
        body = export.parsed
        lines = (body if isinstance(body, bytes) else body.payload.read()).decode("utf-8").splitlines()
        for line in lines:
            record = json.loads(line)
            ids[record["type"]].append(record["id"])
        if counts and len(lines) != counts.documents + counts.actors + counts.alliances + counts.relations + counts.statements:
            failures.append(f"get_export: {len(lines)} lines")

    for kind, plural in [("actor", "actors"), ("alliance", "alliances"), ("statement", "statements"),
                         ("relation", "relations"), ("document", "documents")]:
        page = call(f"get_{plural}", "limit=500", limit=500)
        if page is not None and counts and page.parsed.meta.total != getattr(counts, plural):
            failures.append(f"get_{plural}: total {page.parsed.meta.total}")
        if not ids[kind]:
            failures.append(f"no {kind} ids in the export")
        for record_id in ids[kind]:
            call(f"get_{kind}", record_id, id=record_id)
    for record_id in ids["document"]:
        text = call("get_document_text", record_id, id=record_id)
        if text is not None and not text.parsed:
            failures.append(f"get_document_text {record_id}: empty")

    filtered = call("get_actors", "kind=state,person&region=east-asia",
                    kind=[enum("GetActorsKindItem", "state"), enum("GetActorsKindItem", "person")],
                    region=[enum("GetActorsRegionItem", "east-asia")], limit=5)
    if filtered is not None and not all(a.region.value == "east-asia" and a.kind.value != "organization" for a in filtered.parsed.data):
        failures.append("get_actors: the kind and region filters were not applied")
    call("get_search", "q=nato", q="nato", limit=500)
    call("get_graph")
    call("get_graph", "focus=japan&depth=2", focus="japan", depth=2)
    cohesion = call("get_cohesion", "alliance=ap4", alliance="ap4")
    if cohesion is not None and {cohesion.parsed.weakest.a.id, cohesion.parsed.weakest.b.id} != {"japan", "south-korea"}:
        failures.append("get_cohesion: the AP4's weakest pair is not Japan–South Korea")
    call("get_cohesion", "actors=japan,china", actors=["japan", "china"])
    positions = call("get_positions", "alliance=asian-nato", alliance="asian-nato")
    if positions is not None and not any(g.stance.value == "supports" for g in positions.parsed.groups):
        failures.append("get_positions: no supporters of the Asian NATO")
    timeline = call("get_timeline", "actor=north-korea&limit=500", actor="north-korea", limit=500)
    if timeline is not None and not timeline.parsed.data:
        failures.append("get_timeline: north-korea has no events")
    dated = call("get_relations", "as_of=2025&actor=north-korea", as_of="2025", actor=["north-korea"])
    if dated is not None and dated.parsed.meta.as_of != "2025":
        failures.append("get_relations as_of=2025: meta.as_of is not 2025")
    ties = call("get_mixed_ties")
    if ties is not None and not ties.parsed.data:
        failures.append("get_mixed_ties: no mixed ties")
    # POST /mcp: a handshake-era ping, its JSON-RPC response decoded by the generated model.
    request_model = importlib.import_module(f"{package}.models.jsonrpc_request").JSONRPCRequest
    pong = call("post_mcp", "ping", body=request_model.from_dict({"jsonrpc": "2.0", "id": 1, "method": "ping"}))
    if pong is not None and json.loads(pong.content).get("result") != {}:
        failures.append(f"post_mcp ping: {pong.content[:200]!r}")
    for asset in ["index.html", "app.js", "style.css", "icon.svg"]:
        page = call("get_explorer", asset, asset=asset)
        if page is not None and not page.content:
            failures.append(f"get_explorer {asset}: empty")

    gets = {name for name in operations if name.startswith(("get_", "post_"))}
    for name in sorted(gets - set(called)):
        failures.append(f"{name}: generated but never called by this check; add it to check.py")
        print(f"FAIL {name}: generated but never called by this check; add it to check.py")
    print(f"python client: {len(called)} GET operations, {sum(called.values())} calls, {len(failures)} failures")
    for failure in failures:
        print(f"  {failure}")
    sys.exit(1 if failures else 0)


def snake(name):
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def first_difference(a, b, path="$"):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key} only in {'the model' if key in a else 'the JSON'}"
            if a[key] != b[key]:
                return first_difference(a[key], b[key], f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{path}[{index}]")
    return f"{path}: {str(a)[:80]} vs {str(b)[:80]}"


if __name__ == "__main__":
    main()
