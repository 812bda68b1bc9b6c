"""Screenshots of every page type at 390 px (a phone) and 1280 px, for each role, on the demo data.

    python bench/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screens] [--only NAME]

Run against `make run` (or any server on the same database as this checkout's settings). Prints, for
each page and width, the document width against the viewport; a page wider than the viewport is
flagged "WIDE". Demo users' password: demo1234.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main():
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from bench.pages import USERS, page_types

    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screens")  # PNGs, not committed (see docs/screens/README.md)
    parser.add_argument("--only", default="")
    parser.add_argument("--password", default="demo1234")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    wide = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        for role in ["anonymous", *USERS]:
            pages = page_types(role)
            for width, height in WIDTHS.values():
                context = browser.new_context(viewport={"width": width, "height": height}, locale="th-TH",
                                              base_url=args.base)
                page = context.new_page()
                if role in USERS:
                    page.goto("/login/")
                    page.fill("#id_username", USERS[role])
                    page.fill("#id_password", args.password)
                    page.click("button[type=submit]")
                    page.wait_for_url(lambda url: "/login/" not in url)
                for name, path, _selector in pages:
                    if args.only and args.only not in name:
                        continue
                    page.goto(path)
                    doc_width = page.evaluate("document.documentElement.scrollWidth")
                    flag = "WIDE" if doc_width > width else "ok"
                    wide += flag == "WIDE"
                    print(f"{role:9} {name:18} {width:5} px  document {doc_width:5} px  {flag}")
                    page.screenshot(path=str(out / f"{role}-{name}-{width}.png"), full_page=True)
                context.close()
        browser.close()
    print(f"{wide} page(s) wider than the viewport")


if __name__ == "__main__":
    main()
