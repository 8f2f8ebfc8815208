from django.urls import include, path

from members import directory, invitation_views, organisation_views, privacy_views, views

app_name = "members"

urlpatterns = [
    path("", views.home, name="home"),
    # The member's own expert record: claiming, asking for, editing and confirming it (experts.self_service).
    path("expert/", include("experts.own_urls")),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("apply-again/", views.apply_again, name="apply_again"),
    path("my-data/", privacy_views.personal_data_page, name="personal_data"),
    path("my-data/download/", privacy_views.personal_data_download, name="personal_data_download"),
    path("close/", privacy_views.close_account, name="close_account"),
    path("news/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("organisations/", directory.organisations, name="organisations"),
    path("organisation/", organisation_views.organisation, name="organisation"),
    path(
        "organisation/invitations/<int:pk>/revoke/",
        organisation_views.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "organisation/colleagues/<int:pk>/remove/",
        organisation_views.remove_colleague,
        name="remove_colleague",
    ),
    path("invitation/<str:token>/", invitation_views.invitation, name="invitation"),
]
