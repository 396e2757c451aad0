#!/usr/bin/env python3
"""The MCP endpoint (POST /mcp) driven by real clients against a live server.

1. The official MCP Python SDK (`mcp` on PyPI) over Streamable HTTP, in each era it speaks:
   pinned to 2026-07-28 (per-request _meta and headers), `auto` (server/discover probe) and
   `legacy` (the initialize handshake). Each lists the tools, calls every tool (the SDK
   validates every structuredContent against the tool's published outputSchema), lists and
   reads resources and templates; each answer is compared with the REST API's answer to
   the same question.
2. Raw JSON-RPC over http.client for what an SDK never sends: every error path, the header
   rules, Origin, a batch, notifications, GET/DELETE, each handshake-era version.

Usage: scripts/mcp_test.py path/to/lattice"""
import asyncio
import base64
import hashlib
import http.client
import json
import sys
import urllib.parse

from mcp.client.client import Client

from checks import BINARY, check, finish
from lattice_harness import Lattice

MODERN = "2026-07-28"
LEGACY = ["2025-11-25", "2025-06-18", "2025-03-26"]
ALLOWED_ORIGIN = "http://assistant.example"


def rest(server, path):
    status, _, body = server.get(path, timeout=10)
    assert status == 200, f"GET {path}: {status} {body[:200]!r}"
    return json.loads(body)


def post(server, body, headers=None, method="POST"):
    """(status, headers, parsed JSON or None, raw body) of one request to /mcp."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        connection.request(method, "/mcp", body=data, headers={"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        raw = response.read()
        parsed = None
        if raw and response.getheader("Content-Type", "").startswith("application/json"):
            parsed = json.loads(raw)
        return response.status, {k.lower(): v for k, v in response.getheaders()}, parsed, raw
    finally:
        connection.close()


def meta(version=MODERN):
    return {"io.modelcontextprotocol/protocolVersion": version, "io.modelcontextprotocol/clientCapabilities": {}}


def modern(server, method, params=None, id=1, headers=None, name=None):
    """A 2026-07-28 request with matching headers (overridden by `headers`)."""
    params = dict(params or {})
    params.setdefault("_meta", meta())
    sent = {"MCP-Protocol-Version": MODERN, "Mcp-Method": method}
    if name is not None:
        sent["Mcp-Name"] = name
    sent.update(headers or {})
    sent = {k: v for k, v in sent.items() if v is not None}
    return post(server, {"jsonrpc": "2.0", "id": id, "method": method, "params": params}, sent)


def error_code(parsed):
    return (parsed or {}).get("error", {}).get("code")


# --- the SDK ------------------------------------------------------------------------------

async def sdk_session(server, mode, expected_tools):
    """One SDK client in `mode`: every tool called, answers compared with REST."""
    label = f"sdk[{mode}]"
    url = server.base + "/mcp"
    async with Client(url, mode=mode) as client:
        check(client.protocol_version == (MODERN if mode != "legacy" else LEGACY[0]),
              f"{label}: negotiated {client.protocol_version}")
        tools = (await client.list_tools()).tools
        names = [t.name for t in tools]
        check(names == expected_tools, f"{label}: tools/list gives the {len(names)} tools in order")
        check(all(t.annotations and t.annotations.read_only_hint and t.annotations.idempotent_hint for t in tools),
              f"{label}: every tool is readOnlyHint and idempotentHint")
        check(all(t.output_schema for t in tools), f"{label}: every tool publishes an outputSchema")
        called = set()

        async def call(name, arguments, rest_path=None, transform=None):
            called.add(name)
            result = await client.call_tool(name, arguments)
            structured = result.structured_content
            if result.is_error:
                check(False, f"{label}: {name}({arguments}) failed: {result.content[0].text[:200]}")
                return None
            texts = [c.text for c in result.content if c.type == "text"]
            check(len(texts) == 2 and json.loads(texts[1]) == structured,
                  f"{label}: {name} has a readable text block and the JSON of its structured content")
            check(structured["dataset_version"] == server.version(), f"{label}: {name} says the dataset_version")
            if rest_path is not None:
                expected = rest(server, rest_path)
                if transform:
                    expected = transform(expected)
                check(structured["result"] == expected, f"{label}: {name}({arguments}) is GET {rest_path}'s answer")
            for citation in structured["citations"]:
                check_citation(server, citation, f"{label}: {name}", texts[0])
            return structured

        await call("search", {"query": "nato", "limit": 20}, "/v1/search?q=nato&limit=20")
        await call("search", {"query": "korea", "types": ["statement"]}, "/v1/search?q=korea&type=statement")
        alias = await call("get_record", {"id": "seoul"}, "/v1/actors/south-korea")
        check(alias and alias["resolved_from"] == "seoul" and alias["id"] == "south-korea" and alias["type"] == "actor",
              f"{label}: get_record resolves the alias seoul to south-korea, as GET /v1/actors/seoul's 308 does")
        statements = rest(server, "/v1/statements?limit=500")["data"]
        speaker = statements[0]["speaker"]["id"]
        await call("find_statements", {"speaker": [speaker]}, f"/v1/statements?speaker={speaker}")
        await call("find_statements", {"stance": ["supports"], "limit": 5}, "/v1/statements?stance=supports&limit=5")
        await call("find_statements", {"text": "korea", "said_since": "2026"}, "/v1/statements?q=korea&said_since=2026")
        statement = statements[1]
        got = await call("get_statement", {"id": statement["id"]}, f"/v1/statements/{statement['id']}")
        if got:
            check(got["citations"] and got["citations"][0]["statement"] == statement["id"],
                  f"{label}: get_statement cites the statement itself")
        await call("find_relations", {"actor": ["north-korea"]}, "/v1/relations?actor=north-korea")
        relations = rest(server, "/v1/relations?actor=north-korea&limit=500")["data"]
        other = next(r["to"]["id"] if r["from"]["id"] == "north-korea" else r["from"]["id"] for r in relations)

        def between(page):
            kept = [r for r in page["data"] if other in (r["from"]["id"], r["to"]["id"])]
            return kept

        pair = await call("find_relations", {"actor": ["north-korea"], "other": [other], "limit": 500})
        if pair:
            check(pair["result"]["data"] == between(rest(server, "/v1/relations?actor=north-korea&limit=500")),
                  f"{label}: find_relations(north-korea, other={other}) is the REST answer between the two")
        await call("find_relations", {"actor": ["north-korea"], "as_of": "2025"}, "/v1/relations?actor=north-korea&as_of=2025")
        await call("get_alliance", {"id": "quadrilateral-security-dialogue"}, "/v1/alliances/quad")
        await call("get_alliance", {"id": "ap4", "as_of": "2024"}, "/v1/alliances/ap4?as_of=2024")
        await call("ego_network", {"actor": "japan", "depth": 2}, "/v1/graph?focus=japan&depth=2")
        await call("cohesion", {"alliance": "ap4"}, "/v1/analysis/cohesion?alliance=ap4")
        await call("alliance_positions", {"alliance": "asian-nato"}, "/v1/analysis/positions?alliance=asian-nato")
        await call("mixed_ties", {}, "/v1/analysis/mixed-ties")
        await call("timeline", {"actor": "north-korea", "limit": 10}, "/v1/timeline?actor=north-korea&limit=10")
        document = statement["source"]["document"]["id"]
        text = server.get(f"/v1/documents/{document}/text")[2].decode()
        passage = await call("read_passage", {"document": document, "start": 10, "end": 90})
        if passage:
            check(passage["result"]["text"] == text[10:90], f"{label}: read_passage is the document's text[10:90]")
        await verify_quotes(call, label, server, statements)
        check(called == set(expected_tools), f"{label}: every tool was called ({len(called)})")

        # Tool execution errors: isError with what to fix, not a protocol error.
        for name, arguments, words in [("get_record", {"id": "no-such-record"}, "no-such-record"),
                                       ("find_statements", {"said_since": "2025-02-30"}, "said_since"),
                                       ("read_passage", {"document": document, "start": 5, "end": 1}, "start"),
                                       ("verify_quote", {"text": "peace", "speaker": "nobody-at-all"}, "nobody-at-all")]:
            result = await client.call_tool(name, arguments)
            check(result.is_error and words in result.content[0].text,
                  f"{label}: {name}({arguments}) is a tool error naming {words}: {result.content[0].text[:90]!r}")

        # Resources: documents.
        resources = (await client.list_resources()).resources
        documents = rest(server, "/v1/documents?limit=500")["data"]
        check([r.name for r in resources] == [d["id"] for d in documents],
              f"{label}: resources/list lists every document ({len(resources)})")
        templates = (await client.list_resource_templates()).resource_templates
        check([t.uri_template for t in templates] == ["lattice://documents/{id}"], f"{label}: one resource template")
        read = await client.read_resource(str(resources[0].uri))
        check(read.contents[0].text == server.get(f"/v1/documents/{documents[0]['id']}/text")[2].decode(),
              f"{label}: resources/read gives GET /v1/documents/{{id}}/text")
        try:
            await client.read_resource("lattice://documents/no-such-document")
            check(False, f"{label}: an unknown resource is an error")
        except Exception as error:  # noqa: BLE001 - the SDK's MCPError
            code = getattr(getattr(error, "error", None), "code", None)
            check(code == (-32002 if mode == "legacy" else -32602),
                  f"{label}: an unknown resource is the era's not-found error ({code})")


async def verify_quotes(call, label, server, statements):
    """verify_quote: verbatim, normalised, mismatched speaker, absent."""
    quote = next(s for s in statements if len(s["text"]) > 30 and "'" not in s["text"])
    source = rest(server, f"/v1/statements/{quote['id']}")["source"]
    text = server.get(f"/v1/documents/{source['document']['id']}/text")[2].decode()
    verbatim = text[source["start"]:source["end"]]
    result = await call("verify_quote", {"text": verbatim, "speaker": quote["speaker"]["id"]})
    if result:
        found = result["result"]
        covering = [o for o in found["occurrences"] if any(s["id"] == quote["id"] for s in o["statements"])]
        check(found["verdict"] == "verbatim" and covering and covering[0]["start"] == source["start"]
              and covering[0]["end"] == source["end"] and found["speaker_check"] == "matches",
              f"{label}: verify_quote finds {quote['id']} verbatim at {source['start']}..{source['end']}, its speaker matching")
    # Normalised: upper case, doubled spaces, a curly apostrophe where the text has none.
    words = verbatim.split(" ")
    claim = "  ".join(words).upper()
    result = await call("verify_quote", {"text": claim})
    if result:
        found = result["result"]
        check(found["verdict"] == "normalized" and any(o["start"] == source["start"] and o["end"] == source["end"]
                                                      and o["text"] == verbatim for o in found["occurrences"]),
              f"{label}: verify_quote finds the upper-cased, double-spaced quote only normalised, at the original offsets")
    others = [a["id"] for a in rest(server, "/v1/actors?limit=500")["data"] if a["id"] != quote["speaker"]["id"]]
    result = await call("verify_quote", {"text": verbatim, "speaker": others[0], "document": source["document"]["id"]})
    if result:
        found = result["result"]
        mismatch = [o["speaker_mismatch"] for o in found["occurrences"] if o["speaker_mismatch"]]
        check(found["speaker_check"] == "differs" and mismatch and quote["speaker"]["id"] in mismatch[0]["attributed"],
              f"{label}: verify_quote states the mismatch when {others[0]} is claimed for {quote['id']}")
    result = await call("verify_quote", {"text": "this sentence is in no document qzx"})
    if result:
        check(result["result"]["verdict"] == "not_found" and result["result"]["occurrences"] == [],
              f"{label}: verify_quote says not_found for words no document holds")


def check_citation(server, citation, label, text_block):
    """The citation's text is the document's text at its offsets (Python indexes by Unicode
    scalar, as the offsets count), its hash the text's, and the text block quotes it."""
    body = server.get(f"/v1/documents/{citation['document']}/text")[2]
    text = body.decode()
    ok = (text[citation["start"]:citation["end"]] == citation["text"]
          and hashlib.sha256(body).hexdigest() == citation["sha256"]
          and f"“{citation['text']}”" in text_block)
    if not ok:
        check(False, f"{label}: citation {citation['document']} {citation['start']}..{citation['end']} does not match the source")


# --- raw JSON-RPC -------------------------------------------------------------------------

def raw_checks(server):
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}}
    # Transport.
    for method in ["GET", "DELETE"]:
        status, headers, _, _ = post(server, None, method=method)
        check(status == 405 and headers.get("allow") == "POST, OPTIONS", f"raw: {method} /mcp is 405 with Allow: POST, OPTIONS")
    status, headers, parsed, _ = post(server, initialize)
    check(status == 200 and "mcp-session-id" not in headers, "raw: initialize mints no Mcp-Session-Id")
    # Parse and shape errors: 400, no id when none could be read.
    for body, code, what in [(b'{"jsonrpc": "2.0", "id": 1, "method": ', -32700, "truncated JSON"),
                             (b"\xff\xfe", -32700, "invalid UTF-8"),
                             (b"[" * 40 + b"]" * 40, -32700, "an array nested past the parser's depth"),
                             (b'{"a":' * 40 + b"1" + b"}" * 40, -32700, "nesting past the parser's depth"),
                             (json.dumps([initialize, initialize]).encode(), -32600, "a batch"),
                             (b'"initialize"', -32600, "a string, not an object"),
                             (b'{"jsonrpc":"1.0","id":1,"method":"ping"}', -32600, "jsonrpc 1.0"),
                             (b'{"jsonrpc":"2.0","id":null,"method":"ping"}', -32600, "a null id"),
                             (b'{"jsonrpc":"2.0","id":1.5,"method":"ping"}', -32600, "a fractional id"),
                             (b'{"jsonrpc":"2.0","id":1,"method":7}', -32600, "a method that is not a string"),
                             (b'{"jsonrpc":"2.0","id":1,"method":"ping","params":[1]}', -32602, "params as an array"),
                             (b"", -32700, "an empty body")]:
        status, _, parsed, raw = post(server, body)
        check(status == 400 and error_code(parsed) == code, f"raw: {what} is 400 with {code} (got {status} {raw[:100]!r})")
    status, _, parsed, _ = post(server, b'{"jsonrpc":"2.0","id":"x","method":"ping","unknown":{"nested":[1,2]}}')
    check(status == 200 and parsed.get("result") == {} and parsed["id"] == "x", "raw: unknown members are ignored (ping answers)")
    status, _, parsed, _ = post(server, {"jsonrpc": "2.0", "id": 9007199254740993, "method": "ping"})
    check(status == 400 and error_code(parsed) == -32600 and "id" not in parsed,
          "raw: an id beyond 2^53 is an Invalid Request without an id, not rounded")
    status, _, _, raw = post(server, b'{"jsonrpc":"2.0","method":"ping","params":{"s":"' + b"x" * (2 * 1024 * 1024) + b'"}}')
    check(status == 413, f"raw: a body over max_body_bytes is 413 ({status})")

    # Notifications: 202, no body, both eras.
    for headers, what in [({}, "handshake era"), ({"MCP-Protocol-Version": MODERN}, "2026-07-28")]:
        params = {"_meta": meta()} if headers else {}
        status, _, _, raw = post(server, {"jsonrpc": "2.0", "method": "notifications/initialized", "params": params}, headers)
        check(status == 202 and raw == b"", f"raw: a notification ({what}) is 202 with no body")
    status, _, _, raw = post(server, {"jsonrpc": "2.0", "id": 5, "result": {}})
    check(status == 202 and raw == b"", "raw: a client's response (handshake era) is 202")

    # Origin.
    status, _, parsed, _ = post(server, initialize, {"Origin": "http://evil.example"})
    check(status == 403 and error_code(parsed) == -32600 and "id" not in parsed, "raw: a foreign Origin is 403, a JSON-RPC error without id")
    status, _, _, _ = post(server, initialize, {"Origin": ALLOWED_ORIGIN})
    check(status == 200, "raw: an Origin on mcp_origins is served")

    # The handshake era.
    for version in LEGACY + ["2024-11-05", "2099-01-01"]:
        body = dict(initialize, params=dict(initialize["params"], protocolVersion=version))
        status, _, parsed, _ = post(server, body)
        expected = version if version in LEGACY else LEGACY[0]
        check(status == 200 and parsed["result"]["protocolVersion"] == expected and "resultType" not in parsed["result"],
              f"raw: initialize asking {version} negotiates {expected}")
        if version in LEGACY:
            status, _, parsed, _ = post(server, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}, {"MCP-Protocol-Version": version})
            check(status == 200 and len(parsed["result"]["tools"]) > 10, f"raw: tools/list under MCP-Protocol-Version {version}")
    status, _, parsed, _ = post(server, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
    check(status == 200 and "tools" in parsed["result"], "raw: no header and no _meta is 2025-03-26, served")
    status, _, parsed, _ = post(server, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}, {"MCP-Protocol-Version": "2024-01-01"})
    check(status == 400 and error_code(parsed) == -32022 and MODERN in parsed["error"]["data"]["supported"],
          "raw: an unsupported MCP-Protocol-Version is 400, naming the supported versions")
    status, _, parsed, _ = post(server, {"jsonrpc": "2.0", "id": 3, "method": "no/such"})
    check(status == 200 and error_code(parsed) == -32601, "raw: handshake era: an unknown method is -32601 with 200")
    status, _, parsed, _ = post(server, {"jsonrpc": "2.0", "id": 3, "method": "ping"})
    check(status == 200 and parsed["result"] == {}, "raw: handshake era: ping answers {}")
    status, _, parsed, _ = post(server, {"jsonrpc": "2.0", "id": 4, "method": "initialize", "params": {}})
    check(status == 200 and error_code(parsed) == -32602, "raw: initialize without protocolVersion is -32602")

    # 2026-07-28: _meta and the headers.
    status, _, parsed, _ = modern(server, "server/discover")
    result = (parsed or {}).get("result", {})
    check(status == 200 and result.get("resultType") == "complete" and result.get("ttlMs", -1) >= 0
          and result.get("cacheScope") == "public" and MODERN in result.get("supportedVersions", []),
          "raw: server/discover has resultType, ttlMs, cacheScope and the versions")
    status, _, parsed, _ = modern(server, "tools/list")
    check(status == 200 and parsed["result"]["resultType"] == "complete" and "ttlMs" in parsed["result"], "raw: tools/list carries caching hints")
    for headers, what in [({"MCP-Protocol-Version": None}, "no MCP-Protocol-Version"),
                          ({"MCP-Protocol-Version": "2025-11-25"}, "MCP-Protocol-Version differing from _meta"),
                          ({"Mcp-Method": None}, "no Mcp-Method"),
                          ({"Mcp-Method": "tools/call"}, "Mcp-Method differing from the body")]:
        status, _, parsed, _ = modern(server, "tools/list", headers=headers)
        check(status == 400 and error_code(parsed) == -32020, f"raw: {what} is 400 HeaderMismatch")
    call = {"name": "search", "arguments": {"query": "nato"}}
    status, _, parsed, _ = modern(server, "tools/call", call, name="search")
    check(status == 200 and parsed["result"]["isError"] is False and parsed["result"]["resultType"] == "complete",
          "raw: tools/call with matching Mcp-Name")
    status, _, parsed, _ = modern(server, "tools/call", call, name="get_record")
    check(status == 400 and error_code(parsed) == -32020, "raw: Mcp-Name differing from params.name is 400 HeaderMismatch")
    status, _, parsed, _ = modern(server, "tools/call", call)
    check(status == 400 and error_code(parsed) == -32020, "raw: tools/call without Mcp-Name is 400 HeaderMismatch")
    encoded = "=?base64?" + base64.b64encode(b"search").decode() + "?="
    status, _, parsed, _ = modern(server, "tools/call", call, name=encoded)
    check(status == 200, "raw: a Base64-encoded Mcp-Name is decoded before comparing")
    uri = "lattice://documents/" + rest(server, "/v1/documents?limit=1")["data"][0]["id"]
    status, _, parsed, _ = modern(server, "resources/read", {"uri": uri}, name=uri)
    check(status == 200 and parsed["result"]["contents"][0]["uri"] == uri and "ttlMs" in parsed["result"],
          "raw: resources/read with Mcp-Name = params.uri")
    status, _, parsed, _ = modern(server, "resources/read", {"uri": "lattice://documents/nope"}, name="lattice://documents/nope")
    check(status == 200 and error_code(parsed) == -32602 and parsed["error"]["data"]["uri"] == "lattice://documents/nope",
          "raw: 2026-07-28: an unknown resource is -32602 with its uri")
    status, _, parsed, _ = post(server, {"jsonrpc": "2.0", "id": 1, "method": "resources/read", "params": {"uri": "lattice://documents/nope"}})
    check(status == 200 and error_code(parsed) == -32002, "raw: handshake era: an unknown resource is -32002")
    status, _, parsed, _ = modern(server, "tools/list", {"_meta": meta("1900-01-01")}, headers={"MCP-Protocol-Version": "1900-01-01"})
    check(status == 400 and error_code(parsed) == -32022 and parsed["error"]["data"]["requested"] == "1900-01-01",
          "raw: an unsupported _meta version is 400 UnsupportedProtocolVersion")
    status, _, parsed, _ = modern(server, "tools/list", {"_meta": {"io.modelcontextprotocol/protocolVersion": MODERN}})
    check(status == 400 and error_code(parsed) == -32602, "raw: _meta without clientCapabilities is 400 -32602")
    for method in ["no/such", "ping", "initialized"]:
        status, _, parsed, _ = modern(server, method)
        check(status == 404 and error_code(parsed) == -32601, f"raw: 2026-07-28: {method} is 404 -32601")
    status, _, parsed, _ = modern(server, "tools/call", {"name": "no_such_tool"}, name="no_such_tool")
    check(status == 200 and error_code(parsed) == -32602, "raw: an unknown tool is -32602")
    status, _, parsed, _ = modern(server, "tools/call", {"name": "search", "arguments": {"query": 5}}, name="search")
    check(status == 200 and error_code(parsed) == -32602 and "query" in parsed["error"]["message"],
          "raw: an argument of the wrong type is -32602 naming it")
    status, _, parsed, _ = modern(server, "tools/call", {"name": "search", "arguments": {"query": "x", "colour": "red"}}, name="search")
    check(status == 200 and error_code(parsed) == -32602 and "colour" in parsed["error"]["message"],
          "raw: an unknown argument is -32602 naming it")
    status, _, parsed, _ = modern(server, "tools/call", {"name": "verify_quote", "arguments": {"text": "x" * 2001}}, name="verify_quote")
    check(status == 200 and parsed["result"]["isError"], "raw: a claim over the bound is a tool error")

    # Metrics and REST unchanged.
    check(server.metric("lattice_http_requests_total", 'route="/mcp",method="POST"') > 0, "raw: /metrics counts POST /mcp")
    status, _, _ = server.get("/v1/actors/japan")
    check(status == 200, "raw: REST still answers")


def main():
    settings = {"seeds": "seeds", "log_level": "error", "mcp_origins": [ALLOWED_ORIGIN]}
    with Lattice(BINARY, settings, name="lattice-mcp") as server:
        status, _, parsed, _ = modern(server, "tools/list")
        expected_tools = [t["name"] for t in parsed["result"]["tools"]]
        for mode in [MODERN, "auto", "legacy"]:
            asyncio.run(sdk_session(server, mode, expected_tools))
        raw_checks(server)
        finish("MCP", server.log_path)


if __name__ == "__main__":
    main()
