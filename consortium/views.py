from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from consortium.statistics import home_figures
from events.models import Event, NewsArticle
from events.views import events as event_views
from events.views import news as news_views

HOME_NEWS = 5
HOME_EVENTS = 3


@require_GET
def home(request):
    context = {
        "latest_news": NewsArticle.objects.published().only(*news_views.LIST_FIELDS)[:HOME_NEWS],
        "upcoming_events": Event.objects.upcoming().only(*event_views.LIST_FIELDS)[:HOME_EVENTS],
        "figures": home_figures(),
    }
    return render(request, "consortium/home.html", context)


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /ja/accounts/",
        "Disallow: /en/accounts/",
        f"Sitemap: {request.scheme}://{request.get_host()}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
