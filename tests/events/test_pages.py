import pytest

from tests.events.conftest import make_page

pytestmark = pytest.mark.django_db


def test_index_lists_published_pages_in_the_order_staff_chose(client):
    make_page(title_en="How to join", order=5)
    make_page(title_en="Mission", order=1)
    make_page(title_en="Unfinished page", order=0, is_published=False)
    html = client.get("/en/about/").content.decode()
    assert html.index("Mission") < html.index("How to join")
    assert "Unfinished page" not in html


def test_unpublished_page_is_not_found_for_the_public_and_members(client, member):
    page = make_page(is_published=False)
    assert client.get(f"/en/about/{page.slug}/").status_code == 404
    client.force_login(member)
    assert client.get(f"/en/about/{page.slug}/").status_code == 404


def test_staff_preview_an_unpublished_page(client, staff):
    page = make_page(is_published=False, title_en="Coming soon")
    client.force_login(staff)
    response = client.get(f"/en/about/{page.slug}/")
    html = response.content.decode()
    assert "Coming soon" in html and 'class="preview-note"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_page_shows_its_body_and_the_other_pages(client):
    mission = make_page(title_en="Mission", body_en="Four pillars: **connect**, study, collect, communicate.")
    make_page(title_en="Activities")
    html = client.get(f"/en/about/{mission.slug}/").content.decode()
    assert "<strong>connect</strong>" in html
    assert "Activities" in html
    assert 'aria-current="page" lang="en">Mission' in html


def test_english_only_page_on_japanese_site_shows_the_fallback_note(client):
    page = make_page(title_ja="", body_ja="", title_en="Only in English")
    html = client.get(f"/ja/about/{page.slug}/").content.decode()
    assert "Only in English" in html
    assert 'class="fallback-note"' in html


def test_navigation_links_to_about_news_and_events(client):
    html = client.get("/en/").content.decode()
    for path in ("/en/about/", "/en/news/", "/en/events/"):
        assert f'href="{path}"' in html
