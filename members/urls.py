from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.home, name="home"),
    path("expert/", views.expert_record, name="expert"),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("apply-again/", views.apply_again, name="apply_again"),
    path("news/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
