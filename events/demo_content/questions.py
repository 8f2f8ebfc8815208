"""Demo registration questions: the ones the consortium's organisers typically ask (``events.demo`` sets them).

- the type of affiliation, for the attendance report (every event);
- in person or online, for hybrid events (the hall's capacity, the online link);
- whether they will join the reception, and dietary needs for it (symposiums, which end with one);
- how the person heard of the event, to see which announcements work (every event).

Each entry: (kind, required, label ja, label en, help ja, help en, options as ``value | 日本語 | English`` lines).
"""

AFFILIATION_TYPE = (
    "one_choice",
    True,
    "ご所属の種別",
    "Type of affiliation",
    "参加者の構成を集計するために伺います。",
    "We ask to report who attends our events.",
    """\
university | 大学・研究機関 | University or research institute
museum | 博物館・美術館 | Museum
government | 国・自治体 | Government or local authority
agency | 国際協力機関 | Cooperation agency
ngo | NGO・NPO | NGO or NPO
company | 企業 | Company
student | 学生 | Student
other | その他 | Other""",
)

HEARD_FROM = (
    "several_choices",
    False,
    "本催しを何でお知りになりましたか(複数選択可)",
    "How did you hear of this event? (choose any)",
    "",
    "",
    """\
website | コンソーシアムのウェブサイト | The consortium's website
news | 会員向けメールニュース | The members' e-mail news
social | SNS | Social media
colleague | 同僚・知人 | A colleague or friend
other | その他 | Other""",
)

ATTENDANCE_MODE = (
    "one_choice",
    True,
    "参加方法",
    "How will you attend?",
    "オンライン参加の方には、前日までに視聴用のリンクをお送りします。",
    "Online participants receive the link to the stream the day before.",
    """\
in_person | 会場で参加 | In person
online | オンラインで参加 | Online""",
)

DIETARY_NEEDS = (
    "short_text",
    False,
    "食事に関する配慮",
    "Dietary requirements",
    "懇親会の軽食について、アレルギーや宗教上の理由などで配慮が必要な場合はお書きください。",
    "For the reception's refreshments: allergies, religious or other requirements.",
    "",
)

RECEPTION = ("yes_no", True, "懇親会に参加されますか", "Will you join the reception after the symposium?", "", "", "")

DIETARY_ANSWERS = ["ベジタリアン", "Halal, please", "そばアレルギーがあります", "No pork", "乳製品を控えています"]
