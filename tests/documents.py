"""Small documents built by the tests themselves: DOCX and ODT zips, PDFs written by hand.

Each builder takes paragraphs as (kind, text) pairs, kind one of "h1", "h2", "p", "li",
"caption", "note" (a footnote of the paragraph before it); inline `*emphasis*` in a text
becomes italic runs. The PDF builder places lines of Helvetica (WinAnsi: Latin text only) on
pages; `pdf_without_text` draws a picture and no text, like a scan.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

_EMPH = re.compile(r"\*([^*]+)\*")


def _zip(parts: list[tuple[str, str | bytes]], stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for k, (name, data) in enumerate(parts):
            kind = zipfile.ZIP_STORED if stored_first and k == 0 else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compress_type=kind)
    return out.getvalue()


# -- DOCX ---------------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My heading"/><w:basedOn w:val="berschrift1"/></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>
</w:styles>"""
_DOCX_STYLE_OF = {"h1": "berschrift1", "h2": "MyHeading", "caption": "Caption", "p": "Normal", "li": "Normal"}


def _docx_runs(text: str) -> str:
    out = []
    for k, piece in enumerate(_EMPH.split(text)):
        props = "<w:rPr><w:i/></w:rPr>" if k % 2 else ""
        lines = piece.split("\n")
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
        out.append(f"<w:r>{props}{body}</w:r>")
    return "".join(out)


def build_docx(paragraphs: list[tuple[str, str]], title: str | None = None, document_xml: str | None = None,
               language: str | None = None) -> bytes:
    """A DOCX file of these paragraphs (or with this word/document.xml), its core properties
    naming the title and language given."""
    body, notes = [], []
    for kind, text in paragraphs:
        if kind == "note":
            n = len(notes) + 1
            notes.append(f'<w:footnote w:id="{n}"><w:p>{_docx_runs(text)}</w:p></w:footnote>')
            body[-1] = body[-1].replace("</w:p>", f'<w:r><w:footnoteReference w:id="{n}"/></w:r></w:p>')
            continue
        numbering = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if kind == "li" else ""
        body.append(f'<w:p><w:pPr><w:pStyle w:val="{_DOCX_STYLE_OF[kind]}"/>{numbering}</w:pPr>'
                    f"{_docx_runs(text)}</w:p>")
    document = document_xml or (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}>'
                                 f'<w:body>{"".join(body)}<w:sectPr/></w:body></w:document>')
    parts: list[tuple[str, str | bytes]] = [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                                'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                                '</Types>'),
        ("word/document.xml", document),
        ("word/styles.xml", _DOCX_STYLES),
        ("word/footnotes.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}>'
                               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                               f'</w:footnote>{"".join(notes)}</w:footnotes>'),
    ]
    if title or language:
        props = (f"<dc:title>{escape(title)}</dc:title>" if title else "") + \
            (f"<dc:language>{escape(language)}</dc:language>" if language else "")
        parts.append(("docProps/core.xml", '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://'
                                            'schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                                            f'xmlns:dc="http://purl.org/dc/elements/1.1/">{props}'
                                            '</cp:coreProperties>'))
    return _zip(parts)


# -- ODT ----------------------------------------------------------------------------------------

_ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')


def _odt_spans(text: str) -> str:
    out = []
    for k, piece in enumerate(_EMPH.split(text)):
        piece = "<text:line-break/>".join(escape(line) for line in piece.split("\n"))
        out.append(f'<text:span text:style-name="T1">{piece}</text:span>' if k % 2 else piece)
    return "".join(out)


def build_odt(paragraphs: list[tuple[str, str]], title: str | None = None, content_xml: str | None = None,
              language: str | None = None) -> bytes:
    """An ODT file of these paragraphs (or with this content.xml), its meta.xml naming the
    title and language given."""
    body: list[str] = []
    for kind, text in paragraphs:
        if kind == "note":
            note = (f'<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                    f'<text:note-body><text:p>{_odt_spans(text)}</text:p></text:note-body></text:note>')
            body[-1] = body[-1][: body[-1].rindex("</text:")] + note + body[-1][body[-1].rindex("</text:"):]
        elif kind in ("h1", "h2"):
            body.append(f'<text:h text:outline-level="{kind[1]}">{_odt_spans(text)}</text:h>')
        elif kind == "li":
            body.append(f"<text:list><text:list-item><text:p>{_odt_spans(text)}</text:p></text:list-item></text:list>")
        else:
            style = "Caption" if kind == "caption" else "Standard"
            body.append(f'<text:p text:style-name="{style}">{_odt_spans(text)}</text:p>')
    content = content_xml or (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODT_NS}>'
                              '<office:automatic-styles><style:style style:name="T1" style:family="text">'
                              '<style:text-properties fo:font-style="italic"/></style:style></office:automatic-styles>'
                              f'<office:body><office:text>{"".join(body)}</office:text></office:body>'
                              "</office:document-content>")
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODT_NS}><office:styles>'
              '<style:style style:name="Caption" style:family="paragraph"/>'
              '<style:style style:name="Standard" style:family="paragraph"/></office:styles></office:document-styles>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODT_NS}><office:meta>'
            f'<dc:title>{escape(title or "")}</dc:title>'
            + (f"<dc:language>{escape(language)}</dc:language>" if language else "")
            + "</office:meta></office:document-meta>")
    return _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content),
                 ("styles.xml", styles), ("meta.xml", meta)], stored_first=True)


def zip_bomb(name: str, first: str, size: int = 64 * 1024**2) -> bytes:
    """A zip whose part `name` (after a first part `first`, to look like its format) inflates
    `size` bytes of zeros from a few kilobytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(first, "application/vnd.oasis.opendocument.text" if first == "mimetype" else "<Types/>",
                   compress_type=zipfile.ZIP_STORED)
        with z.open(name, "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                part.write(chunk)
    return out.getvalue()


# -- PDF ----------------------------------------------------------------------------------------

def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1; the first is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def build_pdf(pages: list[list[tuple[float, float, float, str]]], language: str | None = None) -> bytes:
    """A PDF of pages of lines, each (x, y, font size, text) in points from the page's foot, its
    catalog naming the language given."""
    n_pages = len(pages)
    kids = " ".join(f"{3 + 2 * k} 0 R" for k in range(n_pages)).encode()
    lang = b" /Lang (%s)" % _pdf_text(language) if language else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R" + lang + b" >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages]
    font = 3 + 2 * n_pages
    for lines in pages:
        ops = b"".join(b"BT /F1 %g Tf %g %g Td (%s) Tj ET\n" % (size, x, y, _pdf_text(text)) for x, y, size, text in lines)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
                       b" /Contents %d 0 R >>" % (font, len(objects) + 2))
        objects.append(_stream(ops))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return _pdf(objects)


def pdf_without_text() -> bytes:
    """A one-page PDF that draws a grey box and no text (a scanned page has an image instead)."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 _stream(b"0.5 g 72 72 451 698 re f\n")])


def book_pages(paragraphs: list[str], title: str, chapter: str, per_page: int = 40, width: int = 80,
               ) -> list[list[tuple[float, float, float, str]]]:
    """A book's pages: paragraphs set in lines of `width` characters (first lines indented,
    words broken with a hyphen where a line ends mid-word), a running head (the book's title on
    even pages, the chapter on odd ones) and a page number at the foot of each page."""
    lines: list[tuple[str, bool]] = []  # (text, indented)
    for para in paragraphs:
        line, first = "", True
        for word in para.split():
            room = width - (4 if first else 0) - len(line) - (1 if line else 0)
            if len(word) <= room:
                line = f"{line} {word}" if line else word
                continue
            if len(word) >= 10 and word.isalpha() and room >= 5:  # break the word with a hyphen
                lines.append((f"{line} {word[: room - 1]}-" if line else f"{word[: room - 1]}-", first))
                line, first = word[room - 1:], False
                continue
            lines.append((line, first))
            line, first = word, False
        lines.append((line, first))
    pages = []
    for k in range(0, len(lines), per_page):
        number = len(pages) + 1
        page = [(72.0, 800.0, 9.0, title if number % 2 == 0 else chapter)]
        for n, (text, indented) in enumerate(lines[k:k + per_page]):
            page.append((72.0 + (18 if indented else 0), 760.0 - 16 * n, 11.0, text))
        page.append((290.0, 40.0, 9.0, str(number)))
        pages.append(page)
    return pages
