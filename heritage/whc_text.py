"""Cleaning the text of UNESCO's World Heritage list export: its bytes and its HTML.

The export's bytes are mostly Windows-1252 with some UTF-8 sequences in between
(``decode_text``), its names and descriptions are HTML fragments full of
entities and stray spaces (``html_to_text``), and letters Windows-1252 cannot
hold were replaced by "?" before publication (``lost_letters``).
"""

import html
import re
import unicodedata
from html.parser import HTMLParser

# Two- and three-byte UTF-8 sequences. Their continuation bytes (0x80-0xBF) can
# never start a sequence, so a scan from left to right cannot miss one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _plausible_utf8(char):
    """Whether a character decoded from a UTF-8 sequence belongs in this Latin-script list.

    Three Windows-1252 characters can happen to form valid UTF-8: "íž" followed by a
    no-break space reads as U+D7A0, a Hangul letter. Two-byte sequences (Latin-1 to
    Arabic) are accepted unless they are control characters; three-byte ones only
    when they give punctuation, a symbol, a space or a Latin letter.
    """
    if ord(char) < 0x800:
        return unicodedata.category(char) != "Cc"
    return unicodedata.category(char)[0] in "PSZ" or "LATIN" in unicodedata.name(char, "")


def decode_text(raw: bytes) -> str:
    """Decode bytes that are Windows-1252 with UTF-8 sequences in between, sequence by sequence."""
    if raw.isascii():
        return raw.decode("ascii")
    parts = []
    position = 0
    for match in _UTF8_SEQUENCE.finditer(raw):
        try:
            char = match.group().decode("utf-8")
        except UnicodeDecodeError:  # an overlong form or a surrogate: not UTF-8
            continue
        if _plausible_utf8(char):
            parts.append(raw[position : match.start()].decode("cp1252", errors="replace"))
            parts.append(char)
            position = match.end()
    parts.append(raw[position:].decode("cp1252", errors="replace"))
    return "".join(parts)


_BLOCK_TAGS = {"p", "div", "ul", "ol", "table", "tr", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}
_LINE_TAGS = {"br", "li"}
_SKIPPED_TAGS = {"script", "style"}
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")  # what is not already a single plain space
_TAG = re.compile(r"</?[a-zA-Z]")
_PARAGRAPH_BREAK = "\n\n"
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, marking paragraph and line breaks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0
        self.superscript = 0

    def handle_starttag(self, tag, attrs):
        self._break(tag)
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "sup":
            self.superscript += 1
        elif tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "sup":
            self.superscript = max(0, self.superscript - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH_BREAK)

    def handle_startendtag(self, tag, attrs):
        self._break(tag)

    def handle_data(self, data):
        if self.skipping:
            return
        # In HTML a line break in the source is a space; only tags break lines.
        data = data.replace("\r", " ").replace("\n", " ")
        # km<sup>2</sup> is km²; "13<sup>th</sup>" and "XVIII<sup>e</sup>" read as 13th and XVIIIe.
        self.parts.append(data.translate(_SUPERSCRIPT_DIGITS) if self.superscript else data)

    def _break(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH_BREAK)
        elif tag in _LINE_TAGS:
            self.parts.append("\n")


# A no-break space stays where typography wants one: inside French « guillemets »,
# before : ; ! ? and after a number ("1 300 ha", "170 km"). Elsewhere it is an editor's accident.
_UNWANTED_NO_BREAK_SPACE = re.compile(r"(?<![«\d])\xa0(?![»:;!?])")


def _normalise_spaces(line):
    """Collapse each run of white space into one space, or one no-break space where typography wants it."""
    line = _WHITESPACE.sub(lambda match: "\xa0" if set(match.group()) == {"\xa0"} else " ", line)
    return _UNWANTED_NO_BREAK_SPACE.sub(" ", line).strip()


def html_to_text(fragment: str, *, single_line=False) -> str:
    """Plain text of an HTML fragment: entities decoded, no tags, white space normalised.

    Paragraphs are separated by a blank line and list items or ``<br>`` start a new
    line; with ``single_line`` (names) every break becomes one space.
    """
    if _TAG.search(fragment):
        extractor = _TextExtractor()
        extractor.feed(fragment)
        extractor.close()
        text = "".join(extractor.parts)
    else:
        # Plain text (a few descriptions have no tags): its blank lines are the paragraph breaks.
        text = html.unescape(fragment)
    if single_line:
        return _normalise_spaces(text)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_normalise_spaces(line) for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return _PARAGRAPH_BREAK.join(paragraphs)


# A "?" that stands where the export lost a letter Windows-1252 could not hold:
# touching a letter on its right ("?widnica", "Krom??íž") or doubled after one ("Zamo??").
_LOST_LETTER = re.compile(r"\?(?=\w)|(?<=\w)\?\?")


def lost_letters(text, *, is_name=False):
    """Whether the text shows letters replaced by "?" in the source (no name holds a question mark)."""
    return "\ufffd" in text or ("?" in text if is_name else bool(_LOST_LETTER.search(text)))
