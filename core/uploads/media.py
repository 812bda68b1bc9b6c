"""Images (Garuda, scanned pages) and PDFs (signed scans): checked from their bytes, under the
size cap and, for images, a pixel cap read from the header before a single pixel is decoded
(a 40 KB PNG can declare 100,000 × 100,000 pixels: 10 GB once decoded)."""

import secrets
import warnings

from django.conf import settings

from core.uploads.errors import UploadRefused
from core.uploads.limits import SCAN_HINT, check_size

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
NOT_AN_IMAGE = "ไฟล์ต้องเป็นภาพ JPEG หรือ PNG"
NOT_A_SCAN = "ไฟล์ต้องเป็น PDF หรือภาพ (JPEG, PNG) ของเอกสารที่ลงนามแล้ว"


def random_name(extension: str) -> str:
    """A stored file's name: 128 random bits, so no one can guess another file's name."""
    return f"{secrets.token_hex(16)}.{extension}"


def _rewind(source):
    if hasattr(source, "seek"):
        source.seek(0)


def guard_image(source, *, message=NOT_AN_IMAGE) -> str:
    """The content type of a JPEG or PNG under the pixel cap, else UploadRefused."""
    from PIL import Image, UnidentifiedImageError

    check_size(source, SCAN_HINT)
    _rewind(source)
    limit = settings.UPLOAD_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns past 89 million pixels: the cap below is ours and lower.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(source)  # reads the header only
        with image:
            kind = IMAGE_TYPES.get(image.format)
            if kind is None:
                raise UploadRefused(message, code="bad_type")
            width, height = image.size
            if width * height > limit:
                raise _too_many_pixels(f" {width:,} × {height:,} จุด")
            image.verify()  # walks the chunks and their checksums without decoding the pixels
    except UploadRefused:
        raise
    except Image.DecompressionBombError as error:  # Pillow's own cap (far above ours) fired first
        raise _too_many_pixels("") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise UploadRefused(message, code="bad_type") from error
    finally:
        _rewind(source)
    return kind


def _too_many_pixels(size: str) -> UploadRefused:
    limit = settings.UPLOAD_IMAGE_MAX_PIXELS
    return UploadRefused(f"ภาพมีขนาด{size} ใหญ่เกินที่รับได้ ({limit / 1_000_000:,.0f} ล้านจุด) "
                         "กรุณาสแกนด้วยความละเอียดที่ต่ำลง (เช่น 200–300 dpi)", code="too_many_pixels")


def guard_pdf(source, *, message=NOT_A_SCAN) -> str:
    """A PDF that opens and has between one and UPLOAD_PDF_MAX_PAGES pages."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    check_size(source, SCAN_HINT)
    _rewind(source)
    try:
        if source.read(5) != b"%PDF-":
            raise UploadRefused(message, code="bad_type")
        _rewind(source)
        pages = len(PdfReader(source).pages)  # the page tree only: no content stream is unpacked
    except UploadRefused:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise UploadRefused(message, code="bad_type") from error
    finally:
        _rewind(source)
    if pages < 1:
        raise UploadRefused(message, code="bad_type")
    if pages > settings.UPLOAD_PDF_MAX_PAGES:
        raise UploadRefused(f"ไฟล์ PDF มี {pages:,} หน้า เกินที่รับได้ {settings.UPLOAD_PDF_MAX_PAGES:,} หน้า",
                            code="too_many_pages")
    return "application/pdf"


def guard_scan(source) -> str:
    """A signed paper copy: a PDF, or one page as a JPEG or PNG."""
    check_size(source, SCAN_HINT)
    _rewind(source)
    head = source.read(5)
    _rewind(source)
    if head == b"%PDF-":
        return guard_pdf(source)
    return guard_image(source, message=NOT_A_SCAN)
