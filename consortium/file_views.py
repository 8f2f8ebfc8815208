"""Downloads of uploaded files, each found through the record that owns it and that record's rule.

A file answers exactly as its owner's page does: a 404 where the page is one, the sign-in
redirect or the membership page where the page is members-only (``member_required``).
"""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from consortium.files import protected_file_response, stored_stem
from events.models import Event, Material, NewsArticle, NewsAttachment
from members.access import member_required
from members.models import Meeting, MeetingFile
from projects.models import CooperationProject, ProjectDocument


@require_GET
@member_required
def project_document(request, pk):
    projects = CooperationProject.objects.visible_to(request.user)
    document = get_object_or_404(ProjectDocument.objects.filter(project__in=projects).exclude(file=""), pk=pk)
    return protected_file_response(document.file, download_name=document.download_name)


def _material_response(request, material):
    return protected_file_response(material.file, download_name=material.download_name)


@require_GET
def event_material(request, pk):
    events = Event.objects.previewable_by(request.user)
    material = get_object_or_404(
        Material.objects.filter(event__in=events).exclude(file="").select_related("event"), pk=pk
    )
    if material.event.is_members_only:
        return member_required(_material_response)(request, material)
    return _material_response(request, material)


@require_GET
def news_attachment(request, pk):
    articles = NewsArticle.objects.previewable_by(request.user)
    attachment = get_object_or_404(NewsAttachment.objects.filter(article__in=articles), pk=pk)
    return protected_file_response(attachment.file, download_name=attachment.download_name)


@require_GET
def news_image(request, pk):
    article = get_object_or_404(NewsArticle.objects.previewable_by(request.user).exclude(image=""), pk=pk)
    # Cached for good only at the address stamped with the current image (NewsArticle.image_url).
    public = article.is_public and request.GET.get("v") == stored_stem(article.image)
    return protected_file_response(
        article.image, download_name=article.image_download_name, public=public, inline=True
    )


@require_GET
@member_required
def meeting_file(request, pk):
    meetings = Meeting.objects.papers_visible_to(request.user)
    meeting_file = get_object_or_404(MeetingFile.objects.filter(meeting__in=meetings).exclude(file=""), pk=pk)
    return protected_file_response(meeting_file.file, download_name=meeting_file.download_name)
