"""The member's own expert record, under /members/expert/ in the members' namespace (members/urls.py)."""

from django.urls import path

from experts import self_service

urlpatterns = [
    path("", self_service.own_record, name="expert"),
    path("edit/", self_service.edit_record, name="expert_edit"),
    path("claim/<int:pk>/", self_service.claim_record, name="expert_claim"),
    path("request/", self_service.request_record, name="expert_request"),
    path("withdraw/", self_service.withdraw, name="expert_withdraw"),
    path("confirm/<str:token>/", self_service.confirm_by_link, name="expert_confirm"),
]
