"""Build the demo data in memory from one seed, then write it in bulk, all in one transaction."""

import random
import unicodedata
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from experts.models import Expert
from members.models import Organization
from projects.models import CooperationProject, Participation
from search import readings
from search.analyze import analyze

from . import EXTRA_SEEDERS
from .experts import biography, draft_expert, settle_languages
from .names import ForeignNames
from .organizations import make_organizations
from .places import Focus, ensure_sites, sites_by_country
from .projects import ProjectMaker
from .reference import load_reference
from .writer import copy_links, copy_rows, reserve_ids

_JAPANESE_AREA_CODES = ("3", "6", "75", "742", "92", "11", "22", "52", "82", "98")


def seed_demo(*, experts, projects, seed, progress, stdout):
    """Add ``experts`` experts and ``projects`` projects (and what they need); return counts by kind.

    The same seed gives the same records, apart from database ids and the
    timestamps and statuses that follow today's date.
    """
    reference = load_reference()
    rng = random.Random(seed)  # noqa: S311 (demo data must be reproducible, not secret)
    now = timezone.now()
    this_year = timezone.localdate().year
    focus = Focus(reference)

    with transaction.atomic():
        progress.stage("Heritage sites")
        own_sites = ensure_sites(reference)
        sites = sites_by_country()

        progress.stage("Organisations")
        foreign_names = ForeignNames(seed, reference.countries)
        abroad = sorted(set(focus.codes) | foreign_names.countries)
        japanese_orgs, foreign_orgs = make_organizations(rng, reference, 12 + experts // 50, abroad)
        organizations = japanese_orgs + [org for code in abroad for org in foreign_orgs[code]]

        expert_drafts = [
            draft_expert(rng, reference, foreign_names, japanese_orgs, foreign_orgs, focus, this_year)
            for _ in progress.track(range(experts), experts, "Experts")
        ]
        maker = ProjectMaker(rng, reference, focus, sites, expert_drafts, japanese_orgs, foreign_orgs, this_year)
        project_drafts = [maker.draft() for _ in progress.track(range(projects), projects, "Projects")]
        project_counts = Counter(id(expert) for project in project_drafts for expert, _ in project.team)
        for expert in expert_drafts:
            settle_languages(rng, reference, expert)

        progress.stage("Writing")
        _write_organizations(organizations, reference, now)
        _write_experts(rng, expert_drafts, reference, project_counts, now, progress)
        _write_projects(rng, project_drafts, reference, now, progress)

        for path in EXTRA_SEEDERS:
            progress.stage(f"Extra: {path}")
            import_string(path)(random.Random(f"{seed}:{path}"), stdout)  # noqa: S311
        progress.stage("Checking references and committing")

    # Every table the demo wrote to has new rows: searches are planned from their statistics (search.analyze).
    progress.stage("Analysing the tables")
    analyze()

    return {
        "organisations": len(organizations),
        "heritage sites recorded": own_sites,
        "experts": len(expert_drafts),
        "projects": len(project_drafts),
        "participations": sum(len(project.team) for project in project_drafts),
    }


def _moments(rng, now):
    """A (created, updated) pair within the last three years, so "recently updated" orders something."""
    updated = now - timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
    return updated - timedelta(days=rng.randint(0, 900)), updated


def _write_organizations(organizations, reference, now):
    for org, pk in zip(organizations, reserve_ids(Organization, len(organizations)), strict=True):
        org.pk = pk
    copy_rows(
        Organization,
        (
            {
                "id": org.pk,
                "name_ja": org.name_ja,
                "name_en": org.name_en,
                "kind": org.kind,
                "country_id": reference.countries[org.country].pk,
                "website": org.website,
                "created_at": now,
                "updated_at": now,
            }
            for org in organizations
        ),
    )


def _ascii(text):
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _contact(rng, expert, taken):
    host = expert.organization.website.split("/")[2]
    local = f"{_ascii(expert.name.given_en)}.{_ascii(expert.name.family_en)}"
    taken[(local, host)] += 1
    if taken[(local, host)] > 1:
        local += str(taken[(local, host)])
    phone = ""
    if expert.organization.country == "JP":
        area = rng.choice(_JAPANESE_AREA_CODES)
        # Nine digits after the country code: the area code, the exchange, four more.
        exchange = 5 - len(area)
        phone = f"+81-{area}-{rng.randint(10 ** (exchange - 1), 10**exchange - 1)}-{rng.randint(0, 9999):04d}"
    return f"{local}@{host}", phone


def _write_experts(rng, drafts, reference, project_counts, now, progress):
    for expert, pk in zip(drafts, reserve_ids(Expert, len(drafts)), strict=True):
        expert.pk = pk
    taken = Counter()

    def rows():
        for expert in progress.track(drafts, len(drafts), "Writing experts"):
            name = expert.name
            biography_ja, biography_en = biography(expert, reference, project_counts[id(expert)])
            email, phone = _contact(rng, expert, taken)
            created, updated = _moments(rng, now)
            yield {
                "id": expert.pk,
                "family_name": name.family,
                "given_name": name.given,
                "family_name_kana": name.family_kana,
                "given_name_kana": name.given_kana,
                "family_name_en": name.family_en,
                "given_name_en": name.given_en,
                # COPY bypasses save(), which makes the reading of the name everywhere else.
                "name_reading": readings.name_reading(
                    family=name.family,
                    given=name.given,
                    family_kana=name.family_kana,
                    given_kana=name.given_kana,
                    family_en=name.family_en,
                    given_en=name.given_en,
                ),
                "organization_id": expert.organization.pk,
                "department": expert.department,
                "position_ja": expert.position_ja,
                "position_en": expert.position_en,
                "biography_ja": biography_ja,
                "biography_en": biography_en,
                "email": email,
                "phone": phone,
                "visibility": expert.visibility,
                "created_at": created,
                "updated_at": updated,
            }

    copy_rows(Expert, rows())
    progress.stage("Writing the experts' specialties, countries and languages")
    countries, languages = reference.countries, reference.languages
    copy_links(Expert.specialties.field, ((e.pk, s.pk) for e in drafts for s in e.specialties))
    copy_links(Expert.countries.field, ((e.pk, countries[code].pk) for e in drafts for code in e.countries))
    copy_links(Expert.languages.field, ((e.pk, languages[code].pk) for e in drafts for code in e.languages))


def _write_projects(rng, drafts, reference, now, progress):
    for project, pk in zip(drafts, reserve_ids(CooperationProject, len(drafts)), strict=True):
        project.pk = pk

    def rows():
        for project in progress.track(drafts, len(drafts), "Writing projects"):
            created, updated = _moments(rng, now)
            yield {
                "id": project.pk,
                "title_ja": project.title_ja,
                "title_en": project.title_en,
                "summary_ja": project.summary_ja,
                "summary_en": project.summary_en,
                "kind": project.kind,
                "status": project.status,
                "lead_organization_id": project.lead.pk,
                "funding_scheme_id": project.funding_scheme.pk if project.funding_scheme else None,
                "start_year": project.start_year,
                "end_year": project.end_year,
                "outcomes_ja": project.outcomes_ja,
                "outcomes_en": project.outcomes_en,
                "visibility": project.visibility,
                "created_at": created,
                "updated_at": updated,
            }

    copy_rows(CooperationProject, rows())
    progress.stage("Writing the projects' countries, sites, partners, funders and teams")
    countries = reference.countries
    copy_links(CooperationProject.countries.field, ((p.pk, countries[c].pk) for p in drafts for c in p.countries))
    copy_links(CooperationProject.sites.field, ((p.pk, site) for p in drafts for site in p.sites))
    copy_links(CooperationProject.partners.field, ((p.pk, org.pk) for p in drafts for org in p.partners))
    copy_links(CooperationProject.funders.field, ((p.pk, funder.pk) for p in drafts for funder in p.funders))
    copy_rows(
        Participation,
        (
            {"project_id": p.pk, "expert_id": expert.pk, "role": role, "note": ""}
            for p in drafts
            for expert, role in p.team
        ),
    )
