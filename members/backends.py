"""Sign-in: allauth's backend (e-mail and password), loading each request's user with its membership."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model


class MemberBackend(AuthenticationBackend):
    """allauth's authentication, and the signed-in user read together with the membership.

    Every members' page asks the access rule (``members.access.access_level``), which reads
    the membership: joined to the user's own query, it costs no query of its own. It is
    still read afresh on each request, so that suspending a member takes effect at once.
    """

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("membership")
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
