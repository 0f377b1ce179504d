"""Headless Chromium for the viz tests: Debian's ``chromium`` driven by Playwright.

The test setup installs what it needs: Playwright comes from the ``test`` extra, and the
``browser`` fixture installs Debian's ``chromium`` package with apt-get when it is missing
(Playwright's own browser download is not used: it needs a CDN this project cannot rely on).
When neither is possible (no apt, not root, no network) the browser tests are skipped with the
reason, never failed.

The ``browser`` fixture is registered once, in ``conftest.py``: a session-scoped fixture imported into
several modules would start one Playwright per module, and the second refuses to start inside the
first's event loop. Import the helpers (``open_page``, ``sample_records``) into a test module.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
APT_TIMEOUT = 900
ROOT = Path(__file__).resolve().parents[1]
# Where screenshots are left for a person to look at (out/ is git-ignored).
SCREENSHOTS = Path(os.environ.get("POLICYKG_SCREENSHOTS", ROOT / "out" / "screenshots"))


def find_chromium() -> str | None:
    """The path of an installed Chromium, or None."""
    for path in CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


def install_chromium() -> tuple[str | None, str]:
    """Install Debian's ``chromium`` with apt-get if missing.

    Returns
    -------
    (path or None, reason)
        The reason says why there is no browser when the path is None.
    """
    found = find_chromium()
    if found:
        return found, "already installed"
    if shutil.which("apt-get") is None:
        return None, "chromium is not installed and there is no apt-get to install it"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return None, "chromium is not installed and installing it needs root (apt-get install chromium)"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    steps = [["apt-get", "update", "-qq"],
             ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"]]
    for step in steps:
        try:
            run = subprocess.run(step, env=env, capture_output=True, text=True, timeout=APT_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"{' '.join(step)} failed: {exc}"
        if run.returncode != 0:
            tail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
            return None, f"{' '.join(step)} exited {run.returncode}: {tail[0]}"
    found = find_chromium()
    return (found, "installed with apt-get") if found else (None, "apt-get installed no chromium binary")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (a Playwright ``Browser``)."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    path, reason = install_chromium()
    if path is None:
        pytest.skip(f"no headless browser: {reason}")
    with sync_playwright() as playwright:
        try:
            # launch() gives the browser a fresh temporary profile of its own (Playwright refuses a
            # --user-data-dir argument here).
            instance = playwright.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)
        except PlaywrightError as exc:
            pytest.skip(f"chromium at {path} does not start: {str(exc).splitlines()[0]}")
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class OpenPage:
    """A page of the browser with what it logged and what it tried to fetch."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    load_seconds: float = 0.0

    def js(self, expression: str, arg: Any = None) -> Any:
        """Evaluate JavaScript in the page."""
        return self.page.evaluate(expression, arg)


def open_page(browser: Any, path: Path, *, width: int = 1400, height: int = 900,
              timeout_ms: int = 30_000) -> OpenPage:
    """Open a generated HTML file and wait until the network is drawn (``policykgView.ready``).

    Every request that is not the file itself is recorded and refused, so a page that needs the
    network shows up in ``requests``; console errors, page errors and dialogs (``alert``) are
    recorded too.
    """
    import time

    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    opened = OpenPage(page)
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(f"page error: {exc}"))

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda req: None if req.url.startswith(("file:", "data:", "about:"))
            else opened.requests.append(req.url))

    def refuse(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", refuse)
    started = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => window.policykgView && window.policykgView.ready === true", timeout=timeout_ms)
    opened.load_seconds = time.perf_counter() - started
    return opened


# --- test data ----------------------------------------------------------------------------------
EVIL = {
    "script": "<script>window.__pwned = 'script'</script>",
    "img": "<img src=x onerror=\"window.__pwned = 'img'\">",
    "close": "</script><script>window.__pwned = 'close'</script>",
    "svg": "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    "handler": "<b onmouseover=\"window.__pwned = 'b'\">Sở Giáo dục</b>",
}


def sample_records() -> list[dict]:
    """Three plans of two places in extraction-record shape, with a chain up to a central resolution.

    Kon Tum's plan implements the provincial party plan 182-KH/TU, which implements Conclusion
    91-KL/TW, which carries on Resolution 29-NQ/TW; Bắc Kạn's plan implements 91-KL/TW directly.
    """
    def tasks(n: int, place: str) -> list[dict]:
        verbs = ["Quán triệt", "Rà soát đội ngũ giáo viên", "Đầu tư cơ sở vật chất", "Chuyển đổi số"]
        return [{"text": f"{verbs[i % 4]} {place} số {i}", "deadline": "Năm 2026" if i % 2 else "Thường xuyên",
                 "lead": ["Sở Giáo dục và Đào tạo" if i % 3 else "Sở Tài chính"],
                 "support": ["Các sở, ban, ngành"] if i % 2 else [], "line": 30 + i,
                 "source_text": f"Sở Giáo dục và Đào tạo chủ trì {verbs[i % 4].lower()} số {i}."} for i in range(1, n + 1)]

    return [
        {"source": "kon-tum.txt",
         "document": {"kind": "Kế hoạch", "id": "45/KH-UBND", "place": "Kon Tum", "date": "2025-01-10",
                      "issuer": "Ủy ban nhân dân tỉnh Kon Tum", "title": "Triển khai Kế hoạch số 182-KH/TU"},
         "implements": ["182-KH/TU"],
         "provenance": {"implements": [{"id": "182-KH/TU", "line": 8,
                                        "source_text": "Triển khai Kế hoạch số 182-KH/TU của Ban Thường vụ Tỉnh ủy."}]},
         "references": [{"id": "182-KH/TU", "kind": "Kế hoạch", "issuer": "Tỉnh ủy Kon Tum"},
                        {"id": "91-KL/TW", "kind": "Kết luận", "issuer": "Bộ Chính trị", "date": "2024-08-12"},
                        {"id": "29-NQ/TW", "kind": "Nghị quyết", "issuer": "Ban Chấp hành Trung ương", "date": "2013-11-04"}],
         "relations": [{"type": "implements", "from": "182-KH/TU", "to": "91-KL/TW", "line": 9,
                        "source_text": "Kế hoạch số 182-KH/TU thực hiện Kết luận số 91-KL/TW."},
                       {"type": "implements", "from": "91-KL/TW", "to": "29-NQ/TW", "line": 10,
                        "source_text": "Kết luận số 91-KL/TW về tiếp tục thực hiện Nghị quyết số 29-NQ/TW."}],
         "tasks": tasks(12, "Kon Tum"),
         "targets": [{"text": "Tỷ lệ trường đạt chuẩn", "value": "60", "unit": "%", "year": 2030}]},
        {"source": "bac-kan.txt",
         "document": {"kind": "Kế hoạch", "id": "284/KH-UBND", "place": "Bắc Kạn", "date": "2025-04-22",
                      "issuer": "Ủy ban nhân dân tỉnh Bắc Kạn"},
         "implements": ["91-KL/TW"],
         "references": [{"id": "91-KL/TW", "kind": "Kết luận", "issuer": "Bộ Chính trị", "date": "2024-08-12"}],
         "tasks": tasks(8, "Bắc Kạn")},
    ]


def evil_record() -> dict:
    """A document whose every text field carries markup that would run if it were not escaped."""
    return {"source": "evil.txt",
            "document": {"kind": "Kế hoạch", "id": "666/KH-UBND", "place": "Hà Giang",
                         "issuer": "Ủy ban nhân dân tỉnh Hà Giang", "title": EVIL["svg"] + " tiêu đề"},
            "implements": ["91-KL/TW"],
            "provenance": {"implements": [{"id": "91-KL/TW", "line": 3, "source_text": EVIL["close"]}]},
            "tasks": [{"text": f"Nhiệm vụ độc hại {EVIL['script']} {EVIL['img']}", "deadline": EVIL["close"],
                       "lead": [EVIL["handler"]], "line": 7, "source_text": EVIL["img"] + EVIL["svg"]},
                      {"text": "Nhiệm vụ bình thường", "lead": ["Sở Tài chính"]}]}
