"""A live server on the test database (CSRF on) and Debian's chromium for Playwright."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import app_config

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt package chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]}


@pytest.fixture(scope="session")
def live_server(_app, database_url):
    from tender import create_app

    root = Path(_app.instance_path)
    config = app_config(database_url, root) | {"WTF_CSRF_ENABLED": True, "TESTING": False}
    config["STORAGE_PATH"] = _app.config["STORAGE_PATH"]
    del config["ARGON2_PROFILE"]  # a production app (TESTING off) hashes at production cost (tender/auth/kdf.py)
    with _app.app_context():  # one instance sealing key: what the test app seals (an opened key), the server opens
        from tender.instance_secrets import instance_secret

        config["SEALING_KEY"] = _app.config.get("SEALING_KEY") or instance_secret("sealing_key")
    web = create_app(config)
    web.instance_path = str(root)  # the test app's instance secrets (sealing and bid keys), as one deployment has
    server = make_server("127.0.0.1", 0, web, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture
def site(app, live_server):
    """Use in every browser test: the database is emptied afterwards through `app`."""
    return live_server
