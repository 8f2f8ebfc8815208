"""Invented cooperation projects at real sites, with bilingual titles and summaries, funders and teams."""

import random
from dataclasses import dataclass, field
from itertools import accumulate

from consortium.visibility import Visibility
from projects.models import CooperationProject, Funder, Participation

from .phrases import country_en, join_en, join_ja, site_en
from .project_texts import COUNTRY_TITLES, DEFAULT_OUTCOME, OUTCOMES, PURPOSES, SITE_TITLES

Kind = CooperationProject.Kind
Status = CooperationProject.Status
Role = Participation.Role

_KIND_WEIGHTS = {
    Kind.CONSERVATION: 30,
    Kind.RESEARCH: 25,
    Kind.CAPACITY: 18,
    Kind.EMERGENCY: 8,
    Kind.INTANGIBLE: 8,
    Kind.EXCHANGE: 11,
}
# Kinds of work that happen at a site, and how often a project of the kind names one.
_SITE_SHARE = {Kind.CONSERVATION: 1.0, Kind.RESEARCH: 0.85, Kind.EMERGENCY: 0.7, Kind.CAPACITY: 0.4}

_FUNDER_AFFINITY = {
    Funder.Kind.GOVERNMENT: 4,
    Funder.Kind.AGENCY: 3,
    Funder.Kind.INTERNATIONAL: 2,
    Funder.Kind.FOUNDATION: 2,
    Funder.Kind.COMPANY: 1,
    Funder.Kind.OTHER: 1,
}
# Funders (by their reference-data code) that typically pay for each kind of
# project; a funder tied to one kind (the intangible-heritage trust fund, the
# alliance for heritage in conflict) pays for no other.
_USUAL_FUNDERS = {
    Kind.CONSERVATION: ("unesco-jfit-heritage", "bunka", "mofa", "world-monuments-fund", "sumitomo-foundation"),
    Kind.RESEARCH: ("jsps", "bunka", "mitsubishi-foundation", "toyota-foundation", "bunkazai-foundation"),
    Kind.EMERGENCY: ("aliph", "mofa", "jica", "unesco-jfit-heritage", "bunka"),
    Kind.CAPACITY: ("jica", "bunka", "japan-foundation", "unesco-jfit-heritage", "getty-foundation"),
    Kind.INTANGIBLE: ("unesco-jfit-intangible", "bunka", "japan-foundation", "toyota-foundation"),
    Kind.EXCHANGE: ("japan-foundation", "bunka", "mofa", "sumitomo-foundation"),
}
_DEDICATED_FUNDERS = {"unesco-jfit-intangible": Kind.INTANGIBLE, "aliph": Kind.EMERGENCY}
_MEMBER_ROLES = (Role.MEMBER, Role.RESEARCHER, Role.ADVISOR, Role.TRAINER)
_MEMBER_ROLE_WEIGHTS = {
    Kind.CAPACITY: (3, 1, 2, 4),
    Kind.RESEARCH: (3, 5, 1, 0),
}


@dataclass(slots=True)
class ProjectDraft:
    title_ja: str
    title_en: str
    summary_ja: str
    summary_en: str
    kind: str
    status: str
    start_year: int
    end_year: int | None
    countries: tuple
    sites: tuple  # site pks
    lead: object  # OrgDraft
    partners: list
    funders: list
    funding_scheme: object  # FundingScheme or None
    outcomes_ja: str
    outcomes_en: str
    visibility: str
    team: list = field(default_factory=list)  # (ExpertDraft, role)
    pk: int = 0


class ProjectMaker:
    """Drafts projects one at a time from a shared pool of experts, organisations, sites and funders."""

    def __init__(self, rng, reference, focus, sites_by_country, experts, japanese_orgs, foreign_orgs, this_year):
        self.rng = rng
        # Funding schemes are drawn from a generator of their own, seeded from the main one without drawing
        # from it: the rest of the demo data stays as it was for a seed (the golden search results pin it).
        self.scheme_rng = random.Random(str(rng.getstate()))  # noqa: S311 (reproducible, not secret)
        self.reference = reference
        self.focus = focus
        self.sites_by_country = sites_by_country
        # The known sites are where cooperation concentrates; other imported sites come up now and then.
        self.site_weights = {
            code: tuple(accumulate(8 if site.known else 1 for site in sites))
            for code, sites in sites_by_country.items()
        }
        self.experts = experts
        self.japanese_orgs = japanese_orgs
        self.foreign_orgs = foreign_orgs
        self.this_year = this_year
        self.kinds = tuple(_KIND_WEIGHTS)
        self.kind_weights = tuple(_KIND_WEIGHTS.values())
        self.funder_weights = {kind: self._funder_weights(kind) for kind in self.kinds}
        self.japanese_experts = [expert for expert in experts if expert.japanese]
        self.pool = {}
        self.japanese_pool = {}
        for expert in experts:
            for code in expert.countries:
                self.pool.setdefault(code, []).append(expert)
                if expert.japanese:
                    self.japanese_pool.setdefault(code, []).append(expert)

    def draft(self):
        rng = self.rng
        kind = rng.choices(self.kinds, weights=self.kind_weights)[0]
        country = self.focus.pick(rng)
        site = self._site(kind, country)
        countries = site.countries if site else (country,)
        title_ja, title_en = self._title(kind, site, self.reference.countries[country])
        start = self.this_year - round(rng.triangular(-2, 35, 4))
        end = start + rng.choice((0, 1, 2, 2, 3, 3, 4, 5))
        if start > self.this_year:
            status = Status.PLANNED
        elif end < self.this_year:
            status = Status.COMPLETED
        else:
            status = Status.ONGOING
            if rng.random() < 0.15:
                end = None
        team = self._team(kind, countries)
        lead = team[0][0].organization if team else rng.choice(self.japanese_orgs)
        partners = self._partners(countries, lead, team)
        funders = self._funders(kind)
        summary_ja, summary_en = self._summary(kind, start, end, status, lead, partners, funders)
        outcomes_ja, outcomes_en = OUTCOMES.get(kind, DEFAULT_OUTCOME) if status == Status.COMPLETED else ("", "")
        for expert, _ in team:
            expert.add_countries(countries)
        return ProjectDraft(
            title_ja=title_ja,
            title_en=title_en,
            summary_ja=summary_ja,
            summary_en=summary_en,
            kind=kind,
            status=status,
            start_year=start,
            end_year=end,
            countries=countries,
            sites=(site.pk,) if site else (),
            lead=lead,
            partners=partners,
            funders=funders,
            funding_scheme=self._funding_scheme(funders),
            outcomes_ja=outcomes_ja,
            outcomes_en=outcomes_en,
            visibility=Visibility.STAFF if rng.random() < 0.03 else Visibility.MEMBERS,
            team=team,
        )

    def _site(self, kind, country):
        sites = self.sites_by_country.get(country)
        if not sites or self.rng.random() >= _SITE_SHARE.get(kind, 0):
            return None
        return self.rng.choices(sites, cum_weights=self.site_weights[country])[0]

    def _title(self, kind, site, country):
        rng = self.rng
        if site:
            pattern_ja, pattern_en, subjects = rng.choice(SITE_TITLES[kind])
            # Imported sites have no Japanese name unless they are known ones: quote the English one.
            site_ja = site.name_ja or f"「{site.name_en}」"
        else:
            pattern_ja, pattern_en, subjects = rng.choice(COUNTRY_TITLES[kind])
            site_ja = ""
        subject_ja, subject_en = rng.choice(subjects) if subjects else ("", "")
        title_ja = pattern_ja.format(s=site_ja, n=country.name_ja, o=subject_ja)
        title_en = pattern_en.format(S=site_en(site.name_en) if site else "", N=country_en(country), O=subject_en)
        if rng.random() < 0.2:
            phase = rng.randint(2, 4)
            title_ja += f"（第{phase}期）"
            title_en += f" (phase {phase})"
        return title_ja[:300], title_en[:300]

    def _team(self, kind, countries):
        rng = self.rng
        if not self.experts:
            return []
        country = countries[0]
        leaders = self.japanese_pool.get(country) if rng.random() < 0.8 else None
        leader = rng.choice(leaders or self.japanese_experts or self.experts)
        team = [(leader, Role.LEADER)]
        chosen = {id(leader)}
        local = self.pool.get(country, ())
        # The leader and two to six others, as far as there are experts: local hands first.
        wanted = min(rng.randint(2, 6), len(self.experts) - 1)
        weights = _MEMBER_ROLE_WEIGHTS.get(kind, (5, 2, 2, 1))
        attempts = 0
        while len(team) <= wanted:
            attempts += 1
            # A small local pool runs dry: then anyone, who will gain the country.
            from_local = local and attempts <= 10 * wanted and rng.random() < 0.7
            expert = rng.choice(local) if from_local else rng.choice(self.experts)
            if id(expert) in chosen:
                continue
            chosen.add(id(expert))
            first = len(team) == 1
            role = Role.COORDINATOR if first and rng.random() < 0.5 else rng.choices(_MEMBER_ROLES, weights)[0]
            team.append((expert, role))
        return team

    def _partners(self, countries, lead, team):
        rng = self.rng
        partners = []
        for code in countries:
            abroad = self.foreign_orgs.get(code)
            if abroad:
                picked = rng.sample(abroad, k=min(len(abroad), rng.choice((1, 1, 2))))
                partners.extend(org for org in picked if org is not lead)
        # A team member's own institution joins as a partner now and then, if it is Japanese or local.
        for expert, _ in team[1:]:
            org = expert.organization
            if org is not lead and org not in partners and org.country in ("JP", *countries) and rng.random() < 0.3:
                partners.append(org)
        return partners

    def _summary(self, kind, start, end, status, lead, partners, funders):
        # The years are fiscal years, as the project's page writes them.
        if status == Status.PLANNED:
            when_ja, when_en = f"{start}年度に開始予定。", f"Starting in FY{start}."
        elif end is None:
            when_ja, when_en = f"{start}年度から実施中。", f"Under way since FY{start}."
        elif end == start:
            when_ja, when_en = f"{start}年度に実施。", f"Carried out in FY{start}."
        else:
            when_ja, when_en = f"{start}年度から{end}年度まで。", f"From FY{start} to FY{end}."
        purpose_ja, purpose_en = PURPOSES[kind]
        done = status == Status.COMPLETED
        lead_ja, lead_en = f"{lead.name_ja}が中心となり", f"Led by {lead.name_en}"
        if partners:
            lead_ja += f"、{join_ja([org.name_ja for org in partners])}と協力して"
            lead_en += f" with {join_en([org.name_en for org in partners])}"
        ja = f"{lead_ja}{'実施した' if done else '実施する'}国際協力事業。{purpose_ja}{when_ja}"
        en = f"{lead_en}. {purpose_en} {when_en}"
        if funders:
            ja += f"{join_ja([funder.name_ja for funder in funders])}の支援を{'受けた' if done else '受けている'}。"
            en += f" Supported by {join_en([funder.name_en for funder in funders])}."
        return ja, en

    def _funder_weights(self, kind):
        weights = []
        for funder in self.reference.funders:
            if _DEDICATED_FUNDERS.get(funder.code, kind) != kind:
                weights.append(0)
            elif funder.code in _USUAL_FUNDERS[kind]:
                weights.append(8)
            else:
                weights.append(_FUNDER_AFFINITY.get(funder.kind, 1))
        return weights

    def _funding_scheme(self, funders):
        """One programme of the project's first funder that has any, for three projects in four."""
        for funder in funders:
            schemes = self.reference.schemes.get(funder.pk)
            if schemes:
                return self.scheme_rng.choice(schemes) if self.scheme_rng.random() < 0.75 else None
        return None

    def _funders(self, kind):
        funders = []
        weights = self.funder_weights[kind]
        wanted = min(sum(1 for weight in weights if weight), self.rng.choice((1, 1, 2)))
        while len(funders) < wanted:
            funder = self.rng.choices(self.reference.funders, weights=weights)[0]
            if funder not in funders:
                funders.append(funder)
        return funders
