from members.models.accounts import StaffFlagHistory, User, UserManager
from members.models.committees import SubCommittee
from members.models.memberships import ApplicationDigest, Membership
from members.models.news import NewsDelivery, NewsIssue
from members.models.organisations import Organization, OrganizationQuerySet

__all__ = [
    "ApplicationDigest",
    "Membership",
    "NewsDelivery",
    "NewsIssue",
    "Organization",
    "OrganizationQuerySet",
    "StaffFlagHistory",
    "SubCommittee",
    "User",
    "UserManager",
]
