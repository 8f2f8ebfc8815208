from django.urls import path

from search import saved_views

app_name = "saved_searches"

urlpatterns = [
    path("save/", saved_views.save, name="save"),
    path("<int:pk>/", saved_views.edit, name="edit"),
    path("<int:pk>/delete/", saved_views.delete, name="delete"),
    path("unsubscribe/<str:token>/", saved_views.unsubscribe, name="unsubscribe"),
]
