"""Demo news: (days ago, category, slug, Japanese title/summary/body, English ones or None for Japanese only)."""

NEWS = [
    (
        3,
        "call",
        "call-country-survey-proposals",
        "協力相手国調査の候補地に関するご提案の募集",
        "来年度に実施する協力相手国調査について、会員の皆様から対象国とテーマのご提案を募集します。",
        "来年度の協力相手国調査の対象国とテーマについて、会員の皆様からご提案を募集します。\n\n"
        "ご提案には、対象となる文化遺産の現状、想定される協力の内容、現地の協力機関を記載してください。"
        "締切は来月末です。提出先は事務局です。",
        "Call for proposals: next year's country survey",
        "Members are invited to propose the countries and themes of next year's country survey.",
        "Members are invited to propose the country and theme of next year's country survey.\n\n"
        "Please describe the state of the heritage concerned, the cooperation you have in mind and the partner "
        "institutions on site. Proposals are due at the end of next month and go to the secretariat.",
    ),
    (
        12,
        "news",
        "annual-symposium-registration-open",
        "年次シンポジウムの参加登録を開始しました",
        "今年のシンポジウムは「災害と文化遺産――復興の中で受け継ぐもの」をテーマに開催します。",
        "今年の年次シンポジウムは「災害と文化遺産――復興の中で受け継ぐもの」をテーマに開催します。"
        "国内外の専門家による講演とパネルディスカッションを予定しています。\n\n"
        "参加は無料です。イベントのページからお申し込みください。",
        "Registration for the annual symposium is open",
        "This year's symposium asks what is handed down when communities rebuild after disasters.",
        "This year's annual symposium, *Disasters and Cultural Heritage: What Recovery Hands Down*, brings together "
        "specialists from Japan and abroad for talks and a panel discussion.\n\n"
        "Attendance is free. Please register on the event's page.",
    ),
    (
        25,
        "report",
        "country-survey-report-published",
        "協力相手国調査報告書を公開しました",
        "中央アジアにおける文化遺産保護の体制と協力ニーズに関する調査報告書を公開しました。",
        "昨年度に実施した中央アジアの協力相手国調査の報告書を公開しました。\n\n"
        "報告書では、文化遺産の保護に関する法制度と行政組織、専門家の育成状況、博物館の収蔵品管理、"
        "そしてわが国に期待される協力の分野について整理しています。",
        "Country survey report published",
        "Our report on heritage protection and cooperation needs in Central Asia is now available.",
        "The report of last year's country survey in Central Asia is now available.\n\n"
        "It describes the laws and institutions that protect heritage, the training of specialists, the care of "
        "museum collections, and the fields in which cooperation from Japan is most sought.",
    ),
    (
        40,
        "event_report",
        "seminar-report-earthen-architecture",
        "研究会報告「土の建築の保存と地域の暮らし」",
        "西アジア・中央アジアの土の建築をめぐる研究会を開催し、約六十名が参加しました。",
        "西アジアと中央アジアに広がる日干しれんがの建築の保存をテーマに研究会を開催しました。\n\n"
        "現地で修復に携わる専門家から、伝統的な技術の継承と住民の暮らしとの両立について報告があり、"
        "会場からも活発な質問が寄せられました。",
        None,
        None,
        None,
    ),
    (
        55,
        "news",
        "new-members-joined",
        "新たに五つの機関が会員となりました",
        "大学、博物館、NPOなど五つの機関が新たに会員として加わりました。",
        "今期、大学、博物館、NPOなど五つの機関が新たに会員として加わりました。"
        "ネットワークの広がりにより、より多くの地域で協力の可能性が生まれています。",
        None,
        None,
        None,
    ),
    (
        70,
        "news",
        "emergency-information-earthquake",
        "地震で被災した文化遺産に関する情報共有について",
        "大規模な地震により被害を受けた文化遺産について、会員間での情報共有を開始しました。",
        "先般の大規模な地震により、被災地域の歴史的建造物や博物館に被害が生じています。\n\n"
        "コンソーシアムでは、会員の皆様がお持ちの現地情報を共有する窓口を事務局に設けました。"
        "被害の状況や支援の要請に関する情報をお寄せください。",
        "Sharing information on heritage damaged by the earthquake",
        "We have opened a channel for members to share information on heritage damaged by the recent earthquake.",
        "The recent major earthquake has damaged historic buildings and museums in the affected region.\n\n"
        "The secretariat has opened a channel for members to share what they know from the field. Please send us "
        "information on the damage and on requests for support.",
    ),
    (
        95,
        "report",
        "annual-activity-report",
        "年次活動報告書を公開しました",
        "昨年度のコンソーシアムの活動と会員による国際協力の概要をまとめました。",
        "昨年度のシンポジウム、研究会、協力相手国調査などの活動と、会員による国際協力事業の概要をまとめた"
        "年次活動報告書を公開しました。",
        "Annual activity report published",
        "A summary of the consortium's work and of members' cooperation projects last year.",
        "The annual activity report summarises last year's symposium, research seminars and country survey, and "
        "the international cooperation projects carried out by members.",
    ),
    (
        120,
        "call",
        "call-young-researchers-grant",
        "若手研究者の海外調査への助成に関するお知らせ",
        "関係財団による、若手研究者の海外調査を対象とした助成の公募情報をお知らせします。",
        "文化遺産の保護に関する若手研究者の海外調査を対象とした、関係財団の助成の公募が始まりました。"
        "詳細は各財団の募集要項をご確認ください。",
        None,
        None,
        None,
    ),
]

# The countries each article is about, by its address (ISO codes), for the country pages.
NEWS_COUNTRIES = {
    "country-survey-report-published": ["UZ", "KG", "TJ"],
    "seminar-report-earthen-architecture": ["IR", "UZ"],
}
