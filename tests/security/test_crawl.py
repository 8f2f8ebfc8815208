"""A visitor who is signed in as nobody follows every link and finds no members-only data."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consortium.visibility import Visibility
from events.models import Event, Material, NewsAttachment
from projects.models import CooperationProject, ProjectDocument
from tests.consortium.test_uploads import PDF, png
from tests.events.conftest import make_article, make_event

DATABASE_PREFIXES = tuple(
    f"/{language}/{section}/"
    for language in ("ja", "en")
    for section in ("database", "experts", "projects", "heritage")
)
SKIPPED = ("/static/",)
FILE_PREFIXES = ("/ja/files/", "/en/files/")
MOST_PAGES = 800  # about 500 now: each page adds its sign-in link (with ?next=) in both languages


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action"):
            if attrs.get(name) and not (tag == "form" and (attrs.get("method") or "get").lower() == "post"):
                self.links.append(attrs[name])


def body(response):
    """The response's bytes, read once: a file's answer is streamed."""
    if not hasattr(response, "crawled_body"):
        response.crawled_body = response.getvalue()
    return response.crawled_body


def links_in(response):
    content_type = response.get("Content-Type", "")
    text = body(response).decode("utf-8", errors="replace")
    if "html" in content_type:
        parser = LinkParser()
        parser.feed(text)
        return parser.links
    if "xml" in content_type:
        return re.findall(r"<loc>([^<]+)</loc>", text) + re.findall(r'href="([^"]+)"', text)
    return []


def same_origin_path(base, link):
    url = urldefrag(urljoin(base, link)).url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(SKIPPED) else path


def crawl(client, starts):
    """{path: response} for every same-origin page reachable from ``starts``, at most MOST_PAGES."""
    seen = {}
    queue = deque(starts)
    while queue and len(seen) < MOST_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response
        base = f"http://testserver{path}"
        found = links_in(response)
        if response.has_header("Location"):
            found.append(response["Location"])
        for link in found:
            target = same_origin_path(base, link)
            if target and target not in seen:
                queue.append(target)
    return seen


SECRET_IN_FILES = b"Hiddenmoor"


@pytest.fixture
def members_only_files(db, settings, tmp_path):
    """Files of each kind, the members-only ones holding a secret, on public pages where the rule allows."""
    settings.MEDIA_ROOT = tmp_path
    secret_pdf = PDF.replace(b"%%EOF", b"(" + SECRET_IN_FILES + b") %%EOF")
    article = make_article(slug="with-files", title_en="Report with files", image=SimpleUploadedFile("p.png", png()))
    public = NewsAttachment.objects.create(
        article=article, title_en="Public report", file=SimpleUploadedFile("r.pdf", PDF)
    )
    event = make_event(slug="members-seminar", title_en="Members' seminar", audience=Event.Audience.MEMBERS)
    material = Material.objects.create(event=event, title_en="Slides", file=SimpleUploadedFile("s.pdf", secret_pdf))
    project = CooperationProject.objects.create(
        title_en="Hidden files project", kind="conservation", status="ongoing", start_year=2020,
        visibility=Visibility.STAFF,
    )  # fmt: skip
    document = ProjectDocument.objects.create(
        project=project, title_en="Staff report", file=SimpleUploadedFile("d.pdf", secret_pdf)
    )
    return {
        "public": [article.image_url, public.get_absolute_url()],
        # Guesses: the members-only files' addresses, and where they are stored.
        "guesses": [
            event.get_absolute_url(),
            material.href,
            document.href,
            *(settings.MEDIA_URL + record.file.name for record in (material, document)),
        ],
    }


def test_following_every_link_as_a_visitor_reveals_no_members_only_data(client, members_only_data, members_only_files):
    # Queries that match the hidden records, without naming them (the sign-in page repeats its "next").
    guesses = members_only_data["database_urls"] + ["/en/experts/?q=biography", "/ja/database/?q=restoration"]
    file_guesses = members_only_files["guesses"]
    pages = crawl(client, ["/ja/", "/en/", "/sitemap.xml", "/robots.txt", *guesses, *file_guesses])

    assert len(pages) < MOST_PAGES, "the crawl did not finish: raise MOST_PAGES or find the endless links"
    # The crawl reached the public content, so it had somewhere to look.
    for path in [
        "/en/news/annual-report/",
        "/ja/events/spring-symposium/",
        "/en/about/mission/",
        "/en/news/feed/rss/",
        *members_only_files["public"],
    ]:
        assert pages.get(path) is not None and pages[path].status_code == 200, f"{path} was not reached"

    for path, response in pages.items():
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        text = body(response).decode("utf-8", errors="replace")
        for secret in members_only_data["secrets"]:
            assert secret not in text, f"{path} shows {secret!r}"
        assert SECRET_IN_FILES not in body(response), f"{path} shows a members-only file"
        if path.startswith(DATABASE_PREFIXES):
            assert response.status_code != 200, f"{path} answered 200 to a visitor"
        if path.startswith("/media/"):
            assert response.status_code == 404, f"{path} answered {response.status_code}"
    # The members-only files answered the visitor with the sign-in page or a 404, never the file.
    assert {pages[path].status_code for path in file_guesses[1:]} <= {302, 404}
    assert any(path.startswith(FILE_PREFIXES) and response.status_code == 302 for path, response in pages.items())
    visited_database = [path for path in pages if path.startswith(DATABASE_PREFIXES)]
    assert len(visited_database) >= len(guesses), visited_database
