"""OCR of a PDF without a text layer: each page rendered by PDFium, read by tesseract.

Optional: it runs only when asked (``read_source(path, ocr=True)``,
``regparse parse scan.pdf --ocr``) and needs the ``tesseract`` program with
its Simplified Chinese data (``chi_sim``) on PATH (Debian/Ubuntu:
``apt install tesseract-ocr tesseract-ocr-chi-sim``).  Each line tesseract
reads becomes a line of the :class:`Source` with its page and box (the
union of its words' boxes, in PDF points); the spaces tesseract puts
between Chinese characters are left out, as a printed page has none.  The
lines are as printed, so the lexer's wrap detection and joins apply to
them as to any OCR'd text.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

from ..errors import ReadError
from .source import Source, SourceBuilder

__all__ = ["ocr_pdf", "tesseract_available", "OCR_DPI", "OCR_LANGUAGE"]

#: the resolution pages are rendered at for tesseract (300 dpi is its sweet spot)
OCR_DPI = 300
OCR_LANGUAGE = "chi_sim"
# a space between two characters of which neither is Latin or a digit: tesseract's, not the page's
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \t]+(?=[^\x00-\x7f])")


def tesseract_available() -> bool:
    """Whether ``tesseract`` with the ``chi_sim`` language data is on PATH."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return OCR_LANGUAGE in (out.stdout + out.stderr).split()


def ocr_pdf(pdfium, data: bytes, name: str = "<bytes>") -> Source:
    """The :class:`Source` of a scanned PDF, read by tesseract page by page."""
    if not tesseract_available():
        raise ReadError(f"{name}: the PDF has no text layer and OCR needs tesseract with Chinese "
                        f"({OCR_LANGUAGE}) on PATH (apt install tesseract-ocr tesseract-ocr-chi-sim)")
    pdf = pdfium.PdfDocument(data)
    builder = SourceBuilder()
    scale = OCR_DPI / 72
    with tempfile.TemporaryDirectory(prefix="regparse-ocr-") as tmp:
        for number in range(1, len(pdf) + 1):
            image = os.path.join(tmp, f"page{number}.pnm")
            _write_pnm(pdf[number - 1].render(scale=scale, grayscale=True), image)
            for text, box in _tesseract_lines(image, name, number):
                builder.line(text, page=number, box=tuple(round(v / scale, 2) for v in box))
    return builder.build("pdf", metadata={"ocr": f"tesseract {OCR_LANGUAGE} {OCR_DPI} dpi"})


def _write_pnm(bitmap, path: str) -> None:
    """A rendered page as a binary PGM or PPM (tesseract reads them without any imaging library)."""
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    channels = 1 if bitmap.n_channels == 1 else 3
    if bitmap.n_channels not in (1, 3):     # pragma: no cover - asked for grey, PDFium gives grey
        raise ReadError(f"cannot hand a page of {bitmap.n_channels} channels to tesseract")
    buffer = bytes(bitmap.buffer)
    with open(path, "wb") as f:
        f.write(b"%s\n%d %d\n255\n" % (b"P5" if channels == 1 else b"P6", width, height))
        if stride == width * channels:
            f.write(buffer[:stride * height])
        else:
            f.write(b"".join(buffer[y * stride: y * stride + width * channels] for y in range(height)))


def _tesseract_lines(image: str, name: str, page: int):
    """(text, box in pixels) of each line tesseract reads on one page image, in reading order."""
    try:
        out = subprocess.run(["tesseract", image, "stdout", "-l", OCR_LANGUAGE, "tsv"],
                             capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as e:
        raise ReadError(f"{name}: OCR of page {page} failed: {e}") from None
    if out.returncode != 0:
        message = (out.stderr.strip().splitlines() or ["no message"])[-1]
        raise ReadError(f"{name}: OCR of page {page} failed: {message}")
    lines: dict[tuple[int, int, int], list] = {}
    for row in out.stdout.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        key = (int(cols[2]), int(cols[3]), int(cols[4]))       # block, paragraph, line
        left, top, width, height = (int(c) for c in cols[6:10])
        lines.setdefault(key, []).append((cols[11].strip(), (left, top, left + width, top + height)))
    for words in lines.values():
        text = _CJK_SPACE.sub("", " ".join(w for w, _ in words)).strip()
        if text:
            boxes = [b for _, b in words]
            yield text, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                         max(b[2] for b in boxes), max(b[3] for b in boxes))
