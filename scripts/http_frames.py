"""What a server sent on one connection, split into responses by their framing
(Content-Length, chunked, close-delimited; no body for HEAD, 1xx, 204 and 304), so that a
second response to one request, or body bytes after the head of a HEAD response, are seen
for what they are. Used by scripts/abuse_test.py."""
import re
import select
import socket
import threading
import time

STATUS_LINE = re.compile(rb"HTTP/1\.[0-9] ([0-9]{3})[^\r\n]*\r\n")


class Response:
    def __init__(self, status, head, body, complete=True):
        self.status, self.head, self.body, self.complete = status, head, body, complete
        self.headers = {}
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            self.headers[name.strip().lower().decode(errors="replace")] = value.strip().decode(errors="replace")

    @property
    def final(self):
        return self.status >= 200

    def __repr__(self):
        return f"{self.status}" + ("" if self.complete else "(cut)")


def read_until_close(s, timeout=5.0, quiet=None, limit=256 << 20):
    """Everything the peer sends until it closes or resets the connection, `timeout` seconds
    pass, or (if `quiet` is given) nothing arrives for `quiet` seconds. Returns (bytes, how)
    with how one of "closed", "reset", "timeout", "quiet"."""
    data = bytearray()
    deadline = time.monotonic() + timeout
    last = time.monotonic()
    while len(data) < limit:
        now = time.monotonic()
        if now >= deadline:
            return bytes(data), "timeout"
        wait = deadline - now
        if quiet is not None:
            if now - last >= quiet:
                return bytes(data), "quiet"
            wait = min(wait, quiet - (now - last))
        poller = select.poll()  # not select(): descriptors may be past 1024 here
        poller.register(s, select.POLLIN)
        if not poller.poll(max(1, int(wait * 1000))):
            continue
        try:
            chunk = s.recv(1 << 20)  # readable: returns at once
        except OSError:
            return bytes(data), "reset"
        if not chunk:
            return bytes(data), "closed"
        data += chunk
        last = time.monotonic()
    return bytes(data), "limit"


def _chunked_end(data, pos):
    """The offset just past a chunked body that starts at pos, or None if it is cut short."""
    while True:
        line_end = data.find(b"\r\n", pos)
        if line_end < 0:
            return None
        try:
            size = int(data[pos:line_end].split(b";")[0], 16)
        except ValueError:
            return None
        pos = line_end + 2
        if size == 0:
            end = data.find(b"\r\n\r\n", pos - 2)  # trailers, then the empty line
            return None if end < 0 else end + 4
        pos += size + 2
        if pos > len(data):
            return None


def split_responses(data, head_request=False):
    """Parses everything one request got back as consecutive responses. Returns (responses,
    stray): stray counts bytes outside any response's framing, such as a body after the head
    of a response to HEAD. A response cut short by the close is kept with complete=False."""
    responses, stray, pos = [], 0, 0
    while pos < len(data):
        match = STATUS_LINE.match(data, pos)
        if not match:
            following = STATUS_LINE.search(data, pos)
            end = following.start() if following else len(data)
            stray += end - pos
            pos = end
            continue
        head_end = data.find(b"\r\n\r\n", pos)
        if head_end < 0:
            responses.append(Response(int(match.group(1)), data[pos:], b"", complete=False))
            break
        response = Response(int(match.group(1)), data[pos:head_end], b"")
        pos = head_end + 4
        length = response.headers.get("content-length")
        if head_request or response.status < 200 or response.status in (204, 304):
            pass
        elif "chunked" in response.headers.get("transfer-encoding", "").lower():
            end = _chunked_end(data, pos)
            response.complete = end is not None
            end = len(data) if end is None else end
            response.body, pos = data[pos:end], end
        elif length is not None and length.isdigit():
            end = pos + int(length)
            response.complete = end <= len(data)
            response.body, pos = data[pos:end], min(end, len(data))
        else:  # delimited by the close
            response.body, pos = data[pos:], len(data)
        responses.append(response)
    return responses, stray


def exchange(port, raw, timeout=5.0, head_request=False, quiet=None, stall=0.0, rest=b""):
    """Sends raw on a fresh connection (then, after `stall` seconds, rest) from a thread while
    reading until the server closes (or the timeouts); returns (responses, stray, how)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send():
        try:
            s.sendall(raw)
            if stall:
                time.sleep(stall)
            if rest:
                s.sendall(rest)
        except OSError:
            pass  # answered and closed before it took everything: what came back still counts

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        data, how = read_until_close(s, timeout + stall, quiet)
    finally:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sender.join(timeout=timeout)
        s.close()
    responses, stray = split_responses(data, head_request)
    return responses, stray, how
