#!/usr/bin/env python3
"""Writes the OpenAPI document with HEAD and OPTIONS spelled out as operations, for tools
that test every operation (scripts/schemathesis.sh).

/openapi.json documents only GET operations and says once, in info.description and
x-lattice-implicit-methods, that every path also answers HEAD and OPTIONS: generated
clients then carry no methods nobody calls. This script applies that statement to each
path, so schemathesis still tests both methods everywhere:

  HEAD     the path's GET, same parameters, statuses and headers, with no body (paths
           without a GET, POST /mcp, get none: HEAD there is 405 like GET);
  OPTIONS  204 with Allow (or a CORS preflight), the path parameters, and the rejections
           any request can get.

  curl -s localhost:8080/openapi.json | scripts/openapi_implicit_methods.py > explicit.json
"""
import copy
import json
import sys

REJECTIONS = ["400", "408", "413", "414", "431"]


def expand(document):
    implicit = document.get("x-lattice-implicit-methods", {})
    if set(implicit) != {"head", "options"}:
        sys.exit(f"x-lattice-implicit-methods names {sorted(implicit)}, expected head and options")
    for item in document["paths"].values():
        method = "get" if "get" in item else next(iter(item))
        operation = item[method]
        suffix = operation["operationId"][len(method):]
        if method == "get":
            head = copy.deepcopy(operation)
            head["operationId"] = "head" + suffix
            head["summary"] = "HEAD: " + operation["summary"]
            for response in head["responses"].values():
                if "$ref" not in response:
                    response.pop("content", None)  # the GET's own 200 (shared responses keep theirs)
            item["head"] = head
        path_parameters = [p for p in operation.get("parameters", []) if p.get("in") == "path"]
        responses = {"204": {"description": implicit["options"],
                             "headers": {"X-Request-Id": {"$ref": "#/components/headers/RequestId"}}}}
        if path_parameters:
            responses["404"] = {"$ref": "#/components/responses/NotFound"}
        references = {"400": "BadRequest", "408": "RequestTimeout", "413": "ContentTooLarge",
                      "414": "URITooLong", "431": "HeadersTooLarge"}
        for status in REJECTIONS:
            responses[status] = {"$ref": f"#/components/responses/{references[status]}"}
        item["options"] = {"operationId": "options" + suffix, "summary": "CORS preflight, or the allowed methods.",
                           "tags": operation.get("tags", []), "parameters": path_parameters, "responses": responses}
    return document


if __name__ == "__main__":
    json.dump(expand(json.load(sys.stdin)), sys.stdout, ensure_ascii=False)
