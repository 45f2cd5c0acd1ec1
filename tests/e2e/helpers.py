"""Small steps shared by browser tests."""
from __future__ import annotations

from tests.factories import PASSWORD


def log_in(page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_selector("text=欢迎")
