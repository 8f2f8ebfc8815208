from django.urls import path

from events.views import subscriptions

app_name = "subscriptions"
urlpatterns = [
    path("", subscriptions.subscribe, name="index"),
    path("<int:pk>/remove/", subscriptions.remove_own, name="remove"),
    path("confirm/<str:token>/", subscriptions.confirm, name="confirm"),
    path("manage/<str:token>/", subscriptions.manage, name="manage"),
    path("unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    path("calendar/<str:key>.ics", subscriptions.feed, name="feed"),
]
