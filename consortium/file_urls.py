from django.urls import path

from consortium import file_views

app_name = "files"
urlpatterns = [
    path("project-documents/<int:pk>/", file_views.project_document, name="project_document"),
    path("event-materials/<int:pk>/", file_views.event_material, name="event_material"),
    path("news-attachments/<int:pk>/", file_views.news_attachment, name="news_attachment"),
    path("news-images/<int:pk>/", file_views.news_image, name="news_image"),
    path("meeting-files/<int:pk>/", file_views.meeting_file, name="meeting_file"),
]
