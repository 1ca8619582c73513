"""Regenerate docs/timeline.png, README's picture of `axis export html`: the bundled store's
events involving North Korea, one citation opened, in a fixed viewport and the light scheme.

    python scripts/screenshot_html.py                      # docs/timeline.png
    python scripts/screenshot_html.py --dark -o /tmp/dark.png

Needs Playwright's Python package (the `test` extra) and a Chromium on the PATH (Debian:
`apt-get install chromium`); Playwright drives that browser and downloads none. The helpers
here also serve tests/test_export_html.py, so both open the page the same way.
"""

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

ROOT = Path(__file__).resolve().parents[1]
# As root, Chromium runs only without its sandbox; the rest keep it from calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT: "ViewportSize" = {"width": 1100, "height": 1300}


def find_chromium() -> str | None:
    """The system's Chromium, if there is one."""
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)


@contextmanager
def launch_chromium(executable: str) -> Iterator["Browser"]:
    """A headless Chromium driven by Playwright, closed on leaving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: "Browser", path: Path, *, dark: bool = False) -> tuple["Page", list[str]]:
    """`path` opened from disk at the fixed viewport, with the errors it logs from before it
    starts loading: console errors, uncaught exceptions, blocked loads, dialogs a script opens."""
    page = browser.new_page(viewport=VIEWPORT, color_scheme="dark" if dark else "light")
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"failed to load {request.url}"))
    page.on("dialog", lambda dialog: errors.append(f"a script opened a dialog: {dialog.message}"))
    page.goto(path.as_uri())
    return page, errors


def main(argv: list[str] | None = None) -> int:
    from axiscli.cli.common import close_stores
    from axiscli.cli.selection import selection_for
    from axiscli.export.html import write_html

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "docs" / "timeline.png")
    parser.add_argument("-a", "--actor", action="append", help="default: DPRK")
    parser.add_argument("--dark", action="store_true", help="the dark colour scheme")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium on the PATH (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    selection = selection_for(None, False, True, actor=args.actor or ["DPRK"])
    close_stores()
    with tempfile.TemporaryDirectory() as folder, launch_chromium(chromium) as browser:
        path = Path(folder) / "timeline.html"
        write_html(selection, path)
        page, errors = open_page(browser, path, dark=args.dark)
        page.locator(".event details").first.evaluate("details => { details.open = true; }")
        page.screenshot(path=str(args.out))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
