"""Demo events: past ones with their reports and upcoming ones open for registration."""

SYMPOSIUM_PROGRAMME_JA = """\
| 時刻 | 内容 |
|---|---|
| 13:00 | 開会挨拶 |
| 13:10 | 基調講演 |
| 14:10 | 事例報告(三題) |
| 15:40 | 休憩 |
| 16:00 | パネルディスカッション |
| 17:20 | 閉会 |
"""

SYMPOSIUM_PROGRAMME_EN = """\
| Time | |
|---|---|
| 13:00 | Opening remarks |
| 13:10 | Keynote lecture |
| 14:10 | Three case studies |
| 15:40 | Break |
| 16:00 | Panel discussion |
| 17:20 | Close |
"""

SPEAKERS = [
    ("山田 一郎", "Ichiro Yamada", "文化財研究所", "Institute for Cultural Properties", "基調講演", "Keynote lecture"),
    ("佐々木 恵", "Megumi Sasaki", "国立大学 文学部", "Faculty of Letters, National University", "事例報告",
     "Case study"),
    ("Maria Santos", "Maria Santos", "", "National Heritage Institute", "事例報告", "Case study"),
    ("高橋 誠", "Makoto Takahashi", "文化遺産保護NGO", "Heritage conservation NGO", "モデレーター",
     "Moderator"),
]  # fmt: skip

# (slug, kind, days from today, hours, time zone, audience, format, capacity, ja, en; the countries it is about)
EVENTS = [
    {
        "slug": "annual-symposium-disasters-and-heritage",
        "kind": "symposium",
        "days": 45,
        "start_hour": 13,
        "hours": 4.5,
        "time_zone": "Asia/Tokyo",
        "audience": "public",
        "format": "hybrid",
        "capacity": 200,
        "title_ja": "年次シンポジウム「災害と文化遺産――復興の中で受け継ぐもの」",
        "title_en": "Annual symposium: Disasters and Cultural Heritage, What Recovery Hands Down",
        "summary_ja": "被災した文化遺産の復興を、地域の人々の暮らしと記憶の継承という視点から考えます。",
        "summary_en": "Rebuilding damaged heritage, seen through the lives and memories of the people who keep it.",
        "description_ja": "地震、洪水、紛争によって被害を受けた文化遺産は、"
        "どのように復興され、次の世代へ受け継がれていくのでしょうか。"
        "本シンポジウムでは、国内外の事例をもとに、技術的な修復だけでなく、地域社会の参加と記憶の継承について議論します。",
        "description_en": "How is heritage damaged by earthquakes, floods or conflict rebuilt and handed to the next "
        "generation? Drawing on cases from Japan and abroad, the symposium looks beyond technical repair to the part "
        "local communities play and to what their memory carries forward.",
        "venue_name_ja": "東京国立博物館 平成館大講堂",
        "venue_name_en": "Tokyo National Museum, Heiseikan Auditorium",
        "venue_address_ja": "東京都台東区上野公園13-9",
        "venue_address_en": "13-9 Ueno Park, Taito-ku, Tokyo",
        "map_url": "https://www.openstreetmap.org/search?query=Tokyo%20National%20Museum",
        "online_url": "https://meet.example.org/jcic-symposium",
        "programme": True,
        "registrations": 60,
    },
    {
        "slug": "seminar-museum-collections-conflict",
        "kind": "seminar",
        "days": 20,
        "start_hour": 15,
        "hours": 2,
        "time_zone": "Asia/Tokyo",
        "audience": "members",
        "format": "online",
        "capacity": 12,
        "title_ja": "研究会「紛争下の博物館収蔵品をどう守るか」",
        "title_en": "Research seminar: Protecting museum collections in times of conflict",
        "summary_ja": "紛争地域の博物館で進められている収蔵品の避難と記録の取り組みを報告します。",
        "summary_en": "Reports on evacuating and documenting museum collections in conflict zones.",
        "description_ja": "会員向けの研究会です。紛争地域の博物館で行われている収蔵品の緊急避難、記録作成、"
        "そして国際的な支援の枠組みについて、現地と連携して活動する専門家から報告を受けます。",
        "description_en": "A seminar for members. Specialists working with museums in conflict zones report on the "
        "emergency evacuation and documentation of collections and on the international frameworks of support.",
        "online_url": "https://meet.example.org/jcic-seminar-collections",
        "registrations": 18,
    },
    {
        "slug": "workshop-digital-documentation-bangkok",
        "kind": "workshop",
        "days": 75,
        "start_hour": 9,
        "hours": 7,
        "time_zone": "Asia/Bangkok",
        "audience": "public",
        "format": "in_person",
        "capacity": 30,
        "title_ja": "ワークショップ「歴史的建造物のデジタル記録」(バンコク)",
        "title_en": "Workshop: Digital documentation of historic buildings (Bangkok)",
        "summary_ja": "写真測量と三次元計測による記録の方法を、現地の専門家とともに実習します。",
        "summary_en": "Hands-on training in photogrammetry and 3D survey with colleagues from the region.",
        "description_ja": "東南アジア分科会の協力により、タイの専門家と共同でワークショップを開催します。"
        "写真測量と三次元レーザー計測の基礎を学び、記録データの保存と共有の方法についても議論します。",
        "description_en": "Held with colleagues in Thailand through the Southeast Asia sub-committee. Participants "
        "learn the basics of photogrammetry and 3D laser scanning and discuss how survey data should be kept and "
        "shared.",
        "venue_name_ja": "シラパコーン大学",
        "venue_name_en": "Silpakorn University",
        "venue_address_ja": "タイ王国 バンコク",
        "venue_address_en": "Bangkok, Thailand",
        "map_url": "https://www.openstreetmap.org/search?query=Silpakorn%20University",
        "countries": ["TH"],
        "registrations": 9,
    },
    {
        "slug": "annual-symposium-climate-and-heritage",
        "kind": "symposium",
        "days": -320,
        "start_hour": 13,
        "hours": 4.5,
        "time_zone": "Asia/Tokyo",
        "audience": "public",
        "format": "hybrid",
        "capacity": 200,
        "title_ja": "年次シンポジウム「気候変動と文化遺産」",
        "title_en": "Annual symposium: Climate change and cultural heritage",
        "summary_ja": "気候変動が文化遺産にもたらす影響と、国際協力による対応を考えました。",
        "summary_en": "What climate change does to cultural heritage, and how cooperation can respond.",
        "description_ja": "海面上昇、豪雨、干ばつなど、気候変動の影響は世界各地の文化遺産に及んでいます。"
        "本シンポジウムでは、太平洋の島嶼国、アフリカ、東南アジアの事例から、対応策と国際協力のあり方を議論しました。",
        "description_en": "Rising seas, heavy rain and drought already affect heritage around the world. Cases from "
        "Pacific island states, Africa and Southeast Asia framed a discussion of responses and of the part "
        "international cooperation can play.",
        "venue_name_ja": "東京国立博物館 平成館大講堂",
        "venue_name_en": "Tokyo National Museum, Heiseikan Auditorium",
        "venue_address_ja": "東京都台東区上野公園13-9",
        "venue_address_en": "13-9 Ueno Park, Taito-ku, Tokyo",
        "programme": True,
        "attendance": 184,
        "report_ja": "会場とオンラインをあわせて184名の方にご参加いただきました。\n\n"
        "基調講演では、気候変動の影響を把握するための長期的な観測の重要性が示されました。"
        "パネルディスカッションでは、現地の専門家の育成と、地域社会による日常的な維持管理を支える協力が必要であるとの意見が多く出されました。",
        "report_en": "184 people took part, in the hall and online.\n\n"
        "The keynote showed why long-term monitoring is needed to understand what climate change does to heritage. "
        "In the panel, many argued that cooperation should train specialists on site and support the everyday care "
        "that communities give their heritage.",
        "materials": True,
        "registrations": 40,
    },
    {
        "slug": "briefing-cooperation-funding",
        "kind": "briefing",
        "days": -150,
        "start_hour": 14,
        "hours": 1.5,
        "time_zone": "Asia/Tokyo",
        "audience": "public",
        "format": "online",
        "capacity": None,
        "title_ja": "説明会「文化遺産国際協力の助成制度」",
        "title_en": "Briefing: Funding for international heritage cooperation",
        "summary_ja": "国際協力事業に活用できる公的助成と民間財団の制度を紹介しました。",
        "summary_en": "An overview of public and private funding for cooperation projects.",
        "description_ja": "文化遺産の国際協力事業に活用できる公的助成制度と民間財団の助成について、"
        "各制度の担当者から説明を受けました。",
        "description_en": "Officers of public programmes and private foundations presented the funding available for "
        "international cooperation projects in cultural heritage.",
        "attendance": 96,
        "report_ja": "オンラインで96名が参加しました。説明資料は下記からご覧いただけます。",
        "report_en": None,
        "materials": True,
        "registrations": 25,
    },
]
