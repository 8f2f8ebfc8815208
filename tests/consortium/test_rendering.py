"""Every page of the URL × user matrix, in both languages, shows no Python representation
(``{'``, ``<QuerySet``, ``object at 0x``, ``None`` where a value belongs) and, on Japanese
pages, no English text of the Japanese catalogue left untranslated.

The pages are read as a browser shows them: text and attribute values with their character
references resolved, so an escaped ``{&#x27;code&#x27;: …}`` counts as the ``{'code': …}`` a
reader sees.
"""

import gettext
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from consortium.models import Country, Language
from events import questionnaires
from events.models import CheckIn
from experts.models import Expert
from heritage.models import HeritageSite
from projects.models import CooperationProject, Participation
from search import alerts, saved
from tests.events.conftest import make_article, make_event, make_page, make_registration
from tests.events.questionnaire_helpers import invitation_of, make_questionnaire
from tests.members.test_url_access import ALL_NAMES, USERS, sample_url

PYTHON_REPRESENTATIONS = [
    re.compile(r"\{'"),
    re.compile(r"<QuerySet"),
    re.compile(r"object at 0x"),
    re.compile(r":\s*None\b"),
]
# A text that is only "None" is Python's None on a Japanese page; on an English one it may be the
# word, translated from "None" (a member's page says so of their sub-committees).
NONE_ALONE = re.compile(r"^None$")
# Tags whose text no one reads as the page's text.
UNREAD = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes a person reads (or hears from a screen reader).
READ_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}


class PageText(HTMLParser):
    """The texts and attribute values of a page, each with the language it is marked as."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.stack = [(None, language, False)]
        self.texts = []  # (text, language) of what a person reads
        self.values = []  # every attribute value and script text, for Python representations

    def handle_starttag(self, tag, attrs):
        _tag, language, unread = self.stack[-1]
        language = dict(attrs).get("lang") or language
        for name, value in attrs:
            if value is None:
                continue
            self.values.append(value)
            if name in READ_ATTRIBUTES:
                self.texts.append((" ".join(value.split()), language))
        if tag not in VOID:
            self.stack.append((tag, language, unread or tag in UNREAD))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        _tag, language, unread = self.stack[-1]
        self.values.append(data)
        text = " ".join(data.split())
        if text and not unread:
            self.texts.append((text, language))


def page_text(html, language):
    parser = PageText(language)
    parser.feed(html)
    parser.close()
    return parser


def english_msgids():
    """The project's English message ids that the Japanese catalogue translates, as readers see them.

    Only whole ids are compared with whole texts of a page, and ids with placeholders are left out:
    a text that is exactly a translated id, on a Japanese page, outside anything marked English,
    cannot be a name or a record's text by chance unless the test's own records say so.
    """
    with open(Path(settings.BASE_DIR) / "locale" / "ja" / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog  # msgid (or (msgid, n) of plurals) → msgstr
    ids = set()
    for msgid, msgstr in catalogue.items():
        if not isinstance(msgid, str) or not msgid:
            continue
        text = " ".join(msgid.split("\x04")[-1].split())
        if text != " ".join(msgstr.split()) and not re.search(r"[%{<]", text):
            ids.add(text)
    return ids


def problems_in(html, language, untranslated_ids):
    parser = page_text(html, language)
    patterns = PYTHON_REPRESENTATIONS + ([NONE_ALONE] if language == "ja" else [])
    found = []
    for value in parser.values:
        for line in value.splitlines():
            line = line.strip()
            found += [
                f"Python representation {pattern.pattern!r}: {line[:120]!r}"
                for pattern in patterns
                if pattern.search(line)
            ]
    if language == "ja":
        for text, text_language in parser.texts:
            if text_language == "ja" and text in untranslated_ids:
                found.append(f"untranslated: {text!r}")
    return found


@pytest.fixture
def records(member):
    """A record behind every detail page, filled the way staff fill them, with their relations."""
    peru = Country.objects.get(code="PE")
    expert = Expert.objects.create(
        family_name="岩崎", given_name="修", family_name_kana="いわさき", given_name_kana="おさむ",
        family_name_en="Iwasaki", given_name_en="Osamu", position_en="Conservator", position_ja="保存修復師",
        biography_en="Surveys of adobe architecture.", biography_ja="日干し煉瓦建築の調査。", user=member,
    )  # fmt: skip
    expert.languages.set(Language.objects.filter(code__in=["es", "ja"]))
    expert.countries.set([peru])
    site = HeritageSite.objects.create(
        name_en="Chan Chan Archaeological Zone", name_ja="チャン・チャン遺跡地帯", category="cultural",
        whc_id=366, inscription_year=1986, in_danger=True, latitude=-8.1, longitude=-79.07,
    )  # fmt: skip
    site.countries.set([peru])
    project = CooperationProject.objects.create(
        title_en="Adobe conservation at Chan Chan", title_ja="チャン・チャン遺跡の日干し煉瓦保存",
        kind="conservation", status="ongoing", start_year=2019,
        summary_en="Conservation of adobe walls.", summary_ja="日干し煉瓦壁の保存。",
    )  # fmt: skip
    project.sites.set([site])
    project.countries.set([peru])
    Participation.objects.create(project=project, expert=expert, role="leader")
    article = make_article(slug="chan-chan-report", title_en="Report from Chan Chan", title_ja="チャン・チャン報告")
    event = make_event(
        slug="adobe-seminar", title_en="Adobe seminar", title_ja="日干し煉瓦研究会", capacity=50,
        online_url="https://meet.example.org/adobe",
    )  # fmt: skip
    checked_in = make_registration(event, name="Ana Lima", affiliation="Museu Nacional")
    CheckIn.objects.create(registration=checked_in, method=CheckIn.Method.QR_CODE, checked_in_by=member)
    absent = make_registration(event, name="山田 花子")
    questionnaire = make_questionnaire(event, closes_at=event.ends_at + timedelta(days=14))
    page = make_page(slug="mission", title_en="Our mission", title_ja="私たちの使命")
    saved_search = saved.create(member, "projects", {"q": ["Chan Chan"]}, alerts="weekly")
    return {
        "experts:detail": {"pk": expert.pk},
        "projects:detail": {"pk": project.pk},
        "heritage:detail": {"pk": site.pk},
        "news:detail": {"slug": article.slug},
        "events:detail": {"slug": event.slug},
        "events:register": {"slug": event.slug},
        "events:ics": {"slug": event.slug},
        "events:check_in": {"slug": event.slug},
        "events:check_in_list": {"slug": event.slug},
        # An attendee's own page offers the certificate and the questionnaire; one who did not attend is refused.
        "events:registration": {"token": checked_in.manage_key},
        "events:questionnaire": {"token": questionnaires.token(invitation_of(questionnaire, checked_in))},
        "events:certificate": {"token": absent.manage_key},
        "pages:detail": {"slug": page.slug},
        "saved_searches:edit": {"pk": saved_search.pk},
        "saved_searches:delete": {"pk": saved_search.pk},
        "saved_searches:unsubscribe": {"token": alerts.unsubscribe_token(saved_search)},
    }


def page_urls(records):
    """Each page's address in each language (once for pages outside the language prefixes)."""
    urls = {}
    for language in ["ja", "en"]:
        with translation.override(language):
            for name, route in ALL_NAMES:
                url = reverse(name, kwargs=records[name]) if name in records else sample_url(name, route)
                urls.setdefault(url, name)
    return urls


@pytest.mark.parametrize("who", USERS)
def test_no_page_shows_python_representations_or_untranslated_text(request, client, records, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    untranslated_ids = english_msgids()
    found = []
    for url, name in page_urls(records).items():
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        language = "en" if url.startswith("/en/") else "ja" if url.startswith("/ja/") else None
        html = response.content.decode()
        problems = problems_in(html, language, untranslated_ids)
        if 'class="lang-switch"' in html and not all(f'hreflang="{code}"' in html for code in ("ja", "en")):
            problems.append("the language switcher is empty")
        found += [f"{name} {url} ({response.status_code}): {problem}" for problem in problems]
    assert found == [], "\n".join(found)


def test_an_experts_page_lists_the_experts_languages(client, member, records):
    client.force_login(member)
    with translation.override("en"):
        html = client.get(reverse("experts:detail", kwargs=records["experts:detail"])).content.decode()
    languages = re.search(r"<dt>Languages</dt><dd>(.*?)</dd>", html).group(1)
    assert re.findall(r"<li>(.*?)</li>", languages) == ["Japanese", "Spanish"]


def test_the_check_finds_the_language_switchers_data_and_untranslated_text():
    html = (
        "<html lang='ja'><body><ul><li>{&#x27;code&#x27;: &#x27;ja&#x27;}</li></ul>"
        "<dd>None</dd><p>Languages</p><a lang='en'>English</a><script>var a = 1;</script></body></html>"
    )
    problems = problems_in(html, "ja", {"Languages", "English"})
    assert problems == [
        f"Python representation {PYTHON_REPRESENTATIONS[0].pattern!r}: {"{'code': 'ja'}"!r}",
        "Python representation '^None$': 'None'",
        "untranslated: 'Languages'",
    ]
