"""The history admin the portal's own admins build on: django-simple-history's, with a guarded revert."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """Every change recorded, viewable and revertible from the history page.

    django-simple-history hides the "Revert" button from staff who may only
    view, but saves a POST to the history form all the same, and it asks for
    the change permission on the old version. Here reverting needs the change
    permission on the record as it is now: a sent newsletter stays sent, and
    a view-only account reverts nothing.
    """

    def has_revert_permission(self, request, obj):
        return self.has_change_permission(request, obj)

    def current_object(self, request, object_id):
        return self.get_object(request, unquote(object_id))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.current_object(request, object_id)
        if request.method == "POST" and (current is None or not self.has_revert_permission(request, current)):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        if super().revert_disabled(request, obj):
            return True
        current = None if obj is None else self.current_object(request, str(obj.pk))
        return current is None or not self.has_revert_permission(request, current)
