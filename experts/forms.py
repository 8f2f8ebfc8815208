"""The forms an expert who is a member fills in about their own record: the record itself with its
publications, a claim of a record, and a request for a new one.

What staff keep (visibility, staff notes, the member account, the dates of confirmation) is in no form
here: a forged POST naming those fields changes nothing, as a ModelForm saves only its own fields.
"""

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import current_language
from consortium.models import Country, Language
from experts import identifiers
from experts.models import Expert, ExpertRecordRequest, Publication, Specialty
from members.models import Organization

NAME_FIELDS = ["family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_en", "given_name_en"]
MAX_PUBLICATIONS = 100
PASTED_LENGTH = 300


def _organisations(current=None):
    """The organisations a member may choose: those the portal names to members, and the record's own."""
    listed = Q(pk__in=Organization.objects.listed().values("pk"))
    if current is not None:
        listed |= Q(pk=current)
    return Organization.objects.filter(listed).only("name_ja", "name_en").order_by(f"name_{current_language()}", "pk")


def _pasted(field):
    """An identifier's field taking what people paste (its address, hyphens, full-width digits), longer than
    the stored form, which the form's clean method makes of it and the model then validates."""
    return forms.CharField(
        label=field.label, required=False, max_length=PASTED_LENGTH, help_text=field.help_text, strip=True
    )


def _by_name(model):
    return model.objects.order_by(f"name_{current_language()}")


def _choices_widgets():
    return {
        "specialties": forms.CheckboxSelectMultiple,
        "countries": forms.SelectMultiple({"size": 8}),
        "languages": forms.SelectMultiple({"size": 8}),
    }


class IdentifierFields:
    """ModelForm mixin: the researcher identifiers taken as people paste them (addresses, hyphens, full-width
    digits) and stored in their usual form, each held by one record only."""

    IDENTIFIERS = {
        "orcid": (
            identifiers.normalize_orcid,
            _(
                "Another record in the expert database has this ORCID iD. "
                "If it is also yours, please tell the secretariat."
            ),
        ),
        "researchmap_id": (
            identifiers.normalize_researchmap,
            _(
                "Another record in the expert database has this researchmap ID. "
                "If it is also yours, please tell the secretariat."
            ),
        ),
        "kaken_number": (
            identifiers.normalize_kaken,
            _(
                "Another record in the expert database has this KAKEN researcher number. "
                "If it is also yours, please tell the secretariat."
            ),
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.IDENTIFIERS:
            if name in self.fields:
                self.fields[name] = _pasted(self.fields[name])

    def _clean_identifier(self, name):
        normalize, duplicate = self.IDENTIFIERS[name]
        value = normalize(self.cleaned_data[name])
        if value and Expert.objects.exclude(pk=self.instance.pk).filter(**{name: value}).exists():
            raise forms.ValidationError(duplicate, code="duplicate")
        return value

    def clean_orcid(self):
        return self._clean_identifier("orcid")

    def clean_researchmap_id(self):
        return self._clean_identifier("researchmap_id")

    def clean_kaken_number(self):
        return self._clean_identifier("kaken_number")


class ExpertAdminForm(IdentifierFields, forms.ModelForm):
    """The staff's form of an expert (experts.admin): identifiers read as the expert's own form reads them.
    The admin gives the form its fields from its fieldsets."""

    class Meta:
        model = Expert
        fields = list(IdentifierFields.IDENTIFIERS)


class OwnRecordForm(IdentifierFields, forms.ModelForm):
    """Everything of the record that the expert keeps: names, affiliation, expertise, biography, contact
    details and researcher identifiers."""

    class Meta:
        model = Expert
        fields = [
            *NAME_FIELDS,
            "organization",
            "department",
            "position_ja",
            "position_en",
            "specialties",
            "countries",
            "languages",
            "biography_ja",
            "biography_en",
            "email",
            "phone",
            "orcid",
            "researchmap_id",
            "kaken_number",
        ]
        widgets = {
            **_choices_widgets(),
            "biography_ja": forms.Textarea({"rows": 8}),
            "biography_en": forms.Textarea({"rows": 8}),
        }
        help_texts = {
            "email": _("Members see it on your record; a notice to your account goes to your account's address."),
            "orcid": _("Such as 0000-0002-1825-0097, or its address on orcid.org."),
            "researchmap_id": _("The end of your researchmap address (https://researchmap.jp/…), or the address."),
            "kaken_number": _("Your eight-digit researcher number (e-Rad)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organisations(self.instance.organization_id)
        self.fields["organization"].empty_label = _("(none)")
        self.fields["specialties"].queryset = Specialty.objects.order_by("order", "code")
        self.fields["countries"].queryset = _by_name(Country)
        self.fields["languages"].queryset = _by_name(Language)


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["citation", "year", "url", "doi", "order"]
        widgets = {"citation": forms.Textarea({"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doi"] = _pasted(self.fields["doi"])

    def clean_doi(self):
        return identifiers.normalize_doi(self.cleaned_data["doi"])


PublicationFormSet = inlineformset_factory(
    Expert,
    Publication,
    form=PublicationForm,
    extra=2,
    can_delete=True,
    max_num=MAX_PUBLICATIONS,
    validate_max=True,
)


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the secretariat (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Anything that helps the secretariat see that this record is yours."),
    )


class RecordRequestForm(forms.ModelForm):
    """The essentials of a new record; the expert completes it once staff have made it."""

    class Meta:
        model = ExpertRecordRequest
        fields = [
            *NAME_FIELDS,
            "organization",
            "organization_name",
            "department",
            "position_ja",
            "position_en",
            "specialties",
            "countries",
            "message",
        ]
        widgets = {**_choices_widgets(), "message": forms.Textarea({"rows": 3})}
        labels = {"message": _("Message to the secretariat (optional)")}
        help_texts = {
            "organization_name": _("Type it here if it is not in the list above."),
            "message": _("Your field of work, or anything else that helps the secretariat."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organisations()
        self.fields["organization"].empty_label = _("(not in the list)")
        self.fields["specialties"].queryset = Specialty.objects.order_by("order", "code")
        self.fields["countries"].queryset = _by_name(Country)
