from django.urls import path

from events.views import pages

app_name = "pages"
urlpatterns = [
    path("", pages.page_index, name="index"),
    path("<slug:slug>/", pages.page_detail, name="detail"),
]
