"""Upload benchmark: hostile posting files of the allowed size, each read in a fresh process.

Each file is built at run time (nothing binary is committed) and is at most the upload limit
(``intake.MAX_BYTES``). A child process reads it with ``intake.read_bytes`` and reports the CPU
seconds (``time.process_time``) and the peak memory over what the process held before reading
(``VmHWM``, the peak resident memory, started over before reading). Target for every file:
≤ 2 s of CPU and ≤ 100 MB of extra memory, whether the file is read or refused. The last row
reads four 30,000-page PDFs at once, on four threads, the way the web server would.

    .venv/bin/python benchmarks/uploads.py [--only NAME] [--write-docs]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docsection import write_section

TARGET_CPU_S = 2.0
TARGET_EXTRA_MB = 100.0
LINE = "Own the weekly operations report and build dashboards for clinic managers."


def pdf_file(pages: int, *, count: int | None = None, text_per_page: int = 0) -> bytes:
    """A PDF written by hand: ``pages`` page objects under one page tree, sharing one content
    stream (or each its own with ``text_per_page`` characters). ``count`` is the page count the
    tree claims, which a hostile file may get wrong on purpose."""
    objects: list[bytes] = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"",  # the page tree, filled in below
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    shared = _content_stream(LINE)
    objects.append(shared)
    kids: list[bytes] = []
    for index in range(pages):
        contents = 4
        if text_per_page:
            objects.append(_content_stream(_text_of(text_per_page, index)))
            contents = len(objects)
        objects.append(
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents %d 0 R"
            b"/Resources<</Font<</F1 3 0 R>>>>>>" % contents
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<</Type/Pages/Kids[%s]/Count %d>>" % (
        b" ".join(kids),
        pages if count is None else count,
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_drawing(pages: int, size: int) -> bytes:
    """``pages`` pages sharing one compressed content stream of ``size`` bytes of lines drawn:
    no text, and the costliest kind of content to read."""
    ops = b"0 0 m 10 10 l 20 20 l 30 30 l S\n" * (size // 31)
    packed = zlib.compress(ops, 9)
    stream = b"<</Length %d/Filter/FlateDecode>>stream\n%s\nendstream" % (len(packed), packed)
    data = pdf_file(pages)
    start = data.index(b"4 0 obj\n") + len(b"4 0 obj\n")
    end = data.index(b"\nendobj", start)
    return _reindexed(data[:start] + stream + data[end:])


def _reindexed(data: bytes) -> bytes:
    """The cross-reference table written again after an object changed size."""
    body = data[: data.index(b"xref\n")]
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", body)]
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    table += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n"
    return body + table + trailer % (len(offsets) + 1, len(body))


def _text_of(size: int, seed: int) -> str:
    words = (f"{LINE} {seed} " * (size // len(LINE) + 1))[:size]
    return words.replace("(", "").replace(")", "")


def _content_stream(text: str) -> bytes:
    lines = [text[i : i + 90] for i in range(0, len(text), 90)] or [""]
    ops = b"BT /F1 9 Tf 40 760 Td 11 TL " + b" ".join(
        b"(%s) '" % line.encode("latin-1") for line in lines
    )
    ops += b" ET"
    return b"<</Length %d>>stream\n%s\nendstream" % (len(ops), ops)


def html_nested(limit: int) -> bytes:
    """Elements opened a million deep, never closed."""
    opening = b"<div>"
    return b"<html><body>" + opening * ((limit - 100) // len(opening)) + b"deep"


def html_paragraphs(limit: int) -> bytes:
    paragraph = b"<p>Dental cover</p>\n"
    return b"<html><body>" + paragraph * ((limit - 100) // len(paragraph)) + b"</body></html>"


def html_unclosed_paragraphs(limit: int) -> bytes:
    """``<p>`` without its end tag: HTML closes each at the next, a naive tree nests them."""
    return b"<html><body>" + b"<p>x" * ((limit - 100) // 4)


def html_elements(elements: int) -> bytes:
    """Just under the element limit, so the whole page is parsed and walked."""
    return b"<html><body>" + b"<div><b>a</b></div>" * (elements // 2 - 2) + b"</body></html>"


def docx_paragraphs(paragraphs: int) -> bytes:
    """A Word document of ``paragraphs`` short paragraphs, written into python-docx's own blank
    document."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    body = b"<w:p><w:r><w:t>Dental cover</w:t></w:r></w:p>" * paragraphs
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                start = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:start] + body + data[start:]
            archive.writestr(info.filename, data)
    return out.getvalue()


def text_lines(limit: int) -> bytes:
    return (LINE.encode() + b"\n") * (limit // (len(LINE) + 1))


def markdown_items(limit: int) -> bytes:
    return b"- *item*\n" * (limit // 9)


def hostile_files(limit: int) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """name → (file name, builder)."""
    return {
        "pdf-30000-pages": ("pages.pdf", lambda: pdf_file(30_000)),
        "pdf-count-lies": ("lies.pdf", lambda: pdf_file(30_000, count=1)),
        "pdf-text-heavy": ("long.pdf", lambda: pdf_file(40, text_per_page=60_000)),
        "pdf-drawing-heavy": ("drawn.pdf", lambda: pdf_drawing(50, 1_000_000)),
        "html-nested": ("deep.html", lambda: html_nested(limit)),
        "html-paragraphs": ("paras.html", lambda: html_paragraphs(limit)),
        "html-unclosed-p": ("open.html", lambda: html_unclosed_paragraphs(limit)),
        "html-at-element-limit": ("many.html", lambda: html_elements(15_000)),
        "docx-paragraphs": ("paras.docx", lambda: docx_paragraphs(450_000)),
        "docx-at-part-limit": ("part.docx", lambda: docx_paragraphs(88_000)),
        "pdf-50-pages": ("fifty.pdf", lambda: pdf_file(50, text_per_page=1_500)),
        "text-lines": ("long.txt", lambda: text_lines(limit)),
        "markdown-items": ("long.md", lambda: markdown_items(limit)),
    }


def child(path: str, name: str, threads: int) -> None:
    """Runs in the child process: read the file (on ``threads`` threads at once) and print the
    outcome, CPU seconds and extra peak memory as JSON."""
    from nextround import intake
    from nextround.errors import Invalid

    data = Path(path).read_bytes()
    intake.read_bytes("warm-up.txt", b"warm up")  # imports done before measuring
    before_kb = _reset_peak_kb()
    started_cpu, started = time.process_time(), time.perf_counter()

    def read() -> str:
        try:
            document = intake.read_bytes(name, data)
        except Invalid as exc:
            return f"refused: {exc.message}"
        return f"read {len(document.text):,} characters"

    with ThreadPoolExecutor(threads) as pool:
        outcomes = list(pool.map(lambda _: read(), range(threads)))
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started
    extra_mb = (_peak_kb() - before_kb) / 1024
    print(json.dumps({"outcome": outcomes[0], "cpu": cpu, "wall": wall, "extra_mb": extra_mb}))


def _reset_peak_kb() -> int:
    """Start the peak over from the memory held now and return that. Linux keeps a process's
    peak across exec, so without this a child would start at its parent's peak."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _peak_kb()


def _peak_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(name: str, file_name: str, data: bytes, threads: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / file_name
        path.write_bytes(data)
        command = [sys.executable, __file__, "--child", str(path), file_name, str(threads)]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{name}: the child failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(name=name, size=len(data), threads=threads)
    return result


def report(rows: list[dict[str, object]], load: float) -> str:
    lines = [
        f"- Date: {dt.date.today():%Y-%m-%d}",
        f"- Machine: {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; 1-minute load average {load:.2f} when the "
        "timing started",
        f"- Each file read in a fresh process; target per upload ≤ {TARGET_CPU_S:g} s CPU and "
        f"≤ {TARGET_EXTRA_MB:g} MB extra peak memory (the four-at-once row: per upload)",
        "",
        "| file | size | outcome | CPU s | wall s | extra MB | target |",
        "|---|---:|---|---:|---:|---:|---|",
    ]
    for row in rows:
        threads = int(str(row["threads"]))
        cpu, extra = float(str(row["cpu"])), float(str(row["extra_mb"]))
        ok = cpu / threads <= TARGET_CPU_S and extra / threads <= TARGET_EXTRA_MB
        outcome = str(row["outcome"]).replace("|", "/")
        if len(outcome) > 90:
            outcome = outcome[:87] + "..."
        size = int(str(row["size"])) / 1024 / 1024
        lines.append(
            f"| {row['name']} | {size:.1f} MB | {outcome} | {cpu:.2f} | "
            f"{float(str(row['wall'])):.2f} | {extra:.0f} | {'PASS' if ok else 'FAIL'} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", help="one file by name")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return 0
    from nextround.intake import MAX_BYTES

    load = os.getloadavg()[0]
    rows = []
    runs = [
        (name, file_name, build, 1) for name, (file_name, build) in hostile_files(MAX_BYTES).items()
    ]
    runs.append(("pdf-30000-pages x4 threads", "pages.pdf", lambda: pdf_file(30_000), 4))
    for name, file_name, build, threads in runs:
        if args.only and args.only != name:
            continue
        data = build()
        if len(data) > MAX_BYTES:
            raise SystemExit(f"{name}: {len(data):,} bytes, over the upload limit")
        rows.append(measure(name, file_name, data, threads))
        print(f"{name}: {rows[-1]}", flush=True)
    failed = False
    body = report(rows, load)
    print(body)
    failed = "| FAIL |" in body
    if args.write_docs and not args.only:
        write_section("uploads-benchmark", body)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
