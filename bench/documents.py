"""How fast the printed documents render, pinned to one core.

    .venv/bin/python bench/documents.py [--orders 100] [--repeat 15]
    .venv/bin/python bench/documents.py --compare [--repeat 15]

Prints the median time to render one committee order and one bylaw in a warm process, the
time to render and merge a batch of orders into one PDF, and the process's peak memory.
Targets (issue 6): under 0.3 s per order warm, 100 orders under 30 s, peak under 300 MB.

`--compare` renders the same documents (past the PDF cache) with and without the text-layer fix
(printing/textlayer.py) and with and without the word breaks (printing/wordbreak.py), the four
settings taken in turn within each repeat so that a change in the machine's load falls on all
of them alike, and prints the median CPU time of each. Budget (issue 10): the text-layer fix adds
at most 10 % to a render.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")

import django  # noqa: E402

django.setup()

from django.test import override_settings  # noqa: E402

from printing import pdf, samples  # noqa: E402
from printing.contexts import AMPHOE, TAMBON  # noqa: E402


def timed(function, repeat):
    """Median wall time, its minimum and maximum, and the median CPU time of the process (on a
    shared machine the CPU time is the steadier figure)."""
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(times), min(times), max(times), statistics.median(cpu)


def compare(repeat):
    """Median CPU time of one render, with and without the text-layer fix and the word breaks."""
    from django.template.loader import render_to_string

    from printing import wordbreak

    real_fix, real_breaks = pdf.fix_text_layer, wordbreak.break_html
    settings = {
        "both (as shipped)": (real_fix, real_breaks),
        "without the text-layer fix": (lambda document, pdf_objects: None, real_breaks),
        "without the word breaks": (real_fix, lambda body: body),
        "without either": (lambda document, pdf_objects: None, lambda body: body),
    }
    documents = {"order (amphoe, 20 seats)": samples.sample_order(AMPHOE),
                 "report letter + annex (49 groups)": samples.sample_letter()}
    for label, doc in documents.items():
        names = [doc.template_name] + ([doc.annex_template_name] if getattr(doc, "annex_template_name", None) else [])
        htmls = [render_to_string(name, {"doc": doc}) for name in names]
        cpu = {name: [] for name in settings}
        try:
            for _ in range(repeat):
                for name, (fix, breaks) in settings.items():
                    pdf.fix_text_layer, wordbreak.break_html = fix, breaks
                    started = time.process_time()
                    for html in htmls:
                        pdf._render_pdf(html)  # past render_pdf's cache
                    cpu[name].append(time.process_time() - started)
        finally:
            pdf.fix_text_layer, wordbreak.break_html = real_fix, real_breaks
        medians = {name: statistics.median(times) for name, times in cpu.items()}
        print(label)
        for name, median in medians.items():
            print(f"  {name:30s} {1000 * median:6.0f} ms CPU")
        fix_cost = medians["both (as shipped)"] / medians["without the text-layer fix"] - 1
        breaks_cost = medians["both (as shipped)"] / medians["without the word breaks"] - 1
        print(f"  text-layer fix adds {100 * fix_cost:+.1f} % (budget 10 %); word breaks add {100 * breaks_cost:+.1f} %")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--compare", action="store_true", help="with and without the text-layer fix and word breaks")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    if args.compare:
        pdf.render_document(samples.sample_order(AMPHOE))  # cold: fonts, stylesheet, templates, segmenter
        compare(args.repeat)
        return

    order = samples.sample_order(AMPHOE)
    started = time.perf_counter()
    pdf.render_document(order)  # cold: fonts, stylesheet, templates
    cold = time.perf_counter() - started
    print(f"first render in a fresh process (cold):  {cold:.3f} s")
    median, _low, _high, cpu = timed(lambda: pdf.render_document(order), args.repeat)
    print(f"{'the same order again (the PDF cache)':40s} median {1000 * median:.1f} ms wall, {1000 * cpu:.1f} ms CPU")
    # Every other figure is a layout: the documents are rendered past the PDF cache (a draft is laid
    # out once and then served from it: printing.pdf.render_pdf), as a changed record is.
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        layouts(args, order)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of the process): {peak:.0f} MB")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def layouts(args, order):
    bylaws = samples.sample_bylaws(AMPHOE)
    letter = samples.sample_letter()
    for label, doc in [("one order (amphoe, 20 seats)", order), ("one bylaw (amphoe)", bylaws),
                       ("one report letter + annex (49 groups)", letter)]:
        pages = len(pdfcheck_pages(pdf.render_document(doc)))
        median, low, high, cpu = timed(lambda doc=doc: pdf.render_document(doc), args.repeat)
        print(f"{label:40s} median {median:.3f} s wall, {cpu:.3f} s CPU  (min {low:.3f}, max {high:.3f}, {pages} pages)")

    # The text-layer fix (printing/textlayer.py) runs inside each render: the CPU time spent in it,
    # against the whole render's, is its cost (steadier on a shared machine than two timings).
    real_fix, spent = pdf.fix_text_layer, []

    def timed_fix(document, pdf_objects):
        started_cpu = time.process_time()
        real_fix(document, pdf_objects)
        spent.append(time.process_time() - started_cpu)

    pdf.fix_text_layer = timed_fix
    try:
        for label, doc in [("order", order), ("report letter + annex", letter)]:
            spent.clear()
            whole = timed(lambda doc=doc: pdf.render_document(doc), args.repeat)[3]
            fix = statistics.median(spent) * (2 if doc is letter else 1)  # the letter and its annex
            print(f"text-layer fix in one {label}: {1000 * fix:.1f} ms CPU of {1000 * whole:.0f} ms "
                  f"({100 * fix / whole:.1f} %)")
    finally:
        pdf.fix_text_layer = real_fix

    batch = [samples.sample_order(AMPHOE if i % 10 == 0 else TAMBON, number=i + 1, offset=i) for i in range(args.orders)]
    started, started_cpu = time.perf_counter(), time.process_time()
    parts = [pdf.render_document(doc) for doc in batch]
    merged = pdf.merge_pdfs(parts)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    print(f"{args.orders} orders rendered and merged into one PDF: {elapsed:.1f} s wall, {cpu:.1f} s CPU "
          f"({elapsed / args.orders:.3f} s each, {len(pdfcheck_pages(merged))} pages, {len(merged) / 1024:,.0f} KB)")


def pdfcheck_pages(content):
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(content)).pages


if __name__ == "__main__":
    main()
