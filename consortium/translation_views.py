"""The translation queue's page in the admin (``consortium.translation_queue`` builds the list)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from consortium import translation_queue
from consortium.translation_queue import AGES, VISIBILITIES, Filters

PER_PAGE = 50
ANY = [("", _("All"))]


class QueueFilterForm(forms.Form):
    """The queue's filters, as GET parameters; each offers only what the staff member may list."""

    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    field = forms.ChoiceField(label=_("Text"), required=False)
    language = forms.ChoiceField(label=_("Missing language"), required=False)
    visibility = forms.ChoiceField(label=_("Visibility"), required=False, choices=ANY + list(VISIBILITIES.items()))
    updated = forms.ChoiceField(label=_("Updated"), required=False, choices=ANY + list(AGES.items()))
    created = forms.ChoiceField(label=_("Created"), required=False, choices=ANY + list(AGES.items()))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ANY + translation_queue.kind_choices(kinds)
        self.fields["field"].choices = ANY + translation_queue.field_choices(kinds)
        self.fields["language"].choices = ANY + list(settings.LANGUAGES)

    def filters(self):
        return Filters(**self.cleaned_data)


def translation_queue_view(request):
    """The records missing a text in a language, for the kinds of record the staff member may open."""
    kinds = translation_queue.kinds_for(request.user)
    form = QueueFilterForm(request.GET or None, kinds=kinds)
    # Filters that cannot be read narrow nothing: the whole queue, with the form saying what was wrong.
    filters = form.filters() if form.is_bound and form.is_valid() else Filters()
    page = Paginator(translation_queue.queue(kinds, filters), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        **admin.site.each_context(request),
        "title": _("Translation queue"),
        "form": form,
        "kinds": kinds,
        "page": page,
        "rows": translation_queue.describe(page.object_list),
    }
    return TemplateResponse(request, "admin/translation_queue.html", context)
