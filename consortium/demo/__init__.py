"""Demo data: realistic, bilingual, internally consistent records at any size.

Every organisation, person and project made here is invented; the countries,
languages, specialties, funders and heritage sites they refer to are the real
reference data of the portal. ``seed_demo`` (the management command) is the
way in; ``seeder.seed_demo`` does the work.
"""

# Other apps add their demo data here, as dotted paths to functions
# ``seed(rng, stdout)``, called in this order after experts and projects exist.
# Each gets its own ``random.Random`` derived from the seed and its path, so
# adding one seeder never changes the data another one makes.
EXTRA_SEEDERS = (
    "events.demo.seed",
    "consortium.demo.country_profiles.seed",
    "reports.demo.seed",
    "members.demo_committees.seed",
    "members.demo_organisations.seed",
)
