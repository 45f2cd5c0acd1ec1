"""The app starts on the configured database and serves its public pages."""


def test_home_lists_no_tenders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "暂无已发布的招标项目" in response.get_data(as_text=True)


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
