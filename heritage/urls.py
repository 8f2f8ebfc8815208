from django.urls import path, re_path

from heritage import views

app_name = "heritage"

urlpatterns = [
    path("", views.site_list, name="list"),
    path("map.json", views.site_map, name="map"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.site_export, name="export"),
    path("<int:pk>/", views.site_detail, name="detail"),
]
