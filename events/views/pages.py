from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from events.models import Page


@require_GET
def page_index(request):
    pages = Page.objects.published().only("slug", "title_ja", "title_en", "summary_ja", "summary_en")
    return render(request, "events/page_index.html", {"pages": pages})


@require_GET
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.previewable_by(request.user), slug=slug)
    siblings = Page.objects.published().only("slug", "title_ja", "title_en")
    response = render(
        request, "events/page_detail.html", {"page": page, "siblings": siblings, "is_preview": not page.is_published}
    )
    if not page.is_published:
        add_never_cache_headers(response)
    return response
