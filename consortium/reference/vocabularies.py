"""The controlled, bilingual vocabularies: specialties, threats, sub-committees and funders.

Codes are what URLs, facets and imports use, so they do not change once
published; names may be corrected by a later data migration.
"""

# (code, Japanese, English), in the order forms and facets list them.
SPECIALTIES = (
    ("archaeology", "考古学", "Archaeology"),
    ("architectural-conservation", "建造物の保存修復", "Architectural conservation"),
    ("timber-architecture", "木造建造物", "Timber architecture"),
    ("stone-earthen-architecture", "石造・土造建造物", "Stone and earthen architecture"),
    ("structural-engineering", "構造工学", "Structural engineering"),
    ("conservation-science", "保存科学", "Conservation science"),
    ("wall-paintings", "壁画の保存修復", "Conservation of wall paintings"),
    ("paper-textiles", "紙・染織品の保存修復", "Conservation of paper and textiles"),
    ("archaeological-objects", "出土遺物の保存修復", "Conservation of archaeological objects"),
    ("art-history", "美術史", "Art history"),
    ("history", "歴史学", "History"),
    ("anthropology", "文化人類学", "Anthropology"),
    ("museums-collections", "博物館・コレクション", "Museums and collections"),
    ("intangible-heritage", "無形文化遺産", "Intangible heritage"),
    ("urban-landscape", "歴史都市・文化的景観", "Urban and landscape heritage"),
    ("heritage-management", "遺産管理・保存計画", "Heritage management and planning"),
    ("disaster-risk-management", "文化遺産の防災・災害対応", "Disaster risk management"),
    ("underwater-heritage", "水中文化遺産", "Underwater heritage"),
    ("geology-geophysics", "地質学・地球物理学", "Geology and geophysics"),
    ("documentation-digital", "記録・デジタル技術", "Documentation and digital technology"),
    ("law-policy", "法制度・文化政策", "Law and policy"),
    ("community-tourism", "地域社会・観光", "Community and tourism"),
    ("education-training", "教育・研修", "Education and training"),
)

# (code, Japanese, English): the dangers UNESCO's state-of-conservation reports name most often.
THREATS = (
    ("armed-conflict", "武力紛争", "Armed conflict"),
    ("deliberate-destruction", "意図的な破壊", "Deliberate destruction"),
    ("looting-trafficking", "盗掘・不法取引", "Looting and illicit trafficking"),
    ("earthquake", "地震", "Earthquake"),
    ("tsunami", "津波", "Tsunami"),
    ("volcanic-eruption", "火山噴火", "Volcanic eruption"),
    ("flood", "洪水", "Flood"),
    ("storm", "暴風雨(台風・サイクロン等)", "Storms (typhoons, cyclones)"),
    ("landslide", "地すべり・土砂災害", "Landslides"),
    ("fire", "火災", "Fire"),
    ("climate-change", "気候変動", "Climate change"),
    ("natural-decay", "自然劣化・浸食", "Natural decay and erosion"),
    ("biological-decay", "生物劣化", "Biological decay"),
    ("pollution", "汚染", "Pollution"),
    ("development-pressure", "開発圧力", "Development pressure"),
    ("tourism-pressure", "観光による負荷", "Tourism pressure"),
    ("neglect", "管理体制の不備・放置", "Neglect and lack of management"),
)

# (code, region code or None, Japanese, English, description ja, description en).
# JCIC-Heritage's sub-committees: the planning sub-committee and one per region it works in
# (see regions.SUBCOMMITTEE_REGIONS: Oceania and North America have none).
SUBCOMMITTEES = (
    (
        "planning",
        None,
        "企画分科会",
        "Planning Sub-Committee",
        "コンソーシアムの事業計画、シンポジウム・研究会の企画、各分科会の間の調整を担います。",
        "Plans the consortium's programme, its symposia and seminars, and coordinates the regional sub-committees.",
    ),
    (
        "southeast-south-asia",
        "southeast-south-asia",
        "東南アジア・南アジア分科会",
        "Southeast and South Asia Sub-Committee",
        "東南アジア・南アジア諸国の文化遺産をめぐる協力について、情報を共有し課題を議論します。",
        "Shares information on, and discusses, cooperation for cultural heritage in Southeast and South Asia.",
    ),
    (
        "west-asia",
        "west-asia",
        "西アジア分科会",
        "West Asia Sub-Committee",
        "西アジア(中東)・北アフリカ諸国の文化遺産をめぐる協力について、情報を共有し課題を議論します。",
        "Shares information on, and discusses, cooperation for cultural heritage in West Asia "
        "(the Middle East) and North Africa.",
    ),
    (
        "east-central-asia",
        "east-central-asia",
        "東アジア・中央アジア分科会",
        "East and Central Asia Sub-Committee",
        "東アジア・中央アジア諸国の文化遺産をめぐる協力について、情報を共有し課題を議論します。",
        "Shares information on, and discusses, cooperation for cultural heritage in East and Central Asia.",
    ),
    (
        "europe",
        "europe",
        "欧州分科会",
        "Europe Sub-Committee",
        "欧州諸国の文化遺産をめぐる協力と、欧州の保護制度・国際協力の動向について、情報を共有し議論します。",
        "Shares information on, and discusses, cooperation for cultural heritage in Europe and European "
        "approaches to protection and international cooperation.",
    ),
    (
        "africa",
        "africa",
        "アフリカ分科会",
        "Africa Sub-Committee",
        "アフリカ諸国の文化遺産をめぐる協力について、情報を共有し課題を議論します。",
        "Shares information on, and discusses, cooperation for cultural heritage in Africa.",
    ),
    (
        "latin-america",
        "latin-america",
        "中南米分科会",
        "Latin America Sub-Committee",
        "中南米・カリブ諸国の文化遺産をめぐる協力について、情報を共有し課題を議論します。",
        "Shares information on, and discusses, cooperation for cultural heritage in Latin America and the Caribbean.",
    ),
)

# (code, kind, Japanese, English, website). Only bodies that fund work: a research institute
# such as 東京文化財研究所 carries out projects and is an organisation, not a funder.
FUNDERS = (
    ("bunka", "government", "文化庁", "Agency for Cultural Affairs, Government of Japan", "https://www.bunka.go.jp/"),
    ("mofa", "government", "外務省", "Ministry of Foreign Affairs of Japan", "https://www.mofa.go.jp/"),
    (
        "jsps",
        "government",
        "日本学術振興会(科研費)",
        "Japan Society for the Promotion of Science (KAKENHI)",
        "https://www.jsps.go.jp/",
    ),
    (
        "jica",
        "agency",
        "国際協力機構(JICA)",
        "Japan International Cooperation Agency (JICA)",
        "https://www.jica.go.jp/",
    ),
    ("japan-foundation", "agency", "国際交流基金", "The Japan Foundation", "https://www.jpf.go.jp/"),
    (
        "unesco-jfit-heritage",
        "international",
        "ユネスコ文化遺産保存日本信託基金",
        "Japanese Funds-in-Trust to UNESCO for the Preservation of the World Cultural Heritage",
        "https://www.mofa.go.jp/policy/culture/coop/unesco/c_heritage/t_heritage/index.html",
    ),
    (
        "unesco-jfit-intangible",
        "international",
        "ユネスコ無形文化遺産保護日本信託基金",
        "Japanese Funds-in-Trust for the Safeguarding of the Intangible Cultural Heritage",
        "https://ich.unesco.org/en/japan-funds-in-trust-00115",
    ),
    (
        "world-heritage-fund",
        "international",
        "世界遺産基金",
        "World Heritage Fund",
        "https://whc.unesco.org/en/world-heritage-fund/",
    ),
    (
        "aliph",
        "international",
        "紛争地域における文化遺産保護のための国際同盟(ALIPH)",
        "International alliance for the protection of heritage in conflict areas (ALIPH)",
        "https://www.aliph-foundation.org/",
    ),
    ("sumitomo-foundation", "foundation", "住友財団", "The Sumitomo Foundation", "https://www.sumitomo.or.jp/"),
    (
        "mitsubishi-foundation",
        "foundation",
        "三菱財団",
        "The Mitsubishi Foundation",
        "https://www.mitsubishi-zaidan.jp/",
    ),
    ("toyota-foundation", "foundation", "トヨタ財団", "The Toyota Foundation", "https://www.toyotafound.or.jp/"),
    (
        "bunkazai-foundation",
        "foundation",
        "文化財保護・芸術研究助成財団",
        "Foundation for Cultural Heritage and Art Research",
        "https://bunkazai.or.jp/",
    ),
    ("getty-foundation", "foundation", "ゲッティ財団", "Getty Foundation", "https://www.getty.edu/foundation/"),
    (
        "world-monuments-fund",
        "foundation",
        "ワールド・モニュメント財団",
        "World Monuments Fund",
        "https://www.wmf.org/",
    ),
)
