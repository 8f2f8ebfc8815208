"""Helpers the outreach views share."""

from django.utils.cache import add_never_cache_headers


def base_url(request):
    """Scheme and host, for links that leave the site: e-mails and calendar files."""
    return f"{request.scheme}://{request.get_host()}"


def private(response):
    """Pages reached by a personal link: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
