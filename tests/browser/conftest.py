"""Browser tests of the HTML report: Debian's chromium driven by Python Playwright.

Skipped, with the reason, when /usr/bin/chromium or the playwright package is
missing; a browser is never downloaded. Every page is opened through `open_page`,
which fails the test on any console error, page error, dialog, or request that
would leave the machine (anything but file:, data:, about:, blob:).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@dataclass
class PageLog:
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def offsite(self) -> list[str]:
        """Requests for anything but a local scheme (each one was also aborted)."""
        return [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]


@pytest.fixture
def open_page(browser):
    """open_page(path, fragment="") -> (page, log), the report loaded and ready."""
    pages = []

    def opener(path: Path, fragment: str = "", *, width: int = 1400, height: int = 1000):
        page = browser.new_page(viewport={"width": width, "height": height})
        pages.append(page)
        log = PageLog()
        page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log.errors.append(str(e)))
        page.on("request", lambda r: log.requests.append(r.url))

        def on_dialog(dialog):
            log.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def route(r):
            if r.request.url.startswith(LOCAL_SCHEMES):
                r.continue_()
            else:
                log.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(Path(path).resolve().as_uri() + fragment)
        page.wait_for_function("window.kgReport && window.kgReport.ready", timeout=30_000)
        return page, log

    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory):
    """`kg build data/seeds` once per session: (report path, graph)."""
    if _missing():
        pytest.skip(_missing())
    from kg.cli import main
    from kg.export import read_graphml

    seeds = Path(__file__).resolve().parents[2] / "data" / "seeds"
    out = tmp_path_factory.mktemp("seed-report")
    assert main(["build", str(seeds), "-o", str(out), "--no-store"]) == 0
    return out / "report.html", read_graphml(out / "graph.graphml")


