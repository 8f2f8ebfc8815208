"""Writing a read World Heritage export into the database, in place, by UNESCO's id.

``plan_import`` compares the rows with what the database holds and says, for
each property, whether it would be created, updated (and which fields) or left
unchanged; ``apply_plan`` writes that plan with a handful of bulk queries. The
import command runs both in one transaction, or only the first for a dry run.

Each created or changed site gets one history record with the change reason
``import_whc``, written in bulk, with its countries and threats as they stand
after the import: staff see in the admin where a value came from, and
reverting to an imported version restores its countries as well.

A field that staff corrected after an import set it keeps the correction: the
history says who set each value last. The plan leaves it out and warns, with
the file's value, unless told to overwrite corrections.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from consortium.models import Country
from heritage.models import DangerPeriod, HeritageSite
from heritage.whc_rows import SITE_FIELDS, WHCRow

CHANGE_REASON = "import_whc"

# Not columns of HeritageSite, but changes the summary names all the same.
COUNTRIES = "countries"
DANGER_PERIODS = "danger_periods"


@dataclass
class SiteChange:
    row: WHCRow
    country_codes: list[str]
    site: HeritageSite | None = None  # None: the site is new
    fields: list[str] = field(default_factory=list)

    def __str__(self):
        return f"id_no {self.row.whc_id} {self.row.name_en or self.row.name_fr}"


@dataclass
class ImportPlan:
    created: list[SiteChange] = field(default_factory=list)
    updated: list[SiteChange] = field(default_factory=list)
    unchanged: list[WHCRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_in_file: int = 0  # sites with a UNESCO id that the file does not list; left as they are
    kept: int = 0  # values staff corrected after an import, which the file would have replaced


IMPORT_LOCK = 0x57484353594E43
"""The key of the PostgreSQL advisory lock that one import at a time holds ("WHCSYNC")."""


def take_import_lock():
    """Take the import's lock for the current transaction; False if another import holds it.

    Two imports at once would each plan against what the other has not yet written, and
    create the same sites twice.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK])
        return cursor.fetchone()[0]


def _periods(row):
    return {(span.start_year, span.end_year) for span in row.danger_periods}


def staff_corrections(site_ids):
    """{site id: names of the UNESCO fields whose value staff set after an import had set them}.

    Read from the sites' history, one query: an import's record sets each field; a later record
    by anyone else that holds another value is a correction, until an import sets the field again.
    """
    imported, corrected = {}, defaultdict(set)
    history = HeritageSite.history.filter(id__in=site_ids).order_by("id", "history_date", "history_id")
    for record in history.values("id", "history_change_reason", *SITE_FIELDS).iterator():
        site_id = record["id"]
        by_import = record["history_change_reason"] == CHANGE_REASON
        for name in SITE_FIELDS:
            if by_import:
                imported[site_id, name] = record[name]
                corrected[site_id].discard(name)
            elif (site_id, name) in imported:
                if record[name] != imported[site_id, name]:
                    corrected[site_id].add(name)
                else:
                    corrected[site_id].discard(name)
    return corrected


def plan_import(rows, *, keep_corrections=True):
    """What importing ``rows`` would change, read with five queries whatever the number of rows.

    With ``keep_corrections``, a field staff corrected after an import stays as they left it.
    """
    # The fields the history records copy, and no more (not the search columns).
    tracked = [tracked_field.attname for tracked_field in HeritageSite.history.model.tracked_fields]
    sites = {site.whc_id: site for site in HeritageSite.objects.filter(whc_id__isnull=False).only(*tracked)}
    site_ids = [site.pk for site in sites.values()]
    countries_of = defaultdict(set)
    for site_id, code in HeritageSite.countries.through.objects.filter(heritagesite_id__in=site_ids).values_list(
        "heritagesite_id", "country_id"
    ):
        countries_of[site_id].add(code)
    periods_of = defaultdict(set)
    for site_id, start, end in DangerPeriod.objects.filter(site_id__in=site_ids).values_list(
        "site_id", "start_year", "end_year"
    ):
        periods_of[site_id].add((start, end))
    known_codes, region_of = {}, {}
    for code, region in Country.objects.values_list("code", "unesco_region__name_en"):
        known_codes[code.upper()] = code
        region_of[code] = region

    plan = ImportPlan()
    for row in rows:
        codes = [known_codes[code] for code in row.country_codes if code in known_codes]
        unknown = [code for code in row.country_codes if code not in known_codes]
        if unknown:
            plan.warnings.append(
                f"row {row.row} (id_no {row.whc_id}): country code {', '.join(unknown)} unknown here; "
                + (f"linked to {', '.join(codes)} only" if codes else "imported without a country")
            )
        regions = {region_of[code] for code in codes}
        if codes and row.regions and regions != set(row.regions):
            plan.warnings.append(
                f"row {row.row} (id_no {row.whc_id}): region_en is {', '.join(row.regions)} but its countries are "
                f"in {', '.join(sorted(filter(None, regions))) or 'no UNESCO region'}; the countries' regions apply"
            )
        site = sites.get(row.whc_id)
        if site is None:
            plan.created.append(SiteChange(row, codes))
            continue
        changed = [name for name, value in row.site_values().items() if getattr(site, name) != value]
        if set(codes) != countries_of[site.pk]:
            changed.append(COUNTRIES)
        if _periods(row) != periods_of[site.pk]:
            changed.append(DANGER_PERIODS)
        if changed:
            plan.updated.append(SiteChange(row, codes, site, changed))
        else:
            plan.unchanged.append(row)
    if keep_corrections:
        _keep_corrections(plan)
    listed = {row.whc_id for row in rows}
    plan.not_in_file = sum(whc_id not in listed for whc_id in sites)
    return plan


def _keep_corrections(plan):
    """Leave out of the plan the fields staff corrected, each with a warning giving the file's value."""
    candidates = [change for change in plan.updated if set(change.fields) & set(SITE_FIELDS)]
    corrected = staff_corrections([change.site.pk for change in candidates]) if candidates else {}
    still_updated = []
    for change in plan.updated:
        kept = [name for name in change.fields if name in corrected.get(change.site.pk, ())]
        for name in kept:
            plan.warnings.append(
                f"id_no {change.row.whc_id}: {name} kept as staff corrected it "
                f"(the file says {change.row.site_values()[name]!r}; --overwrite-corrections replaces it)"
            )
        plan.kept += len(kept)
        change.fields = [name for name in change.fields if name not in kept]
        if change.fields:
            still_updated.append(change)
        else:
            plan.unchanged.append(change.row)
    plan.updated = still_updated


def apply_plan(plan):
    """Write the plan; the caller holds the transaction."""
    now = timezone.now()
    new_sites = [HeritageSite(whc_id=change.row.whc_id, **change.row.site_values()) for change in plan.created]
    HeritageSite.objects.bulk_create(new_sites)
    for change, site in zip(plan.created, new_sites, strict=True):
        change.site = site

    changed_sites = []
    changed_fields = {"updated_at"}
    for change in plan.updated:
        values = change.row.site_values()
        for name in change.fields:
            if name in SITE_FIELDS:
                setattr(change.site, name, values[name])
                changed_fields.add(name)
        change.site.updated_at = now
        changed_sites.append(change.site)
    if changed_sites:
        HeritageSite.objects.bulk_update(changed_sites, sorted(changed_fields))

    _replace_countries(plan.created, [change for change in plan.updated if COUNTRIES in change.fields])
    _replace_danger_periods(plan.created, [change for change in plan.updated if DANGER_PERIODS in change.fields])
    _record_history(new_sites, update=False, date=now)
    _record_history(changed_sites, update=True, date=now)


def _replace_countries(created, updated):
    through = HeritageSite.countries.through
    through.objects.filter(heritagesite_id__in=[change.site.pk for change in updated]).delete()
    through.objects.bulk_create(
        through(heritagesite_id=change.site.pk, country_id=code)
        for change in created + updated
        for code in change.country_codes
    )


def _replace_danger_periods(created, updated):
    DangerPeriod.objects.filter(site_id__in=[change.site.pk for change in updated]).delete()
    DangerPeriod.objects.bulk_create(
        DangerPeriod(site=change.site, start_year=span.start_year, end_year=span.end_year)
        for change in created + updated
        for span in change.row.danger_periods
    )


def _record_history(sites, *, update, date):
    """One history record per site, with the snapshot of its many-to-many fields that simple_history keeps."""
    if not sites:
        return
    records = HeritageSite.history.bulk_history_create(
        sites, update=update, default_change_reason=CHANGE_REASON, default_date=date
    )
    if records is None:  # SIMPLE_HISTORY_ENABLED = False
        return
    record_of = {record.id: record for record in records}
    history_model = HeritageSite.history.model
    for m2m_field in history_model._history_m2m_fields:
        through = m2m_field.remote_field.through
        snapshot_model = getattr(history_model, m2m_field.name).model
        site_column = f"{m2m_field.m2m_field_name()}_id"
        columns = [column.attname for column in through._meta.fields]
        snapshot_model.objects.bulk_create(
            snapshot_model(history=record_of[values[site_column]], **values)
            for values in through.objects.filter(**{f"{site_column}__in": list(record_of)}).values(*columns)
        )
