# privlab's mitmdump addon: one JSON line per event on file descriptor 3 ("start" when a request's
# headers arrive, "flow" when the exchange ends). Bodies are streamed through and only their head,
# up to PRIVLAB_MAX_BODY bytes, is kept, so memory stays bounded whatever their size.
import base64
import json
import os
import re
import time

from mitmproxy import http

HOSTMAP = {k.lower(): v for k, v in json.loads(os.environ.get("PRIVLAB_HOSTMAP", "{}")).items()}
HARNESS = re.compile(os.environ["PRIVLAB_HARNESS_RE"], re.I) if os.environ.get("PRIVLAB_HARNESS_RE") else None
LIMIT = int(os.environ.get("PRIVLAB_MAX_BODY", "33554432"))
OUT = os.fdopen(3, "w")


def emit(record):
    OUT.write(json.dumps(record, separators=(",", ":")) + "\n")
    OUT.flush()


class Head:
    """A stream callable: passes chunks on unchanged, keeps the first LIMIT bytes, counts all."""

    def __init__(self, data=b""):
        self.chunks, self.kept, self.seen = [], 0, 0
        self(data or b"")

    def __call__(self, data):
        self.seen += len(data)
        if self.kept < LIMIT and data:
            part = data[: LIMIT - self.kept]
            self.chunks.append(part)
            self.kept += len(part)
        return data

    def dump(self):
        return {"b64": base64.b64encode(b"".join(self.chunks)).decode("ascii"), "total": self.seen}


def fields(headers):
    # Node decodes header bytes as latin-1; do the same so both engines record identical strings.
    return [[k.decode("latin-1"), v.decode("latin-1")] for k, v in headers.fields]


def request_head(req, url):
    return {"url": url, "method": req.method, "httpVersion": req.http_version.replace("HTTP/", ""), "headers": fields(req.headers)}


def requestheaders(flow: http.HTTPFlow):
    req = flow.request
    flow.metadata["privlab"] = {"url": req.url, "start": time.time()}
    emit({"t": "start", "id": flow.id, **request_head(req, req.url)})
    if HARNESS and HARNESS.match(req.host):
        flow.metadata["privlab_harness"] = True  # answered locally in request(): no Internet here
        return
    target = HOSTMAP.get(req.host.lower())
    if target:
        host_header = req.host_header
        host, port = target.rsplit(":", 1)
        req.scheme, req.host, req.port = "http", host, int(port)
        if host_header is not None:
            req.host_header = host_header  # the sample app sees the realistic name
    flow.metadata["privlab_req"] = req.stream = Head()


def request(flow: http.HTTPFlow):
    if flow.metadata.get("privlab_harness"):
        flow.response = http.Response.make(204)


def responseheaders(flow: http.HTTPFlow):
    if not flow.metadata.get("privlab_harness"):
        flow.metadata["privlab_res"] = flow.response.stream = Head()


def response(flow: http.HTTPFlow):
    finish(flow)


def error(flow: http.HTTPFlow):
    finish(flow)


def finish(flow: http.HTTPFlow):
    meta = flow.metadata.get("privlab")
    if not meta or meta.get("done"):
        return
    meta["done"] = True
    req, res = flow.request, flow.response
    req_body = flow.metadata.get("privlab_req") or Head(req.raw_content)
    record = {"t": "flow", "id": flow.id, **request_head(req, meta["url"]), "requestBody": req_body.dump()}
    end = time.time()
    if res is not None:
        res_body = flow.metadata.get("privlab_res") or Head(res.raw_content)
        record.update(status=res.status_code, statusText=res.reason, responseHeaders=fields(res.headers), responseBody=res_body.dump())
        end = res.timestamp_end or end
    if flow.error:
        record["error"] = f"{flow.error.msg} (upstream {req.host}:{req.port})"
    record["durationMs"] = (end - meta["start"]) * 1000
    emit(record)
