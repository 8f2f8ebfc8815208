from members.models.accounts import StaffFlagHistory, User, UserManager
from members.models.committees import Committee, CommitteeRequest, CommitteeSeat, Meeting, MeetingFile
from members.models.consents import Consent
from members.models.invitations import Invitation, InvitationQuerySet
from members.models.memberships import ApplicationDigest, Membership
from members.models.news import NewsDelivery, NewsIssue
from members.models.organisations import Organization, OrganizationQuerySet

__all__ = [
    "ApplicationDigest",
    "Invitation",
    "InvitationQuerySet",
    "Membership",
    "NewsDelivery",
    "NewsIssue",
    "Organization",
    "OrganizationQuerySet",
    "StaffFlagHistory",
    "Committee",
    "CommitteeRequest",
    "CommitteeSeat",
    "Consent",
    "Meeting",
    "MeetingFile",
    "User",
    "UserManager",
]
