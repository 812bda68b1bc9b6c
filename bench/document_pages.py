"""Page 1 of each printed document, as the PNGs in docs/documents/ (Poppler's pdftoppm, 80 dpi).

    .venv/bin/python bench/document_pages.py [OUT_DIR]      # default docs/documents

Rendered from the sample contexts in printing/samples.py (no database; no Garuda image, so the
space for it is kept empty as on an office without one). The annex's PNG is its own page 1.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from printing import pdf, samples  # noqa: E402
from printing.contexts import AMPHOE, TAMBON  # noqa: E402


def page_one_png(content: bytes, out: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-", str(out.with_suffix(""))],
                   input=content, check=True)


def main():
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "documents"
    letter = samples.sample_letter()
    documents = {
        "order-amphoe": pdf.render_document(samples.sample_order(AMPHOE)),
        "order-tambon": pdf.render_document(samples.sample_order(TAMBON)),
        "bylaws-amphoe": pdf.render_document(samples.sample_bylaws(AMPHOE)),
        "bylaws-tambon": pdf.render_document(samples.sample_bylaws(TAMBON)),
        "report-letter": pdf.render_template_pdf(letter.template_name, {"doc": letter}),
        "report-annex": pdf.render_pdf(render_to_string(letter.annex_template_name, {"doc": letter})),
    }
    for name, content in documents.items():
        page_one_png(content, out_dir / f"{name}-p1.png")
        print(f"{name}-p1.png ({len(PdfReader(io.BytesIO(content)).pages)} pages)")


if __name__ == "__main__":
    main()
