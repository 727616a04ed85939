# privlab's mitmdump addon: one JSON line per event on file descriptor 3 ("start" when a request's
# headers arrive, "flow" when the exchange ends). Bodies are streamed through and only their head,
# up to PRIVLAB_MAX_BODY bytes, is kept, so memory stays bounded whatever their size.
import base64
import ipaddress
import json
import os
import re
import socket
import time

from mitmproxy import http

HOSTMAP = {k.lower(): v for k, v in json.loads(os.environ.get("PRIVLAB_HOSTMAP", "{}")).items()}
HARNESS = re.compile(os.environ["PRIVLAB_HARNESS_RE"], re.I) if os.environ.get("PRIVLAB_HARNESS_RE") else None
LIMIT = int(os.environ.get("PRIVLAB_MAX_BODY", "33554432"))
OUT = os.fdopen(3, "w")
# Who may use the proxy and where it may forward (see listener-policy.ts): an allow-list of client
# networks, and no forwarding to this machine's own addresses when the proxy serves other devices.
ALLOW = [ipaddress.ip_network(c, strict=False) for c in os.environ.get("PRIVLAB_ALLOW_CLIENTS", "").split(",") if c]
GUARD_UPSTREAM = os.environ.get("PRIVLAB_GUARD_UPSTREAM") == "1"
OWN_ADDRESSES = set(json.loads(os.environ.get("PRIVLAB_OWN_ADDRESSES", "[]")))
REFUSED = "privlab: this proxy does not forward to the capture machine's own addresses (capture --allow-loopback-upstream)"


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


def plain_ip(address):
    ip = ipaddress.ip_address(address.split("%")[0])
    return ip.ipv4_mapped or ip if ip.version == 6 else ip


def client_connected(client):
    if ALLOW and not any(plain_ip(client.peername[0]) in net for net in ALLOW):
        client.error = "privlab: client address not in the allow-list (--allow)"


def reaches_this_machine(host):
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # unresolvable: the upstream connection fails on its own
    for info in infos:
        ip = plain_ip(info[4][0])
        if ip.is_loopback or ip.is_unspecified or str(ip) in OWN_ADDRESSES:
            return True
    return False


def http_connect(flow: http.HTTPFlow):
    if GUARD_UPSTREAM and reaches_this_machine(flow.request.host):
        flow.response = http.Response.make(403, REFUSED)


def request_head(req, url):
    return {"url": url, "method": req.method, "httpVersion": req.http_version.replace("HTTP/", ""), "headers": fields(req.headers)}


def requestheaders(flow: http.HTTPFlow):
    req = flow.request
    flow.metadata["privlab"] = {"url": req.url, "start": time.time()}
    emit({"t": "start", "id": flow.id, **request_head(req, req.url)})
    if HARNESS and HARNESS.match(req.host):
        flow.metadata["privlab_harness"] = True  # answered locally in request(): no Internet here
        return
    if GUARD_UPSTREAM and reaches_this_machine(req.host):
        flow.metadata["privlab_refused"] = True  # answered in request(), never forwarded
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
    elif flow.metadata.get("privlab_refused"):
        flow.response = http.Response.make(403, REFUSED)


def responseheaders(flow: http.HTTPFlow):
    if not flow.metadata.get("privlab_harness") and not flow.metadata.get("privlab_refused"):
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
