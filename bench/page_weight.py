"""Page weight on a cold load: every byte a browser with an empty cache fetches for a page.

    DATABASE_URL=.../dlm_weight_bench python bench/page_weight.py [--throttle]

Migrates the bench database and loads the demo content if it has none, starts the development
server (which serves the media folder's images as the front server does in production) on a
free port, then opens in headless Chromium, each in a new browser context (empty cache, no
cookies): the home page in every language, a Lao teaching material and a Khmer and a Burmese
resource page. For each page it prints the bytes received (the Chrome DevTools Protocol's
``encodedDataLength``: headers and body as they came over the wire, uncompressed here: the
development server compresses nothing) by kind (HTML, CSS, JS, fonts, images, other) and the
number of requests, once the page has loaded and every lazy image in view has come.
``--throttle`` also emulates a slow 3G link and prints when the first text was painted and
when the page's web fonts had arrived.

Destructive: refuses to run unless the database name ends in "_bench" (or
--i-know-this-is-a-bench-db); creates that database if it does not exist.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_database import BenchError, ensure_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")
# Kept between runs, beside the bench database's rows that name its files.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "dlm-page-weight-media"
os.environ["DJANGO_MEDIA_ROOT"] = str(MEDIA_ROOT)
CHROMIUM = os.environ.get("DLM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KINDS = ("html", "css", "js", "font", "image", "other")
# Chrome DevTools' "Slow 3G" preset: 400 ms round trips, 400 kbit/s down, 400 kbit/s up.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}


def kind_of(resource_type, mime_type):
    """A response's kind, from the browser's resource type, else its MIME type."""
    by_type = {"Document": "html", "Stylesheet": "css", "Script": "js", "Font": "font"}
    if resource_type in by_type:
        return by_type[resource_type]
    if resource_type == "Image" or mime_type.startswith("image/"):
        return "image"
    return "other"


def prepare_content():
    """Migrate, load the demo content if the database has none; the pages to weigh, as
    [(label, path)]."""
    from django.core.management import call_command
    from wagtail.models import Locale

    from digital_lm.languages import LANGUAGE_CODES
    from resources.models import ResourceIndexPage, TeachingMaterialPage
    from resources.models.base import resource_page_models

    call_command("migrate", verbosity=0)
    if not ResourceIndexPage.objects.exists():
        print("page weight: loading the demo content first (load_demo_content)")
        call_command("load_demo_content", verbosity=0)
    pages = [(f"home {code}", f"/{code}/") for code in LANGUAGE_CODES]
    pages.append(("material lo", _first_live(TeachingMaterialPage, "lo").url))
    for code in ("km", "my"):
        locale = Locale.objects.get(language_code=code)
        for model in resource_page_models():
            page = model.objects.live().public().filter(locale=locale).order_by("path").first()
            if page is not None:
                pages.append((f"{model.discovery_type} {code}", page.url))
                break
    return pages


def _first_live(model, code):
    page = model.objects.live().public().filter(locale__language_code=code).order_by("path").first()
    if page is None:
        raise BenchError(f"page weight: no live {model.__name__} in {code}")
    return page


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port):
    command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    process = subprocess.Popen(  # noqa: S603 - the project's own server
        command,
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"page weight: the server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise BenchError("page weight: the server did not start within 60 s")


def weigh(browser, url, throttle):
    """{kind: bytes}, request count, and with ``throttle`` the paint and font timings (ms)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if throttle:
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    kinds, sizes = {}, dict.fromkeys(KINDS, 0)
    requests = []

    def received(event):
        response = event["response"]
        if response["url"].endswith("/favicon.ico"):
            return  # the browser's own request, once per session, not the page's
        kinds[event["requestId"]] = kind_of(event.get("type", ""), response.get("mimeType", ""))

    def finished(event):
        if event["requestId"] not in kinds:
            return
        requests.append(event["requestId"])
        sizes[kinds[event["requestId"]]] += event["encodedDataLength"]

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    start = time.perf_counter()
    page.goto(url, wait_until="load", timeout=300_000)
    page.evaluate("document.fonts.ready.then(() => true)")
    fonts_ready = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle", timeout=300_000)
    paint = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
    )
    context.close()
    return sizes, len(requests), paint, fonts_ready


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--throttle", action="store_true", help="emulate slow 3G as well")
    parser.add_argument("--i-know-this-is-a-bench-db", dest="allow_any", action="store_true")
    args = parser.parse_args()

    server = None
    try:
        ensure_database(args.allow_any, "page weight")
        import django

        django.setup()
        from playwright.sync_api import sync_playwright

        pages = prepare_content()
        port = free_port()
        server = start_server(port)
        header = f"{'page':16} " + " ".join(f"{kind:>7}" for kind in KINDS)
        header += f" {'total':>8} {'requests':>8}"
        if args.throttle:
            header += f" {'FCP ms':>7} {'fonts ms':>8}"
        print("page weight: bytes received on a cold load")
        print(header)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            for label, path in pages:
                url = f"http://127.0.0.1:{port}{path}"
                sizes, count, paint, fonts = weigh(browser, url, args.throttle)
                line = f"{label:16} " + " ".join(f"{sizes[kind]:>7,}" for kind in KINDS)
                line += f" {sum(sizes.values()):>8,} {count:>8}"
                if args.throttle:
                    line += f" {paint or 0:>7.0f} {fonts:>8.0f}"
                print(line)
            browser.close()
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
