"""What the tests of experts keeping their own records post: the edit form as the expert's browser sends it."""


def form_data(expert, publications=(), **changes):
    """The edit form as the expert's browser posts it, with ``changes``."""
    data = {
        field: getattr(expert, field)
        for field in [
            "family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_en", "given_name_en",
            "department", "position_ja", "position_en", "biography_ja", "biography_en", "email", "phone",
            "orcid", "researchmap_id", "kaken_number",
        ]
    }  # fmt: skip
    data["organization"] = expert.organization_id or ""
    data["specialties"] = list(expert.specialties.values_list("pk", flat=True))
    data["countries"] = list(expert.countries.values_list("pk", flat=True))
    data["languages"] = list(expert.languages.values_list("pk", flat=True))
    existing = list(expert.publications.all())
    rows = [
        {"id": p.pk, "citation": p.citation, "year": p.year or "", "url": p.url, "doi": p.doi, "order": p.order}
        for p in existing
    ]
    rows += list(publications)
    data.update(
        {
            "publications-TOTAL_FORMS": len(rows),
            "publications-INITIAL_FORMS": len(existing),
            "publications-MIN_NUM_FORMS": 0,
            "publications-MAX_NUM_FORMS": 1000,
        }
    )
    for number, row in enumerate(rows):
        data.update({f"publications-{number}-{key}": value for key, value in row.items()})
        data[f"publications-{number}-expert"] = expert.pk
    data.update(changes)
    return {key: "" if value is None else value for key, value in data.items()}
