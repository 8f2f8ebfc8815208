"""Uploaded files: stored under random names, served by the portal after the access check.

No uploaded file is reachable by its storage path (``MEDIA_URL`` is not routed): each
kind has a view that finds the file through the record that owns it, asks that record's
access rule, and answers with :func:`protected_file_response`. The name the uploader
gave is kept in a field of its own and used as the download name.
"""

import mimetypes
import os
import re
import uuid
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-store"


@deconstructible
class RandomName:
    """``upload_to`` that stores a file as ``<folder>/<uuid4 hex>.<extension>``.

    Names nobody can guess, that change whenever the file does (so a public image may be
    cached for good), and that say nothing of what the uploader called the file.
    """

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __eq__(self, other):
        return isinstance(other, RandomName) and self.folder == other.folder

    def __call__(self, instance, filename):
        return random_name(self.folder, filename)


def random_name(folder, filename):
    extension = os.path.splitext(filename)[1].lower()
    return f"{folder}/{uuid.uuid4().hex}{extension}"


def is_random_name(name, folder):
    return re.fullmatch(rf"{re.escape(folder)}/[0-9a-f]{{32}}(\.[^./]*)?", name) is not None


def move_to_random_names(model, field_name, folder, name_field="original_name"):
    """For a data migration: store the files of ``model`` saved before random names under one.

    The old base name becomes the download name. A file missing from storage keeps its record
    and its old name (its download answers 404, as before); the names of such files are returned.
    """
    missing = []
    records = model._default_manager.exclude(**{field_name: ""}).only("pk", field_name, name_field)
    for record in records.iterator():
        fieldfile = getattr(record, field_name)
        old = fieldfile.name
        if is_random_name(old, folder):
            continue
        storage = fieldfile.storage
        new = old
        try:
            with storage.open(old, "rb") as handle:
                new = storage.save(random_name(folder, old), handle)
        except OSError:
            missing.append(old)
        else:
            storage.delete(old)
        original = getattr(record, name_field) or os.path.basename(old)[:255]
        model._default_manager.filter(pk=record.pk).update(**{field_name: new, name_field: original})
    return missing


def remember_original_name(instance, field_name, name_field="original_name"):
    """Before a save: keep the uploader's name of a newly uploaded file in ``name_field``."""
    fieldfile = getattr(instance, field_name)
    if fieldfile and not fieldfile._committed:
        setattr(instance, name_field, os.path.basename(fieldfile.name)[:255])
    elif not fieldfile:
        setattr(instance, name_field, "")


def name_for_download(fieldfile, original_name):
    return original_name or os.path.basename(fieldfile.name)


def stored_stem(fieldfile):
    """The random part of a stored name: a version stamp for addresses of cacheable files."""
    return os.path.splitext(os.path.basename(fieldfile.name))[0]


def protected_file_response(fieldfile, *, download_name, public=False, inline=False):
    """Answer with an uploaded file whose access the caller has already checked.

    The file is opened through its storage (any ``STORAGES`` backend) and streamed; with
    ``FILES_ACCEL_REDIRECT`` set, nginx is told to send it instead. A file that is missing
    from storage is a 404. ``public`` files (images of published pages, under names that
    change with the file) may be cached by anyone for a year; everything else by no one.
    """
    if not fieldfile:
        raise Http404
    accel_prefix = settings.FILES_ACCEL_REDIRECT
    if accel_prefix:
        content_type = mimetypes.guess_type(download_name)[0] or "application/octet-stream"
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix.rstrip("/") + "/" + quote(fieldfile.name)
        response["Content-Disposition"] = content_disposition_header(not inline, download_name)
    else:
        try:
            handle = fieldfile.storage.open(fieldfile.name, "rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        response = FileResponse(handle, as_attachment=not inline, filename=download_name)
    response["X-Content-Type-Options"] = "nosniff"
    # Whatever the file holds, a browser that opens it runs nothing as the portal.
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    return response
