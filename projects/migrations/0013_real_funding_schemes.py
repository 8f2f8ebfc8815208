"""The real programmes of the funders that ``consortium/0003`` loads, upserted by code.

The list is kept here, not in a module the code imports: a migration keeps the data it loaded. Staff
add further schemes in the admin.
"""

from django.db import migrations

# (code, funder's code, name in Japanese, name in English)
SCHEMES = (
    ("jica-technical-cooperation", "jica", "技術協力プロジェクト", "Technical Cooperation Projects"),
    (
        "jica-grassroots",
        "jica",
        "草の根技術協力事業",
        "JICA Partnership Program (Grassroots Technical Cooperation)",
    ),
    (
        "bunka-networking-core-centres",
        "bunka",
        "文化遺産国際協力拠点交流事業",
        "Networking Core Centres for International Cooperation in the Conservation of Cultural Heritage",
    ),
    ("mofa-cultural-grassroots", "mofa", "草の根文化無償資金協力", "Grant Assistance for Cultural Grassroots Projects"),
    ("mofa-cultural-grant", "mofa", "一般文化無償資金協力", "Cultural Grant Assistance"),
    (
        "jfit-heritage-preservation",
        "unesco-jfit-heritage",
        "ユネスコ文化遺産保存日本信託基金事業",
        "Japanese Funds-in-Trust for the Preservation of the World Cultural Heritage: projects",
    ),
    (
        "jfit-intangible-safeguarding",
        "unesco-jfit-intangible",
        "ユネスコ無形文化遺産保護日本信託基金事業",
        "Japanese Funds-in-Trust for the Safeguarding of the Intangible Cultural Heritage: projects",
    ),
    (
        "kakenhi-scientific-research-a",
        "jsps",
        "科学研究費助成事業 基盤研究(A)",
        "KAKENHI Grant-in-Aid for Scientific Research (A)",
    ),
    (
        "kakenhi-scientific-research-b",
        "jsps",
        "科学研究費助成事業 基盤研究(B)",
        "KAKENHI Grant-in-Aid for Scientific Research (B)",
    ),
    (
        "kakenhi-international-research",
        "jsps",
        "科学研究費助成事業 国際共同研究加速基金",
        "KAKENHI Fund for the Promotion of Joint International Research",
    ),
    (
        "jf-intellectual-exchange",
        "japan-foundation",
        "知的交流会議助成プログラム",
        "Grant Program for Intellectual Exchange Conferences",
    ),
    (
        "sumitomo-heritage-abroad",
        "sumitomo-foundation",
        "海外の文化財維持・修復事業助成",
        "Grants for the Preservation and Restoration of Cultural Properties Abroad",
    ),
    ("toyota-international-grant", "toyota-foundation", "国際助成プログラム", "International Grant Program"),
    ("mitsubishi-humanities", "mitsubishi-foundation", "人文科学研究助成", "Research Grants in the Humanities"),
)


def load(apps, schema_editor):
    Funder = apps.get_model("projects", "Funder")
    FundingScheme = apps.get_model("projects", "FundingScheme")
    funders = dict(Funder.objects.values_list("code", "pk"))
    # A scheme whose funder staff have since deleted or recoded is left out, rather than failing the migration.
    FundingScheme.objects.bulk_create(
        [
            FundingScheme(code=code, funder_id=funders[funder], name_ja=name_ja, name_en=name_en)
            for code, funder, name_ja, name_en in SCHEMES
            if funder in funders
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["funder", "name_ja", "name_en"],
    )


def unload(apps, schema_editor):
    FundingScheme = apps.get_model("projects", "FundingScheme")
    FundingScheme.objects.filter(code__in=[code for code, *_rest in SCHEMES], projects=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consortium", "0003_reference_vocabularies"),
        ("projects", "0012_funding_schemes"),
    ]

    operations = [migrations.RunPython(load, unload)]
