"""Uploaded files: served by the portal after their owner's access rule, never from a guessable path."""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consortium.files import move_to_random_names
from consortium.visibility import Visibility
from events.models import Event, Material, NewsAttachment, PublicationStatus
from members.models import Membership, User
from projects.models import CooperationProject, ProjectDocument
from tests.admin_checks import sign_in_to_admin
from tests.conftest import make_user
from tests.consortium.test_uploads import PDF, png
from tests.events.conftest import make_article, make_event

RANDOM_NAME = re.compile(r"[a-z/]+/[0-9a-f]{32}\.[a-z]+")


@pytest.fixture(autouse=True)
def production_media(db, settings, tmp_path):
    """The production settings that matter here: no DEBUG, files in a folder of their own."""
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path
    settings.FILES_ACCEL_REDIRECT = ""
    return tmp_path


def pdf(name="報告書 2024.pdf"):
    return SimpleUploadedFile(name, PDF)


def make_project(visibility=Visibility.MEMBERS):
    return CooperationProject.objects.create(
        title_en="Bagan stupa conservation",
        kind="conservation",
        status="ongoing",
        start_year=2020,
        visibility=visibility,
    )


def make_document(project, name="報告書 2024.pdf"):
    return ProjectDocument.objects.create(project=project, title_en="Survey report", file=pdf(name))


def make_material(event):
    return Material.objects.create(event=event, title_en="Slides", file=pdf("slides.pdf"))


@pytest.fixture
def staff_without_permission(db, staff_totp_secret):
    """Staff with a second factor, in no group and with no permission."""
    from allauth.mfa.totp.internal.auth import TOTP

    user = User.objects.create_user(email="clerk@example.org", password="x", is_staff=True)
    TOTP.activate(user, staff_totp_secret)
    return user


@pytest.fixture
def former_member(db):
    """A member who withdrew: their account stays, their access to the database does not."""
    return make_user("former@example.org", status=Membership.Status.WITHDRAWN)


@pytest.fixture
def files(db):
    """One file of each kind under each rule, by the name the table below uses."""
    draft = make_article(slug="draft", status=PublicationStatus.DRAFT, image=SimpleUploadedFile("p.png", png()))
    published = make_article(slug="published", image=SimpleUploadedFile("photo.png", png()))
    scheduled = make_article(slug="scheduled", publish_at=timezone.now() + timedelta(days=3))
    return {
        "members' project document": make_document(make_project()).href,
        "staff-only project document": make_document(make_project(Visibility.STAFF)).href,
        "public event material": make_material(make_event()).href,
        "members-only event material": make_material(make_event(audience=Event.Audience.MEMBERS)).href,
        "draft event material": make_material(make_event(status=Event.Status.DRAFT)).href,
        "published news image": published.image_url,
        "draft news image": draft.image_url,
        "published news attachment": NewsAttachment.objects.create(
            article=published, title_en="Annual report", file=pdf()
        ).get_absolute_url(),
        "scheduled news attachment": NewsAttachment.objects.create(
            article=scheduled, title_en="Embargoed report", file=pdf()
        ).get_absolute_url(),
    }


USERS = [
    "anonymous",
    "applicant",
    "member",
    "suspended_member",
    "former_member",
    "staff",
    "staff_without_second_factor",
]
MEMBERS_ONLY = (302, 403, 200, 403, 403, 200, 200)
EXPECTED = {
    "members' project document": MEMBERS_ONLY,
    # Staff without a second factor see what members see (members.access).
    "staff-only project document": (302, 403, 404, 403, 403, 200, 404),
    "public event material": (200, 200, 200, 200, 200, 200, 200),
    "members-only event material": MEMBERS_ONLY,
    # Staff preview drafts; to everyone else a draft does not exist.
    "draft event material": (404, 404, 404, 404, 404, 200, 404),
    "published news image": (200, 200, 200, 200, 200, 200, 200),
    "draft news image": (404, 404, 404, 404, 404, 200, 404),
    "published news attachment": (200, 200, 200, 200, 200, 200, 200),
    "scheduled news attachment": (404, 404, 404, 404, 404, 200, 404),
}


@pytest.mark.parametrize("who", USERS)
def test_each_file_answers_each_user_as_its_owner_rule_says(request, client, files, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    got = {kind: client.get(url).status_code for kind, url in files.items()}
    want = {kind: answers[USERS.index(who)] for kind, answers in EXPECTED.items()}
    assert got == want


def test_an_anonymous_visitor_is_sent_to_sign_in_for_a_members_only_file(client, files):
    url = files["members-only event material"]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login")) and "next=" in response["Location"]


@pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "staff", "staff_without_permission"])
def test_a_project_document_answers_as_its_project_page_does(request, client, who):
    """Whoever the rule lets see a project (staff-only ones included) may download its documents, nobody else."""
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for visibility in Visibility:
        project = make_project(visibility)
        document = make_document(project)
        page = client.get(project.get_absolute_url()).status_code
        assert client.get(document.href).status_code == page


def test_staff_without_the_view_permission_of_projects_cannot_download_a_staff_only_document(
    client, staff_without_permission
):
    document = make_document(make_project(Visibility.STAFF))
    sign_in_to_admin(client, staff_without_permission)
    assert client.get(document.href).status_code == 404


def test_a_document_of_a_project_made_staff_only_after_upload_is_hidden_from_members(client, member):
    project = make_project()
    document = make_document(project)
    client.force_login(member)
    assert client.get(document.href).status_code == 200
    project.visibility = Visibility.STAFF
    project.save()
    assert client.get(document.href).status_code == 404


def test_no_stored_file_answers_at_its_media_address(client, staff, files, settings):
    client.force_login(staff)
    stored = [document.file.name for document in ProjectDocument.objects.all()]
    stored += [material.file.name for material in Material.objects.all()]
    assert stored
    for debug in (False, True):
        settings.DEBUG = debug
        for name in stored:
            assert client.get(settings.MEDIA_URL + name).status_code == 404


def test_a_download_carries_its_original_name_and_safe_headers(client, member):
    document = make_document(make_project())
    client.force_login(member)
    response = client.get(document.href)
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E5%A0%B1%E5%91%8A%E6%9B%B8%202024.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_public_news_image_is_cached_for_good_at_its_stamped_address_only(client):
    article = make_article(image=SimpleUploadedFile("photo.png", png()))
    stamped = client.get(article.image_url)
    assert stamped["Cache-Control"] == "public, max-age=31536000, immutable"
    assert stamped["Content-Disposition"] == 'inline; filename="photo.png"'
    assert stamped["Content-Type"] == "image/png"
    unstamped = client.get(reverse("files:news_image", args=[article.pk]))
    assert unstamped["Cache-Control"] == "private, no-store"


def test_a_draft_news_image_previewed_by_staff_is_not_cached(client, staff):
    article = make_article(status=PublicationStatus.DRAFT, image=SimpleUploadedFile("photo.png", png()))
    client.force_login(staff)
    assert client.get(article.image_url)["Cache-Control"] == "private, no-store"


def test_public_event_materials_and_news_attachments_are_not_cached(client):
    material = make_material(make_event())
    attachment = NewsAttachment.objects.create(article=make_article(), title_en="Report", file=pdf())
    for url in (material.href, attachment.get_absolute_url()):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Security-Policy"] == "sandbox"


def test_with_accel_redirect_set_nginx_sends_the_file_after_the_check(client, member, settings):
    settings.FILES_ACCEL_REDIRECT = "/protected-media/"
    document = make_document(make_project(Visibility.STAFF))
    open_document = make_document(make_project())
    client.force_login(member)
    assert client.get(document.href).status_code == 404
    response = client.get(open_document.href)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{open_document.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_file_missing_from_storage_is_a_404(client, member):
    document = make_document(make_project())
    default_storage.delete(document.file.name)
    client.force_login(member)
    assert client.get(document.href).status_code == 404


def test_stored_names_are_random_and_the_original_name_is_kept(db):
    document = make_document(make_project(), name="Bagan Report.PDF")
    article = make_article(image=SimpleUploadedFile("My Photo.png", png()))
    assert RANDOM_NAME.fullmatch(document.file.name) and document.file.name.startswith("projects/documents/")
    assert document.file.name.endswith(".pdf")
    assert document.original_name == "Bagan Report.PDF"
    assert RANDOM_NAME.fullmatch(article.image.name) and article.image_original_name == "My Photo.png"
    again = make_document(document.project, name="Bagan Report.PDF")
    assert again.file.name != document.file.name


def test_replacing_a_file_keeps_the_new_original_name(db):
    document = make_document(make_project(), name="first.pdf")
    document.file = pdf("second.pdf")
    document.save()
    document.title_en = "Renamed"
    document.save()
    document.refresh_from_db()
    assert document.original_name == "second.pdf"


def test_pages_link_files_through_the_portal(client, member):
    project = make_project()
    document = make_document(project)
    event = make_event()
    material = make_material(event)
    article = make_article(image=SimpleUploadedFile("photo.png", png()))
    attachment = NewsAttachment.objects.create(article=article, title_en="Report", file=pdf())
    client.force_login(member)
    pages = {
        project.get_absolute_url(): [document.href],
        event.get_absolute_url(): [material.href],
        article.get_absolute_url(): [article.image_url, attachment.get_absolute_url()],
    }
    for page, links in pages.items():
        html = client.get(page).content.decode()
        assert "/media/" not in html
        for link in links:
            assert link.startswith("/ja/files/") and link in html.replace("&amp;", "&")


def _store_old_style(model, name, **fields):
    """A record as saved before random names: its file under the uploader's name."""
    stored = default_storage.save(name, ContentFile(PDF))
    record = model.objects.create(**fields, file=pdf())
    model.objects.filter(pk=record.pk).update(file=stored, original_name="")
    return record, stored


def test_the_migration_moves_existing_files_to_random_names(db):
    project = make_project()
    record, old = _store_old_style(
        ProjectDocument, "projects/documents/2024/Bagan report.pdf", project=project, title_en="Old report"
    )
    gone = ProjectDocument.objects.create(project=project, title_en="Lost", url="https://example.org/")
    ProjectDocument.objects.filter(pk=gone.pk).update(file="projects/documents/2019/lost.pdf")

    migration = importlib.import_module("projects.migrations.0011_move_files_to_random_names")
    migration.move_files(apps, None)

    record.refresh_from_db()
    assert RANDOM_NAME.fullmatch(record.file.name)
    assert record.original_name == "Bagan report.pdf"
    assert default_storage.open(record.file.name).read() == PDF
    assert not default_storage.exists(old)
    gone.refresh_from_db()
    assert gone.file.name == "projects/documents/2019/lost.pdf" and gone.original_name == "lost.pdf"
    # Run again, it moves nothing.
    moved = record.file.name
    assert move_to_random_names(ProjectDocument, "file", "projects/documents") == ["projects/documents/2019/lost.pdf"]
    record.refresh_from_db()
    assert record.file.name == moved


def test_the_events_migration_moves_materials_attachments_and_images(db):
    material, _old = _store_old_style(Material, "events/materials/2023/slides.pdf", event=make_event(), title_en="S")
    migration = importlib.import_module("events.migrations.0006_move_files_to_random_names")
    migration.move_files(apps, None)
    material.refresh_from_db()
    assert material.file.name.startswith("events/materials/") and RANDOM_NAME.fullmatch(material.file.name)
    assert material.original_name == "slides.pdf"


def test_the_admin_links_the_current_file_to_its_guarded_download(staff_client):
    project = make_project()
    document = make_document(project)
    article = make_article(image=SimpleUploadedFile("photo.png", png()))
    attachment = NewsAttachment.objects.create(article=article, title_en="Report", file=pdf())
    material = make_material(make_event())
    pages = {
        reverse("admin:projects_cooperationproject_change", args=[project.pk]): [document.href],
        reverse("admin:events_newsarticle_change", args=[article.pk]): [article.image_url, attachment.href],
        reverse("admin:events_event_change", args=[material.event.pk]): [material.href],
    }
    for page, links in pages.items():
        html = staff_client.get(page).content.decode().replace("&amp;", "&")
        assert "/media/" not in html
        for link in links:
            # The admin speaks its own language; the link is the same in both.
            assert f'href="/en{link.removeprefix("/ja")}"' in html or f'href="{link}"' in html
