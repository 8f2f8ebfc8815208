from django.urls import path

from members import committee_views

app_name = "committees"

urlpatterns = [
    path("", committee_views.committee_list, name="list"),
    path("<slug:code>/", committee_views.committee_detail, name="detail"),
    path("<slug:code>/join/", committee_views.join, name="join"),
    path("<slug:code>/leave/", committee_views.leave, name="leave"),
    path("<slug:code>/withdraw-request/", committee_views.withdraw_request, name="withdraw_request"),
]
