"""The experts' side over HTTP, as the score sheet's script drives it: log in, open the sheet, post one cell a time.

One `Browser` (benchmarks.rush.client) per expert: its own cookies, the CSRF token from the
sheet page's `data-csrf`, and each cell's version from its row, as the script reads them.
Every few seconds (uniformly 2 to 4 s) the expert changes one random cell, posting it with
the version it last saw; the server's reply carries the new version. Each post's latency is
kept, and the last confirmed (score, reason, version) of every cell, to compare with the
database afterwards.
"""
from __future__ import annotations

import random
import re
import time

from benchmarks.rush.client import LOGIN_TOKEN, Browser, Refused

SHEET_TOKEN = re.compile(r'id="score-sheet"[^>]*data-csrf="([^"]+)"', re.S)
ROW = re.compile(r'data-cell="(\d+:[^"]+)"[^>]*data-version="(\d+)"')
PAUSE = (2.0, 4.0)


class Expert:
    def __init__(self, port: int, spec, password: str, seed: int):
        self.spec, self.password = spec, password
        self.browser, self.random = Browser(port), random.Random(seed)
        self.versions: dict[str, int] = {}
        self.confirmed: dict[str, tuple[str, str, int]] = {}
        self.latencies: list[float] = []
        self.errors: list[str] = []

    @property
    def sheet_path(self) -> str:
        return f"/evaluation/tenders/{self.spec.tender_id}/sheet"

    def login(self) -> None:
        b = self.browser
        _, _, page = b.request("GET", "/login")
        b.csrf = LOGIN_TOKEN.search(page.decode()).group(1)
        status, _ = b.form("/login", {"email": self.spec.email, "password": self.password})
        if status != 302:
            raise Refused(f"login {self.spec.email}: HTTP {status}")
        self.reload()

    def reload(self) -> None:
        """What a reload does: the page's token and every row's version."""
        status, _, page = self.browser.request("GET", self.sheet_path)
        text = page.decode()
        token = SHEET_TOKEN.search(text)
        if status != 200 or token is None:
            raise Refused(f"{self.spec.email}: sheet page HTTP {status} without a score sheet")
        self.browser.csrf = token.group(1)
        self.versions = {cell: int(version) for cell, version in ROW.findall(text)}
        if set(self.versions) != set(self.spec.cells):
            raise Refused(f"{self.spec.email}: the page shows {len(self.versions)} cells, "
                          f"staged {len(self.spec.cells)}")

    def save_one(self, n: int) -> None:
        cell = self.random.choice(sorted(self.spec.cells))
        bid, criterion = cell.split(":", 1)
        score = self.random.choice(self.spec.cells[cell])
        reason = f"专家{self.spec.number}第{n}次修改：{criterion}"
        body = {"bid_id": int(bid), "criterion": criterion, "score": score, "reason": reason,
                "version": self.versions[cell]}
        if cell in self.spec.counted:  # a counted item posts the count; the reply carries its points
            body |= {"score": None, "count": score}
        began = time.perf_counter()
        status, reply = self.post(cell, body)
        self.latencies.append(time.perf_counter() - began)
        if status != 200:
            self.errors.append(f"{cell}: HTTP {status} {reply.get('error', '')}"[:200])
            return
        got = reply["cell"]
        self.versions[cell] = got["version"]
        self.confirmed[cell] = (got["score"], got["reason"], got["version"])

    def post(self, cell: str, body: dict) -> tuple[int, dict]:
        return self.browser.json("POST", f"{self.sheet_path}/cells", body)

    def run(self, until: float) -> None:
        n = 0
        while True:
            time.sleep(self.random.uniform(*PAUSE))
            if time.time() >= until:
                return
            n += 1
            self.save_one(n)


class PlainExpert(Expert):
    """The same expert against the peer: no login, every cell starting at version 0 as staged."""

    def login(self) -> None:
        self.versions = dict.fromkeys(self.spec.cells, 0)

    def post(self, cell: str, body: dict) -> tuple[int, dict]:
        return self.browser.json("POST", f"/{self.spec.user_id}", {**body, "cell": cell})
