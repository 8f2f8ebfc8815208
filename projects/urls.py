from django.urls import path, re_path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("map.json", views.project_map, name="map"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.project_export, name="export"),
    path("<int:pk>/", views.project_detail, name="detail"),
]
