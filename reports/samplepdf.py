"""Small real PDF files with bilingual text, written by hand, for the demo data and the tests.

English lines are set in Helvetica, Japanese ones in HeiseiMin-W3 through the UniJIS-UTF16-H CMap
(a font every PDF reader is required to substitute; nothing is embedded), so that both can be read
back by pypdf and by a person. No dependency beyond the standard library.
"""

import zlib


def _pdf_string(text):
    if text.isascii():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return "/F1", f"({escaped})"
    return "/F2", "<" + text.encode("utf-16-be").hex().upper() + ">"


def _content(lines):
    commands = ["BT", "14 TL", "56 780 Td"]
    for line in lines:
        font, string = _pdf_string(line)
        commands.append(f"{font} 11 Tf {string} Tj T*")
    commands.append("ET")
    return zlib.compress("\n".join(commands).encode("ascii"))


def make_pdf(pages):
    """A PDF of ``pages``, each a list of lines of text (English or Japanese, one script per line)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: (
            b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3 /Encoding /UniJIS-UTF16-H "
            b"/DescendantFonts [5 0 R] >>"
        ),
        5: (
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> "
            b"/FontDescriptor 6 0 R /DW 1000 >>"
        ),
        6: (
            b"<< /Type /FontDescriptor /FontName /HeiseiMin-W3 /Flags 6 /FontBBox [-123 -257 1001 910] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 69 >>"
        ),
    }
    kids = []
    number = 7
    for lines in pages:
        stream = _content(lines)
        objects[number] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objects[number + 1] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % number
        )
        kids.append(number + 1)
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join(f"{kid} 0 R" for kid in kids).encode(),
        len(kids),
    )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for key in sorted(objects):
        offsets[key] = len(out)
        out += b"%d 0 obj\n" % key + objects[key] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for key in range(1, size):
        out += b"%010d 00000 n \n" % offsets[key]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)
