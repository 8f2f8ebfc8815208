"""What the tests of the search pages share: the list pages, the detail pages of the records, more rows."""

from experts.models import Expert
from heritage.models import HeritageSite
from projects.models import CooperationProject

LIST_PAGES = ["experts:list", "projects:list", "heritage:list"]


def detail_urls(records):
    return [
        records.oyamada.get_absolute_url(),
        records.bamiyan_project.get_absolute_url(),
        records.bamiyan.get_absolute_url(),
    ]


def grow(records, copies):
    """Add ``copies`` experts, projects and sites that the searches for 山田 and Bamiyan find, with related rows."""
    for number in range(copies):
        expert = Expert.objects.create(family_name="山田", given_name=f"{number}", family_name_en="Yamada")
        expert.specialties.set(records.oyamada.specialties.all())
        expert.countries.set(records.oyamada.countries.all())
        project = CooperationProject.objects.create(
            title_en=f"Bamiyan survey {number}", kind="research", start_year=2020
        )
        project.countries.set(records.bamiyan_project.countries.all())
        project.funders.set(records.bamiyan_project.funders.all())
        site = HeritageSite.objects.create(name_en=f"Bamiyan cave {number}", category="cultural")
        site.countries.set(records.bamiyan.countries.all())
