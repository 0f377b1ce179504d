"""``policykg serve`` in headless Chromium (Debian's, through Playwright, as the viz tests) against
the app served by uvicorn on a free port: a person's way through the seed plans, a download parsed
back, hostile text that never runs.

Screenshots are left in ``out/screenshots/`` (or ``$POLICYKG_SCREENSHOTS``) for a person to look at.
"""
from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest
from browser import SCREENSHOTS
from test_serve_fixtures import evil_server, evil_store, seeds_server, seeds_store  # noqa: F401 (fixtures)

NO_SCRIPT_RAN = "() => window.__pwned === undefined"


class Visit:
    """A browser page that may only reach the app's own server; what else it tried, and every
    console error and dialog, are recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.elsewhere: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_function("() => window.policykgWeb && window.policykgWeb.ready === true", timeout=30_000)

    def shoot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        self.page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 10_000

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, seeds_server):  # noqa: F811
    opened = Visit(browser, seeds_server)
    yield opened
    assert not opened.errors and not opened.elsewhere, (opened.errors, opened.elsewhere)
    opened.close()


def test_search_to_the_kon_tum_task_and_its_chain_with_evidence(visit):
    visit.go("/")
    visit.shoot("serve-home.png")
    visit.page.fill("form.big-search input[name=q]", "Nguyễn Tất Thành")
    visit.page.click("form.big-search button")
    visit.page.wait_for_selector("table[data-table=tasks]")
    visit.shoot("serve-search.png")
    row = visit.page.locator("table[data-table=tasks] tbody tr", has_text="Kon Tum").first
    row.locator("a").first.click()
    visit.page.wait_for_function("() => window.policykgWeb && window.policykgWeb.ready === true")
    chain = visit.page.inner_text("#chain")
    assert chain.index("91-KL/TW") < chain.index("29-NQ/TW") and ".txt:" in chain
    assert "Nguyễn Tất Thành" in visit.page.inner_text("#full-text")
    drawn = visit.page.evaluate("() => window.policykgWeb.network.body.data.nodes.length")
    assert 4 <= drawn <= 40  # the task, its chain and its agencies: small and focused
    visit.shoot("serve-task.png")


def test_kon_tum_place_page_ranks_its_agencies(visit):
    visit.go("/place/kon-tum?year=2025")
    ranks = visit.page.locator("table[data-table=overload] tbody tr td:nth-child(2)").all_inner_texts()
    assert len(ranks) > 3 and ranks[0] == "1"
    loads = [int(x) for x in visit.page.locator("table[data-table=overload] tbody tr td:nth-child(10)").all_inner_texts()]
    named = visit.page.locator("table[data-table=overload] tbody tr td:nth-child(1)").all_inner_texts()
    agencies = [load for kind, load in zip(named, loads) if kind == "cơ quan"]  # named agencies, in Vietnamese
    assert len(agencies) > 3 and agencies == sorted(agencies, reverse=True)
    visit.shoot("serve-place.png")


def test_a_csv_download_parses_back_with_pandas(visit):
    visit.go("/place/kon-tum")
    with visit.page.expect_download() as info:
        visit.page.click("#table-overload a.download[data-format=csv]")
    data = open(info.value.path(), "rb").read()
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert data[:3] == b"\xef\xbb\xbf" and {"agency", "load", "flagged"} <= set(frame.columns) and len(frame) > 3


def test_coverage_of_91_kl_lists_kon_tum_bac_kan_and_lai_chau(visit):
    visit.go("/doc/91-kl-tw")
    visit.shoot("serve-document.png")
    visit.page.click("#coverage-link")
    visit.page.wait_for_selector("table[data-table=coverage]")
    places = visit.page.locator("table[data-table=coverage] tbody tr td:first-child").all_inner_texts()
    assert {"Kon Tum", "Bắc Kạn", "Lai Châu"} <= set(places)
    visit.shoot("serve-coverage.png")


def test_english_switch(visit):
    visit.go("/")
    visit.page.click("#lang-switch")
    visit.page.wait_for_selector("text=Places")
    visit.go("/coverage/91-kl-tw")  # the cookie keeps the choice
    assert "Places carrying out" in visit.page.inner_text("main")


def test_hostile_document_text_never_runs(browser, evil_server):  # noqa: F811
    visit = Visit(browser, evil_server)
    try:
        visit.go("/search?q=" + "Nhiệm vụ độc hại")
        visit.page.locator("table[data-table=tasks] a").first.click()
        visit.page.wait_for_function("() => window.policykgWeb && window.policykgWeb.ready === true")
        assert "<script>" in visit.page.inner_text("main")  # shown as text
        for link in visit.page.locator("a").all():
            assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
        visit.page.hover("#graph")
        visit.page.mouse.click(700, 500)
        visit.shoot("serve-hostile-task.png")
        for path in ("/doc/91-kl-tw", "/doc/ha-giang/666-kh-ubnd", "/place/ha-giang", "/coverage/91-kl-tw"):
            visit.go(path)
            assert visit.page.evaluate(NO_SCRIPT_RAN), path
        assert visit.page.evaluate(NO_SCRIPT_RAN) and not visit.dialogs and not visit.elsewhere
    finally:
        visit.close()
