from django.urls import path

from events.views import certificate, checkin, events, questionnaire, registration

app_name = "events"
urlpatterns = [
    path("", events.event_list, name="list"),
    path("past/", events.event_past, name="past"),
    path("calendar.ics", events.calendar_ics, name="calendar"),
    path("registration/confirm/<str:token>/", registration.registration_confirm, name="confirm"),
    path("registration/questionnaire/<str:token>/", questionnaire.questionnaire_answer, name="questionnaire"),
    path("registration/<str:token>/", registration.registration_manage, name="registration"),
    path("registration/<str:token>/certificate.pdf", certificate.certificate_pdf, name="certificate"),
    path("<slug:slug>/", events.event_detail, name="detail"),
    path("<slug:slug>/register/", registration.event_register, name="register"),
    path("<slug:slug>.ics", events.event_ics, name="ics"),
    path("<slug:slug>/check-in/", checkin.check_in_desk, name="check_in"),
    path("<slug:slug>/check-in/registrants/", checkin.check_in_list, name="check_in_list"),
]
