"""Building blocks for the CSV/XLSX import and export of the staff admin.

Each app's ``resources.py`` declares its columns with these. Related records
are named by their codes or names, never by database ids, so a spreadsheet
reads like the records it describes; anything that does not name a known
record is a validation error on its row, shown in the import preview, rather
than a silently dropped value or a server error.
"""

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from consortium.models import Country, Language
from search.analyze import analyze
from search.exports import neutralised, unneutralised

#: Separates the codes of a many-to-many column: "KH;VN".
SEPARATOR = ";"


class CodeListWidget(widgets.ManyToManyWidget):
    """Codes separated by semicolons; a code that names no record is an error.

    import-export's own widget drops unknown codes without a word, which would
    let a typo in a country code quietly remove a country from a record.
    """

    def __init__(self, model, field="pk", normalize=str.strip, **kwargs):
        super().__init__(model, separator=SEPARATOR, field=field, **kwargs)
        self.normalize = normalize

    def codes(self, value):
        if value is None or value == "":
            return []
        return [self.normalize(code) for code in str(value).split(self.separator) if code.strip()]

    def clean(self, value, row=None, **kwargs):
        codes = self.codes(value)
        if not codes:
            return self.model.objects.none()
        found = self.model.objects.filter(**{f"{self.field}__in": codes})
        known = {str(getattr(obj, self.field)) for obj in found}
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValueError(
                gettext("Unknown %(kind)s: %(codes)s.")
                % {"kind": self.model._meta.verbose_name_plural, "codes": ", ".join(unknown)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        # Sorted, so that an export compares cleanly with the next one; uses a prefetched list when there is one.
        return self.separator.join(sorted(str(getattr(related, self.field)) for related in value.all()))


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key named by a code or a name; a value that names no record, or several, is an error."""

    def __init__(self, model, field="pk", lookups=None, normalize=str.strip, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.lookups = lookups or [field]
        self.normalize = normalize

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        value = self.normalize(str(value))
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{lookup: value})
        try:
            return self.model.objects.get(condition)
        except ObjectDoesNotExist:
            raise ValueError(
                gettext("No %(kind)s is called “%(value)s”.") % {"kind": self.model._meta.verbose_name, "value": value}
            ) from None
        except MultipleObjectsReturned:
            raise ValueError(
                gettext("Several %(kind)s are called “%(value)s”; rename one so the name is unambiguous.")
                % {"kind": self.model._meta.verbose_name_plural, "value": value}
            ) from None


class OrganizationNameWidget(LookupWidget):
    """An organisation by its English or its Japanese name, exported by its English one where it has one."""

    def __init__(self, **kwargs):
        from members.models import Organization

        super().__init__(Organization, field="name_en", lookups=["name_en", "name_ja"], **kwargs)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.name_en or value.name_ja


class OrganizationNameListWidget(CodeListWidget):
    """Organisations by their English or Japanese names, separated by semicolons."""

    def __init__(self, **kwargs):
        from members.models import Organization

        super().__init__(Organization, field="name_en", **kwargs)

    def clean(self, value, row=None, **kwargs):
        names = self.codes(value)
        if not names:
            return self.model.objects.none()
        found = list(self.model.objects.filter(Q(name_en__in=names) | Q(name_ja__in=names)))
        known = {name for org in found for name in (org.name_en, org.name_ja) if name}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ValueError(
                gettext("Unknown %(kind)s: %(codes)s.")
                % {"kind": self.model._meta.verbose_name_plural, "codes": ", ".join(unknown)}
            )
        return self.model.objects.filter(pk__in=[org.pk for org in found])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(sorted(org.name_en or org.name_ja for org in value.all()))


def country_code(value):
    return value.strip().upper()


def language_code(value):
    return value.strip().lower()


class CountryWidget(LookupWidget):
    def __init__(self, **kwargs):
        super().__init__(Country, field="code", normalize=country_code, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return value.code if value is not None else ""


class CountryListWidget(CodeListWidget):
    def __init__(self, **kwargs):
        super().__init__(Country, field="code", normalize=country_code, **kwargs)


class LanguageListWidget(CodeListWidget):
    def __init__(self, **kwargs):
        super().__init__(Language, field="code", normalize=language_code, **kwargs)


class StaffResource(resources.ModelResource):
    """What every import of the staff admin shares.

    Rows are matched by ``id``: a blank id creates a record, an id updates it.
    Every row is validated like an admin form (``full_clean``, so the
    database's constraints show as row errors), unchanged rows are reported as
    skipped, and everything runs in one transaction that the preview rolls back.
    Subclasses state their rules in ``rule_errors``, in words staff understand.

    A text cell that a spreadsheet would run as a formula is exported with a
    leading quote, as the members' exports do, and imported without it.
    """

    # Matches rows to records, but is never written: a blank id on an update must not clear the primary key.
    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget(), readonly=True)

    #: Names of related fields to select and to prefetch when exporting, so an export runs a fixed number of queries.
    export_select_related = ()
    export_prefetch_related = ()

    class Meta:
        abstract = True
        import_id_fields = ["id"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # import-export reads a text field with no widget of its own: an empty XLSX cell would be written as NULL.
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        return super().widget_from_django_field(f, default)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        # Numbers stay numbers: a negative latitude is no formula, and its column must import as a number.
        if isinstance(field.widget, widgets.NumberWidget):
            return value
        return neutralised(value)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for column, value in row.items():
            row[column] = unneutralised(value)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        row_id = row.get("id") if row else None
        if new and row_id not in (None, ""):
            raise ValidationError(
                {
                    "id": gettext("No %(kind)s has the id %(id)s. Leave the id empty to create a new record.")
                    % {"kind": self._meta.model._meta.verbose_name, "id": row_id}
                }
            )

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        # The history tells an imported change from an edit in a form, and names the file it came from.
        file_name = kwargs.get("file_name") or ""
        instance._change_reason = (gettext("Imported from %(file)s") % {"file": file_name})[:100]

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # import-export reads many-to-many columns only after saving; read them now so a bad code rejects the row.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(ValidationError(str(error), code="invalid"))
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for field, message in self.rule_errors(instance):
            errors.setdefault(field, []).append(ValidationError(message, code="invalid"))
        super().validate_instance(instance, errors, validate_unique=validate_unique)

    def rule_errors(self, instance):
        """(field, message) for each rule the row breaks, in words staff understand.

        A field named here is left out of ``full_clean``, so the constraint on
        it does not report the same fault a second time by its bare name.
        """
        return []

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # An import may write thousands of rows at once: the searches are planned from fresh statistics.
        if not self._is_dry_run(kwargs) and not result.has_errors():
            analyze(self._meta.model)

    def filter_export(self, queryset, **kwargs):
        queryset = super().filter_export(queryset, **kwargs)
        if self.export_select_related:
            queryset = queryset.select_related(*self.export_select_related)
        return queryset.prefetch_related(*self.export_prefetch_related)
