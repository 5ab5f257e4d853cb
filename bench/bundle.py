"""Course bundle downloads over HTTP: time, throughput and the web process's peak memory.

    DATABASE_URL=.../dlm_bundle_bench python bench/bundle.py [--size-mb 208] [--files 8]

Creates a course whose materials hold ``--size-mb`` of random (incompressible) bytes in Lao,
in a temporary media folder, starts the real web process (gunicorn, one sync worker) on a free
port, downloads the course's Lao bundle twice (the first streamed while it is built and cached,
the second read back from the cache) and prints, for each, the time, the throughput and the
worker's peak resident memory (sampled from /proc while it serves, and its VmHWM after).

Destructive: refuses to run unless the database name ends in "_bench" (or
--i-know-this-is-a-bench-db); creates that database if it does not exist. The bench course,
its materials and their documents are replaced on every run.
"""

import argparse
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

from bench_database import BenchError, ensure_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")
MEDIA_ROOT = tempfile.mkdtemp(prefix="dlm-bundle-bench-")
os.environ["DJANGO_MEDIA_ROOT"] = MEDIA_ROOT

COURSE_SLUG = "bench-bundle-course"
LANGUAGE = "lo"


def prepare_content(size_mb, file_count):
    """Migrate, load the demo content if the database is empty, and (re)build the bench course:
    ``file_count`` materials, each with one Lao file of random bytes and one small Chinese
    file (left out of the Lao bundle). Returns the course."""
    from django.core.files import File
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from resources.models import (
        CourseMaterial,
        CoursePage,
        Institution,
        MaterialFile,
        ResourceDocument,
        ResourceIndexPage,
        TeachingMaterialPage,
    )

    call_command("migrate", verbosity=0)
    if not ResourceIndexPage.objects.exists():
        print("bundle: loading the demo content first (load_demo_content)")
        call_command("load_demo_content", verbosity=0)

    for old in CoursePage.objects.filter(slug=COURSE_SLUG):
        materials = [link.material for link in old.material_links.all()]
        old.delete()
        for material in materials:
            documents = [link.document for link in material.files.all()]
            material.delete()
            for document in documents:
                document.delete()

    section = ResourceIndexPage.objects.filter(depth__gte=4).order_by("path").first()
    if section is None:
        section = ResourceIndexPage.objects.order_by("path").first()
    common = {
        "summary": "A course for the bundle download benchmark.",
        "institution": section.institution
        or Institution.objects.filter(locale=section.locale).first(),
        "locale": section.locale,
    }
    course = section.add_child(
        instance=CoursePage(
            title="ຫຼັກສູດທົດສອບ ດາວໂຫຼດ", slug=COURSE_SLUG, external_id="BENCH-BUNDLE", **common
        )
    )
    course.save_revision().publish()
    per_file = size_mb * 1024 * 1024 // file_count
    for n in range(1, file_count + 1):
        material = section.add_child(
            instance=TeachingMaterialPage(
                title=f"ເອກະສານ {n:02d}",
                slug=f"{COURSE_SLUG}-material-{n:02d}",
                kind="textbook",
                external_id=f"BENCH-BUNDLE-{n:02d}",
                **common,
            )
        )
        material.save_revision().publish()
        with tempfile.TemporaryFile() as fh:
            fh.write(b"%PDF-1.4\n% bench\n")
            remaining = per_file - fh.tell()
            while remaining > 0:
                chunk = os.urandom(min(8 * 1024 * 1024, remaining))
                fh.write(chunk)
                remaining -= len(chunk)
            fh.seek(0)
            lao = ResourceDocument(title=f"bench lo {n:02d}", language=LANGUAGE)
            lao.file.save(f"bench-lo-{n:02d}.pdf", File(fh), save=False)
            lao.save()
        chinese = ResourceDocument(title=f"bench zh {n:02d}", language="zh-hans")
        chinese.file.save(f"bench-zh-{n:02d}.pdf", ContentFile(os.urandom(4096)), save=False)
        chinese.save()
        for sort_order, document in enumerate((chinese, lao)):
            MaterialFile.objects.create(material=material, document=document, sort_order=sort_order)
        CourseMaterial.objects.create(course=course, material=material, sort_order=n)
    return course


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if gunicorn.exists():
        command = [
            str(gunicorn),
            "digital_lm.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--timeout=600",
            "--log-level=warning",
        ]
        name = "gunicorn (1 sync worker)"
    else:
        command = [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--nothreading",
            f"127.0.0.1:{port}",
        ]
        name = "runserver"
    # The project's own server command, built above.
    process = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"bundle: the web process exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, name
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise BenchError("bundle: the web process did not start within 60 s")


def serving_pid(process):
    """The process that serves requests: gunicorn's worker (the master's child), else itself."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    for _ in range(50):
        pids = children.read_text().split() if children.exists() else []
        if pids:
            return int(pids[0])
        if "gunicorn" not in " ".join(process.args):
            return process.pid
        time.sleep(0.1)
    return process.pid


def memory_kib(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


class RssSampler(threading.Thread):
    """The highest VmRSS of ``pid`` seen while running (every 20 ms)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.peak = max(self.peak, memory_kib(self.pid, "VmRSS"))
            time.sleep(0.02)


def download(url, pid, target):
    sampler = RssSampler(pid)
    sampler.start()
    digest = hashlib.sha256()
    received = 0
    start = time.perf_counter()
    # An http:// URL to our own server.
    with urllib.request.urlopen(url, timeout=600) as response, open(target, "wb") as out:  # noqa: S310
        announced = int(response.headers["Content-Length"])
        cache = response.headers.get("X-Bundle-Cache", "?")
        while chunk := response.read(1024 * 1024):
            received += len(chunk)
            digest.update(chunk)
            out.write(chunk)
    elapsed = time.perf_counter() - start
    time.sleep(0.1)  # the worker finishes storing the cache after the last byte
    sampler.stop.set()
    sampler.join()
    if received != announced:
        raise BenchError(f"bundle: received {received} bytes, Content-Length said {announced}")
    return {
        "seconds": elapsed,
        "bytes": received,
        "sha256": digest.hexdigest(),
        "cache": cache,
        "peak_rss_kib": sampler.peak,
        "hwm_kib": memory_kib(pid, "VmHWM"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=208, help="total size of the Lao files")
    parser.add_argument("--files", type=int, default=8, help="number of materials (one file each)")
    parser.add_argument("--i-know-this-is-a-bench-db", dest="allow_any", action="store_true")
    args = parser.parse_args()

    server = None
    try:
        ensure_database(args.allow_any, "bundle")
        import django

        django.setup()
        from django.urls import reverse

        print(f"bundle: building a course with {args.size_mb} MB in {args.files} Lao files")
        course = prepare_content(args.size_mb, args.files)
        port = free_port()
        server, server_name = start_server(port)
        pid = serving_pid(server)
        url = f"http://127.0.0.1:{port}{reverse('course_bundle', args=[course.pk, LANGUAGE])}"
        # One page first, so Django's lazy imports are not counted as the download's memory.
        warm_up = f"http://127.0.0.1:{port}{course.url}"
        with urllib.request.urlopen(warm_up, timeout=60) as response:  # noqa: S310 - our server
            response.read()
        idle = memory_kib(pid, "VmRSS")
        print(
            f"bundle: {server_name}, serving pid {pid}, {idle / 1024:.0f} MiB resident after "
            "rendering the course page"
        )
        print(f"{'download':22} {'cache':>5} {'MiB':>7} {'s':>6} {'MiB/s':>7} {'peak RSS MiB':>12} "
              f"{'VmHWM MiB':>9}")  # fmt: skip
        results = []
        for label in ("first (streamed)", "second (cached)"):
            target = Path(MEDIA_ROOT) / f"download-{len(results)}.zip"
            result = download(url, pid, target)
            results.append(result)
            mib = result["bytes"] / 1024 / 1024
            print(
                f"{label:22} {result['cache']:>5} {mib:>7.1f} {result['seconds']:>6.2f} "
                f"{mib / result['seconds']:>7.1f} {result['peak_rss_kib'] / 1024:>12.1f} "
                f"{result['hwm_kib'] / 1024:>9.1f}"
            )
        if results[0]["sha256"] != results[1]["sha256"]:
            raise BenchError("bundle: the cached bundle differs from the streamed one")
        with zipfile.ZipFile(Path(MEDIA_ROOT) / "download-1.zip") as archive:
            names = archive.namelist()
            bad = archive.testzip()
        if bad is not None or len(names) != args.files:
            raise BenchError(f"bundle: the ZIP is wrong ({len(names)} entries, bad: {bad})")
        print(f"bundle: both downloads identical and valid ({len(names)} entries, CRCs checked)")
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
