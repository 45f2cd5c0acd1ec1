from tender.extensions import db
from tests.bids.helpers import Uploader, qualified_bidder, sealed_tender


def test_smoke(app, client, login):
    sealed = sealed_tender()
    bidder = qualified_bidder(sealed.tender)
    db.session.commit()
    login(bidder)
    up = Uploader(client, sealed.tender.id)
    up.full_bid()
    r = client.post(f"/my/bids/{sealed.tender.id}/submit")
    assert r.status_code == 302, r.get_data(as_text=True)
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "回执编号" in page
    page = client.get(f"/my/bids/{sealed.tender.id}").get_data(as_text=True)
    assert "已递交" in page
