"""The words of demo projects: title templates, subjects, purposes and outcomes, in Japanese and English."""

from projects.models import CooperationProject

Kind = CooperationProject.Kind

OBJECTS = (
    ("壁画", "wall paintings"), ("石造寺院", "stone temples"), ("煉瓦造建造物", "brick monuments"),
    ("木造建築", "timber buildings"), ("石彫", "stone sculptures"), ("日干し煉瓦建造物", "mud-brick structures"),
    ("モザイク床", "floor mosaics"), ("石窟", "rock-cut caves"), ("城壁", "city walls"),
)  # fmt: skip
DISASTERS = (("地震", "earthquake"), ("洪水", "floods"), ("紛争", "conflict"), ("火災", "fire"), ("豪雨", "storms"))
THEMES = (
    ("考古学調査", "archaeological fieldwork"), ("保存科学", "conservation science"),
    ("博物館運営", "museum management"), ("文化財の記録", "heritage documentation"),
    ("文化遺産の防災", "disaster risk management for heritage"), ("遺跡管理", "site management"),
)  # fmt: skip
PRACTICES = (
    ("伝統舞踊", "traditional dance"), ("伝統的建築技術", "traditional building techniques"),
    ("染織技術", "textile craftsmanship"), ("口承文芸", "oral traditions"), ("祭礼行事", "festive traditions"),
    ("伝統音楽", "traditional music"), ("漆工芸", "lacquer craftsmanship"),
)  # fmt: skip

# Title templates: {s}/{S} the site, {n}/{N} the country, {o}/{O} the subject (Japanese/English).
SITE_TITLES = {
    Kind.CONSERVATION: (
        ("{s}における{o}の保存修復", "Conservation of the {O} at {S}", OBJECTS),
        ("{s}の{o}の構造調査と保存計画", "Structural survey and conservation plan for the {O} of {S}", OBJECTS),
    ),
    Kind.RESEARCH: (
        ("{s}の考古学的調査", "Archaeological survey at {S}", None),
        ("{s}の3次元記録と保存状態調査", "3D documentation and condition survey of {S}", None),
        ("{s}出土遺物の科学分析", "Scientific analysis of finds from {S}", None),
    ),
    Kind.EMERGENCY: (("{s}における{o}被災状況の緊急調査", "Emergency assessment after the {O} at {S}", DISASTERS),),
    Kind.CAPACITY: (("{s}の保存管理を担う人材の育成", "Training for the conservation and management of {S}", None),),
}
COUNTRY_TITLES = {
    Kind.CONSERVATION: (("{n}における{o}の保存修復", "Conservation of {O} in {N}", OBJECTS),),
    Kind.RESEARCH: (("{n}における文化遺産の分布調査", "Heritage inventory survey in {N}", None),),
    Kind.EMERGENCY: (
        ("{n}における{o}被災文化財の救出支援", "Rescue of cultural property after the {O} in {N}", DISASTERS),
    ),
    Kind.CAPACITY: (("{n}における{o}の人材育成", "Capacity building in {O} in {N}", THEMES),),
    Kind.INTANGIBLE: (
        ("{n}の{o}の継承支援", "Safeguarding {O} in {N}", PRACTICES),
        ("{n}における{o}の記録と映像アーカイブ", "Recording {O} in {N}: a film archive", PRACTICES),
    ),
    Kind.EXCHANGE: (
        ("{n}の文化遺産専門家招へい", "Invitation of heritage specialists from {N}", None),
        ("日本・{n}文化遺産協力シンポジウム", "Symposium on heritage cooperation between Japan and {N}", None),
        ("{n}との若手研究者交流", "Exchange of young heritage researchers with {N}", None),
    ),
}
PURPOSES = {
    Kind.CONSERVATION: (
        "現状記録と劣化要因の調査に基づき、伝統的な材料と技術を尊重した修復を行い、現地の技術者とともに維持管理計画を作成する。",
        "Based on a condition record and a study of the causes of decay, the team restores the fabric "
        "with respect for traditional materials and techniques and prepares a maintenance plan "
        "with local technicians.",
    ),
    Kind.RESEARCH: (
        "測量、発掘、科学分析によって遺跡の構造と年代を明らかにし、保護計画の基礎資料を整える。",
        "Survey, excavation and scientific analysis establish the layout and chronology of the site "
        "and give its protection plan the evidence it needs.",
    ),
    Kind.EMERGENCY: (
        "被害状況を記録して危険な構造物を応急的に補強し、散逸のおそれのある文化財を保護する。",
        "The team records the damage, shores up structures at risk and secures movable heritage in danger of loss.",
    ),
    Kind.CAPACITY: (
        "研修と現場での共同作業を通じて、現地の専門家が自ら調査と保存を担えるよう支援する。",
        "Training courses and joint work on site help local specialists carry out survey and conservation themselves.",
    ),
    Kind.INTANGIBLE: (
        "担い手への聞き取りと映像記録を行い、後継者を育成する仕組みづくりを支援する。",
        "Interviews with practitioners and film records support a way of passing the practice on.",
    ),
    Kind.EXCHANGE: (
        "専門家の相互訪問と公開セミナーを通じて、協力関係と情報共有を深める。",
        "Mutual visits of specialists and public seminars strengthen cooperation and the sharing of information.",
    ),
}
OUTCOMES = {
    Kind.CONSERVATION: (
        "修復を完了し、維持管理計画を現地の管理機関に引き渡した。",
        "The restoration was completed and the maintenance plan handed over to the site authority.",
    ),
    Kind.EMERGENCY: (
        "被災状況の記録を現地政府に提出し、応急措置を施した。",
        "The damage record was submitted to the national authorities and emergency measures were taken.",
    ),
    Kind.CAPACITY: (
        "研修修了者が現地の調査と保存を担っている。",
        "Those trained now lead survey and conservation work in the country.",
    ),
}
DEFAULT_OUTCOME = (
    "報告書を刊行し、成果を現地で報告した。",
    "A final report was published and the results were presented in the country.",
)
