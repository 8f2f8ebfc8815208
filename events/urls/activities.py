from django.urls import path

from events.views import activities

app_name = "activities"
urlpatterns = [
    path("", activities.activity_index, name="index"),
    path("<int:year>/", activities.activity_detail, name="detail"),
    path("<int:year>.csv", activities.activity_csv, name="csv"),
]
