"""The bidders' side over HTTP, as the upload page's script drives it: log in, start, PUT chunks, complete, submit.

One `Browser` per bidder: its own cookies and CSRF token, a fresh connection per request
when the server closes it (gunicorn's sync workers do after every response). A chunk
refused with 409 resumes where the server says; a dropped connection asks the server
for the offset and resumes, as the script does, up to `RETRIES` times.
"""
from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import time
import urllib.parse

from benchmarks.rush.bids import BidderSpec, chunk_end, chunks

RETRIES = 5
LOGIN_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PAGE_TOKEN = re.compile(r'data-csrf="([^"]+)"')


class Refused(Exception):
    """The server said no (a late chunk, a failed check): the bid is not in."""


class Browser:
    def __init__(self, port: int):
        self.port, self.cookies, self.csrf = port, {}, ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """(status, headers, body) with the cookies kept; one reconnect when the server closed the connection."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(RETRIES):
            try:
                self.conn.request(method, path, body=body, headers={"Cookie": cookie, **(headers or {})})
                response = self.conn.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.HTTPException, TimeoutError):
                self.conn.close()
                if attempt == RETRIES - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.split(";", 1)[0].partition("=")
                self.cookies[key.strip()] = rest
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, response, data

    def form(self, path: str, fields: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({"csrf_token": self.csrf, **fields}).encode()
        status, response, _ = self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        return status, response.getheader("Location", "")

    def json(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        payload = json.dumps(body).encode() if body is not None else None
        status, _, data = self.request(method, path, payload, {"Content-Type": "application/json",
                                                               "Accept": "application/json",
                                                               "X-CSRFToken": self.csrf})
        return status, json.loads(data or b"{}")

    def login(self, email: str, password: str, tender_id: int) -> None:
        _, _, page = self.request("GET", "/login")
        self.csrf = LOGIN_TOKEN.search(page.decode()).group(1)
        status, _ = self.form("/login", {"email": email, "password": password})
        if status != 302:
            raise Refused(f"login {email}: HTTP {status}")
        _, _, page = self.request("GET", f"/my/bids/{tender_id}")
        found = PAGE_TOKEN.search(page.decode())
        if found is None:
            raise Refused(f"{email}: the bid page has no upload form")
        self.csrf = found.group(1)


def upload_file(browser: Browser, base: str, spec, chunk: int, chunk_max: int) -> None:
    status, started = browser.json("POST", f"{base}/uploads", {"part": spec.part, "filename": spec.filename,
                                                              "size": spec.size, "sha256": spec.sha256})
    if status != 200:
        raise Refused(f"start {spec.part}: {status} {started.get('message')}")
    url = started["url"]
    offset = started["offset"]
    while offset < spec.size:
        with open(spec.path, "rb") as source:  # as the browser slices the chosen file
            data = os.pread(source.fileno(), chunk_end(offset, spec.size, chunk, chunk_max) - offset, offset)
        status, _, body = browser.request("PUT", f"{url}?offset={offset}", data, {
            "Content-Type": "application/octet-stream", "X-Chunk-SHA256": hashlib.sha256(data).hexdigest(),
            "X-CSRFToken": browser.csrf, "Accept": "application/json"})
        reply = json.loads(body or b"{}")
        if status in (200, 409):
            offset = reply["offset"]
        else:
            raise Refused(f"chunk {spec.part}@{offset}: {status} {reply.get('message')}")
    status, done = browser.json("POST", started["complete_url"], {})
    if status != 200:
        raise Refused(f"complete {spec.part}: {status} {done.get('message')}")


def submit_bid(browser: Browser, tender_id: int, bidder: BidderSpec, chunk: int, chunk_max: int) -> dict:
    """Every part, the price form, the submission; returns the downloaded receipt (回执) document."""
    base = f"/my/bids/{tender_id}"
    for spec in bidder.files:
        upload_file(browser, base, spec, chunk, chunk_max)
    status, where = browser.form(f"{base}/price", bidder.price)
    if status != 302:
        raise Refused(f"price form: HTTP {status}")
    status, where = browser.form(f"{base}/submit", {})
    if status != 302 or "/receipts/" not in where:
        raise Refused(f"submit: HTTP {status} to {where or 'nowhere'}")
    path = urllib.parse.urlsplit(where).path
    status, _, data = browser.request("GET", f"{path}/download")
    if status != 200:
        raise Refused(f"receipt download: HTTP {status}")
    return json.loads(data)


def plain_upload(port: int, bidder: BidderSpec, chunk: int, chunk_max: int) -> None:
    """The peer: the same files in the same chunks as raw PUT bodies to a bare WSGI app, no login, no sealing."""
    browser = Browser(port)
    for spec in bidder.files:
        for offset, data in chunks(spec.path, chunk, chunk_max):
            status, _, body = browser.request("PUT", f"/{bidder.number}/{spec.part}?offset={offset}", data,
                                              {"Content-Type": "application/octet-stream"})
            if status != 200:
                raise Refused(f"plain {spec.part}@{offset}: HTTP {status} {body[:200]!r}")
