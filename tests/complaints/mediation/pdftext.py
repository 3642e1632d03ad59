"""Reading a generated PDF back: pypdf extracts the CID font's text (STSong-Light)."""

import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


def content_stream(content: bytes) -> bytes:
    """The pages' drawing operators, decompressed."""
    reader = PdfReader(io.BytesIO(content))
    return b"".join(page.get_contents().get_data() for page in reader.pages)
