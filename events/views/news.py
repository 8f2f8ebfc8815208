from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from events.models import NewsArticle

PAGE_SIZE = 10
LIST_FIELDS = ["slug", "category", "publish_at", "title_ja", "title_en", "summary_ja", "summary_en"]
ABOUT_LIMIT = 5


def news_about(**concerning):
    """The latest published articles a country page lists (``countries=country``), in one query."""
    return NewsArticle.objects.published().filter(**concerning).only(*LIST_FIELDS)[:ABOUT_LIMIT]


@require_GET
def news_list(request):
    articles = NewsArticle.objects.published().only(*LIST_FIELDS)
    category = request.GET.get("category", "")
    if category in NewsArticle.Category.values:
        articles = articles.filter(category=category)
    else:
        category = ""
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/news_list.html",
        {"page": page, "category": category, "categories": NewsArticle.Category.choices},
    )


@require_GET
def news_detail(request, slug):
    article = get_object_or_404(
        NewsArticle.objects.previewable_by(request.user).prefetch_related("attachments", "countries"), slug=slug
    )
    response = render(request, "events/news_detail.html", {"article": article, "is_preview": not article.is_public})
    if not article.is_public:
        add_never_cache_headers(response)
    return response
