from django.urls import path, re_path

from consortium import countries

app_name = "countries"

urlpatterns = [
    path("", countries.country_list, name="list"),
    # Two letters in either case; anything else is no country and falls through to 404.
    re_path(r"^(?P<code>[A-Za-z]{2})/$", countries.country_detail, name="detail"),
]
