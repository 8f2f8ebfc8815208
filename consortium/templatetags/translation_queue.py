from django import template
from django.urls import reverse

from consortium import translation_queue

register = template.Library()


@register.inclusion_tag("admin/translation_counts.html", takes_context=True)
def translation_counts(context):
    """The admin index's block: how many records of each kind the staff member may open miss a text."""
    kinds = translation_queue.kinds_for(context["request"].user)
    counts = translation_queue.missing_counts() if kinds else {}
    counted = [
        {"key": entry.key, "name": translation_queue.kind_label(entry, plural=True), "count": counts[entry.key]}
        for entry in kinds
        if counts.get(entry.key)
    ]
    return {"kinds": kinds, "counted": counted, "queue_url": reverse("translation_queue")}
