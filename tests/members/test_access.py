import pytest

from members.access import Level, access_level, mark_second_factor_passed


@pytest.mark.parametrize(
    ("fixture", "level"),
    [
        ("applicant", Level.APPLICANT),
        ("member", Level.MEMBER),
        ("suspended_member", Level.APPLICANT),
        ("staff", Level.STAFF),
        ("staff_without_second_factor", Level.MEMBER),
    ],
)
def test_access_level_of_each_fixed_user_signed_in_with_their_second_factor(request, fixture, level):
    user = request.getfixturevalue(fixture)
    mark_second_factor_passed(user)
    assert access_level(user) == level


def test_staff_whose_session_has_not_passed_the_second_factor_are_at_member_level(staff):
    assert access_level(staff) == Level.MEMBER


def test_anonymous_visitor_is_public():
    from django.contrib.auth.models import AnonymousUser

    assert access_level(AnonymousUser()) == Level.PUBLIC


def test_suspension_takes_effect_on_the_next_read(member):
    from members.models import Membership, User

    Membership.objects.filter(user=member).update(status=Membership.Status.SUSPENDED)
    assert access_level(User.objects.get(pk=member.pk)) == Level.APPLICANT
