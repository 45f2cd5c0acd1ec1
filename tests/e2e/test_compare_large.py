"""Issue 8, defect 6: the reader of two 300-page bids opens with one part per side and fetches
the rest; a click far down fetches the partner's part, scrolls to it and highlights it."""
from __future__ import annotations

import pytest

from benchmarks.reader.bids import add_comparison
from tender.auth.roles import Role
from tender.extensions import db
from tender.similarity.reader import side_by_side
from tests.e2e.helpers import log_in
from tests.factories import make_user

pytestmark = pytest.mark.e2e

SHOWN = """el => { const p = el.closest('.reader-pane').getBoundingClientRect();
    const r = el.getBoundingClientRect(); return r.bottom > p.top && r.top < p.bottom; }"""


def test_jump_from_the_last_page_fetches_and_highlights_the_partner(app, site, browser):
    staff = make_user(Role.STAFF, email="big@e2e.cn")
    db.session.commit()
    comparison = add_comparison(staff)
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    log_in(page, site, "big@e2e.cn")
    page.goto(f"{site}/similarity/comparisons/{comparison.id}")
    page.wait_for_selector("#pane-a [data-p]")
    assert page.locator("#pane-a .part[data-loaded]").count() == 1
    assert page.locator("#pane-b .part[data-loaded]").count() == 1
    page.uncheck("#sync-toggle")  # so only the click can bring in the other side's part

    last = page.locator("#pane-a .part").count() - 1
    page.wait_for_function(f"""() => {{ const pane = document.getElementById('pane-a');
        pane.scrollTop = pane.scrollHeight;
        return pane.querySelector('.part[data-part="{last}"][data-loaded]') !== null; }}""", polling=200)
    assert "第 300 页" in page.inner_text(f'#pane-a .part[data-part="{last}"]')

    # a passage on A's last part whose partner sits in a part of B not loaded yet
    pid = page.evaluate(f"""() => {{
        const index = JSON.parse(document.getElementById('reader-index').textContent).passages;
        for (const el of document.querySelectorAll('#pane-a .part[data-part="{last}"] [data-p]')) {{
          const part = index[Number(el.dataset.p)][1];
          if (part > 0 && !document.querySelector(`#pane-b .part[data-part="${{part}}"][data-loaded]`))
            return el.dataset.p;
        }}
        return null; }}""")
    assert pid is not None
    passage = comparison.report["passages"][int(pid)]
    assert page.locator(f'#pane-b [data-p="{pid}"]').count() == 0

    source = page.locator(f'#pane-a [data-p="{pid}"]').first
    source.scroll_into_view_if_needed()
    source.click()
    partner = page.locator(f'#pane-b [data-p="{pid}"]').first
    partner.wait_for(state="attached")
    page.wait_for_selector(f'#pane-b [data-p="{pid}"].current')
    # The pane scrolls after the part arrives; on a busy machine that can take a few frames.
    page.wait_for_function(f"""() => ({SHOWN})(document.querySelector('#pane-b [data-p="{pid}"].current'))""",
                           polling=100, timeout=10_000)
    assert partner.inner_text() in comparison.doc_b.text[passage["b_start"]:passage["b_end"]]
    assert "current" in (source.get_attribute("class") or "")
    assert partner.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"

    # the jump box brings both sides of another far passage into view
    left, right, _ = side_by_side(comparison.report, comparison.doc_a.text, comparison.doc_b.text)
    both = sorted({s.passage for s in left} & {s.passage for s in right} - {-1})
    far = both[len(both) // 2]
    page.fill("#jump-passage", str(far + 1))
    page.click("#jump-form button")
    page.wait_for_selector(f'#pane-a [data-p="{far}"].current')
    page.wait_for_selector(f'#pane-b [data-p="{far}"].current')
    assert page.locator(f'#pane-a [data-p="{far}"]').first.evaluate(SHOWN)
    assert page.locator(f'#pane-b [data-p="{far}"]').first.evaluate(SHOWN)

    # synchronised scrolling follows A into a part of B that is not loaded yet: bring in a part of
    # A whose first passage has its partner in such a part, then scroll A to that passage
    target = None
    for k in range(2, last):
        part = page.locator(f'#pane-a .part[data-part="{k}"]')
        if part.get_attribute("data-loaded") is not None:
            continue
        part.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_selector(f'#pane-a .part[data-part="{k}"][data-loaded] [data-p]')
        first = int(page.locator(f'#pane-a .part[data-part="{k}"] [data-p]').first.get_attribute("data-p"))
        if first in both and page.locator(f'#pane-b [data-p="{first}"]').count() == 0:
            target = first
            break
    assert target is not None
    page.check("#sync-toggle")
    page.locator(f'#pane-a [data-p="{target}"]').first.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_function(f"""() => {{ const el = document.querySelector('#pane-b [data-p="{target}"]');
        if (!el) return false; const p = el.closest('.reader-pane').getBoundingClientRect();
        const r = el.getBoundingClientRect(); return r.bottom > p.top && r.top < p.bottom; }}""")
