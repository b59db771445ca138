"""Turn document files (.txt, .md, .html, .docx, .pdf) into plain text.

Each format is read by a well-kept library, imported only when a file of that
kind is read: BeautifulSoup for HTML, python-docx for Word, pypdf for PDF.
The text that comes back is what every later stage works on, so offsets in
highlights and findings point into it (not into the raw file bytes).
"""

from __future__ import annotations

import re
from pathlib import Path

from ipterm.errors import InputError, MissingDependencyError
from ipterm.text.io import max_input_bytes, read_text

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".docx",
    ".pdf",
)

# Block-level HTML elements after which a paragraph ends.
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
)


def read_document_file(path: str | Path) -> str:
    """Read any supported document file as plain text with ``\\n`` line ends.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = p.write_text("<h1>CNIPA &amp; SAMR</h1><p>Patents<br>rose</p>")
    >>> read_document_file(p)
    'CNIPA & SAMR\\n\\nPatents\\nrose'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix or '(none)'!r}; ipterm reads "
            + ", ".join(SUPPORTED_SUFFIXES),
            path=path,
        )
    if suffix in (".txt", ".text"):
        return read_text(path)
    if suffix in (".md", ".markdown"):
        return markdown_to_text(read_text(path))
    if suffix in (".html", ".htm"):
        return html_to_text(read_text(path))
    _check_size(path)
    if suffix == ".docx":
        return _read_docx(path)
    return _read_pdf(path)


def _check_size(path: Path) -> None:
    if not path.is_file():
        raise InputError("no such file", path=path)
    size = path.stat().st_size
    if size == 0:
        raise InputError("the file is empty", path=path)
    if size > max_input_bytes():
        raise InputError(f"the file is {size / 1e6:.0f} MB, over the size limit", path=path)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: scripts and styles dropped, one paragraph per block."""
    try:
        from bs4 import BeautifulSoup
    except ImportError as exc:  # pragma: no cover - bs4 is in the docs extra
        raise MissingDependencyError("beautifulsoup4", "docs", "Reading HTML") from exc
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return _tidy(soup.get_text())


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_HTML = re.compile(r"<[^>\n]+>")


def markdown_to_text(markdown: str) -> str:
    """Markdown with the markup taken away, keeping line structure (headings, lists)."""
    text = _MD_HEADING.sub("", markdown)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_HTML.sub("", text)
    return _tidy(text)


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise InputError("the document has no text")
    return text


def _read_docx(path: Path) -> str:
    try:
        import docx
    except ImportError as exc:
        raise MissingDependencyError("python-docx", "docs", "Reading .docx files") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for bad files
        raise InputError(
            f"not a readable .docx file ({type(exc).__name__}: {exc})", path=path
        ) from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return _tidy("\n\n".join(parts))


# The most pages read from one PDF: a long report has hundreds; more is a book or a trap.
MAX_PDF_PAGES = 2000


def _read_pdf(path: Path) -> str:
    """Text of a PDF, within pypdf's decompression limits, :data:`MAX_PDF_PAGES` and the size
    limit."""
    try:
        from pypdf import PdfReader
        from pypdf import errors as pdf_errors
        from pypdf.errors import PdfReadError, PyPdfError
    except ImportError as exc:
        raise MissingDependencyError("pypdf", "docs", "Reading .pdf files") from exc
    # pypdf's own decompression limits raise LimitReachedError (pypdf 4.2 and later)
    bomb = getattr(pdf_errors, "LimitReachedError", PdfReadError)
    limit = max_input_bytes()
    pages: list[str] = []
    try:
        reader = PdfReader(str(path))
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise InputError(
                f"the PDF has {count:,} pages; ipterm reads at most {MAX_PDF_PAGES:,} "
                "(split it, or extract the part you need)",
                path=path,
            )
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > limit:
                raise InputError(
                    f"the PDF's text is over the {limit:,}-character input limit", path=path
                )
    except InputError:
        raise
    except bomb:
        raise InputError(
            "a stream in the PDF decompresses past pypdf's safety limit (a decompression "
            "bomb, or not a document); re-export the PDF",
            path=path,
        ) from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, OSError) as exc:
        raise InputError(f"not a readable PDF ({exc})", path=path) from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(
            "the PDF has no extractable text (scanned images need OCR first)", path=path
        )
    return _tidy(text)
