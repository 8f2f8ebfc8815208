from django.urls import path, re_path

from experts import views

app_name = "experts"

urlpatterns = [
    path("", views.expert_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.expert_export, name="export"),
    path("<int:pk>/", views.expert_detail, name="detail"),
]
