"""Serving an uploaded file that a view has already found through the access rule."""

from django.http import FileResponse


def protected_file_response(fieldfile, *, download_name, public=False, inline=False):
    """Stream ``fieldfile`` from its storage, under ``download_name``, never rendered as the portal's own page.

    The caller looks the file up through its owner's ``visible_to(user)``; this only answers with it.
    """
    response = FileResponse(
        fieldfile.storage.open(fieldfile.name, "rb"), as_attachment=not inline, filename=download_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response
