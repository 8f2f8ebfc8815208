"""What the layout (templates/base.html and its includes) reads on every page, under the one name
``layout``: a page's own variables, which a view passes, always take precedence over a context
processor's, so nothing the layout needs can overwrite what a page shows."""

from functools import cached_property

from consortium.bilingual import language_alternates


class Layout:
    """The layout's data, computed when a template first reads it."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def languages(self):
        """The current page in each language, for the switcher and the hreflang links."""
        return language_alternates(self.request)


def layout(request):
    return {"layout": Layout(request)}
