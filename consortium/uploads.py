"""One check for every uploaded file: documents and pictures of known kinds, never markup or programs.

Uploaded files are served from the portal's own address, inline, so an HTML page,
an SVG image or a script among them would run as the portal. A file's name proves
nothing, so its first bytes are read as well: the content must be of the kind its
name says, and text must not be markup.
"""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Refused whatever the content: what browsers render or run, and programs.
REFUSED_EXTENSIONS = {
    "html", "htm", "xhtml", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs", "css",
    "exe", "dll", "com", "msi", "bat", "cmd", "sh", "ps1", "php", "py", "jar", "swf", "hta",
}  # fmt: skip

# A name's extension, and what the content may be as filetype names it (None: text, which it does not name).
# Office files are ZIP archives whose first entry filetype does not always recognise.
CONTENT_KINDS = {
    "pdf": {"pdf"},
    "png": {"png"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "webp": {"webp"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "csv": {None},
    "txt": {None},
    "zip": {"zip"},
}
DOCUMENTS = ["pdf", "png", "jpg", "jpeg", "webp", "docx", "xlsx", "pptx", "csv", "txt"]
IMAGES = ["png", "jpg", "jpeg", "webp"]

# Where a browser would take text for a page or an image of its own (after blanks and a byte-order mark) ...
MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg", b"<?xml", b"<!--")
# ... anywhere in the first bytes of a text file ...
MARKUP_ANYWHERE = (b"<script", b"<html", b"<svg", b"<iframe", b"<!doctype", b"<?xml")
# ... and programs: Windows executables, ELF, scripts with an interpreter line.
PROGRAM_STARTS = (b"MZ", b"\x7fELF", b"#!")
HEAD_SIZE = 8192


def _head(file):
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(HEAD_SIZE)
    file.seek(position)
    return head


def _is_active_content(head):
    start = head.lstrip(b"\xef\xbb\xbf").lstrip()
    lowered = start.lower()
    return lowered.startswith(MARKUP_STARTS) or start.startswith(PROGRAM_STARTS)


@deconstructible
class UploadValidator:
    """Refuse a file unless its name has one of ``extensions``, its content is of that kind,
    and it is no larger than the setting ``max_size_setting`` (in bytes) allows."""

    def __init__(self, extensions=DOCUMENTS, max_size_setting="UPLOAD_MAX_DOCUMENT_BYTES"):
        self.extensions = list(extensions)
        self.max_size_setting = max_size_setting

    def __eq__(self, other):
        return (
            isinstance(other, UploadValidator)
            and self.extensions == other.extensions
            and self.max_size_setting == other.max_size_setting
        )

    def __call__(self, value):
        if isinstance(value, FieldFile):
            if value._committed:
                return  # Checked when it was uploaded; reading it again from storage is not this check's job.
            value = value.file
        extension = value.name.rsplit(".", 1)[-1].lower() if "." in value.name else ""
        allowed = ", ".join(f".{name}" for name in self.extensions)
        if extension in REFUSED_EXTENSIONS or extension not in self.extensions:
            raise ValidationError(
                _("Files of this kind (%(extension)s) cannot be uploaded. Allowed: %(allowed)s."),
                code="file_kind",
                params={"extension": f".{extension}" if extension else _("no extension"), "allowed": allowed},
            )
        limit = getattr(settings, self.max_size_setting)
        if value.size is not None and value.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s). The largest file of this kind is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
            )
        head = _head(value)
        if not head:
            raise ValidationError(_("The file is empty."), code="empty_file")
        if _is_active_content(head):
            raise ValidationError(
                _("Web pages, SVG images, scripts and programs cannot be uploaded."), code="active_content"
            )
        kind = filetype.guess(head)
        found = kind.extension if kind else None
        if found not in CONTENT_KINDS[extension]:
            raise ValidationError(
                _("The file's content is not what its name (.%(extension)s) says."),
                code="content_mismatch",
                params={"extension": extension},
            )
        if found is None and (b"\x00" in head or any(marker in head.lower() for marker in MARKUP_ANYWHERE)):
            raise ValidationError(
                _("Web pages, SVG images, scripts and programs cannot be uploaded."), code="active_content"
            )


validate_document = UploadValidator()
validate_image = UploadValidator(IMAGES, max_size_setting="UPLOAD_MAX_IMAGE_BYTES")
