"""The committees an applicant ticked on the old sign-up form become requests to join, and the field goes.

They were interests, never appointments: the rosters are the staff's to keep (CommitteeSeat), so each
choice becomes a request waiting for the secretariat's decision rather than a seat. Active members' and
applicants' choices are carried over (the new form turns an applicant's ticks into requests too); those
of suspended, withdrawn and rejected memberships are not asked for again.
"""

from django.db import migrations

CARRIED_OVER = ["active", "applied"]


def requests_from_choices(apps, schema_editor):
    Membership = apps.get_model("members", "Membership")
    CommitteeRequest = apps.get_model("members", "CommitteeRequest")
    choices = Membership.subcommittees.through.objects.filter(membership__status__in=CARRIED_OVER)
    CommitteeRequest.objects.bulk_create(
        [
            CommitteeRequest(user_id=user_id, committee_id=committee_id, action="join", status="pending")
            for user_id, committee_id in choices.values_list("membership__user_id", "committee_id")
        ],
        # A request already waiting for that committee stands (committeerequest_one_pending).
        ignore_conflicts=True,
    )


def choices_from_requests(apps, schema_editor):
    Membership = apps.get_model("members", "Membership")
    CommitteeRequest = apps.get_model("members", "CommitteeRequest")
    through = Membership.subcommittees.through
    memberships = dict(Membership.objects.values_list("user_id", "pk"))
    waiting = CommitteeRequest.objects.filter(action="join", status="pending", user_id__in=memberships)
    through.objects.bulk_create(
        [
            through(membership_id=memberships[user_id], committee_id=committee_id)
            for user_id, committee_id in waiting.values_list("user_id", "committee_id")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0013_committee_roles"),
    ]

    operations = [
        migrations.RunPython(requests_from_choices, choices_from_requests),
        migrations.RemoveField(model_name="membership", name="subcommittees"),
    ]
