"""The outreach pages as a fresh portal shows them, in Japanese and English."""

PAGES = [
    {
        "slug": "about",
        "title_ja": "コンソーシアムについて",
        "title_en": "About the consortium",
        "summary_ja": "海外の文化遺産の保護に携わる機関と専門家をつなぐ全国的なネットワークです。",
        "summary_en": "A national network linking the institutions and specialists who protect heritage abroad.",
        "body_ja": """\
文化遺産国際協力コンソーシアムは、2006年に施行された「海外の文化遺産の保護に係る国際的な協力の推進に関する法律」を受けて設立された、わが国の文化遺産国際協力の担い手を結ぶネットワークです。

大学、研究機関、国や地方の行政機関、国際協力機関、NGO・NPO、財団、そして個人の研究者が会員として参加し、それぞれが持つ知識と経験を、支援を必要とする海外の現場へ届けることを目指しています。

## 私たちが取り組む課題

世界各地の文化遺産は、武力紛争、地震や洪水などの自然災害、気候変動、急速な開発、盗掘や不法取引といった多くの脅威にさらされています。一つの機関だけでは対応できない課題に対し、分野や組織の垣根を越えて協力する場をつくることが、コンソーシアムの役割です。

## 運営

コンソーシアムは、運営委員会と地域別・テーマ別の分科会を中心に活動しています。事務局は会員からの相談を受け付け、情報の収集と発信、会合の開催を担っています。
""",
        "body_en": """\
The Consortium for International Cooperation in Cultural Heritage is the network that links the people and
institutions in Japan who work to protect cultural heritage abroad. It was founded in 2006, following the Act on
the Promotion of International Cooperation for Protection of Cultural Heritage Abroad.

Universities, research institutes, national and local public bodies, cooperation agencies, NGOs, foundations and
individual researchers take part as members. Together they aim to bring their knowledge and experience to the
places abroad that need them.

## The problem we work on

Cultural heritage around the world faces armed conflict, earthquakes and floods, climate change, rapid
development, looting and illicit trafficking. No single institution can answer all of these. The consortium
exists so that people can work together across disciplines and organisations.

## How it is run

The consortium works through a steering committee and regional and thematic sub-committees. The secretariat
answers members' enquiries, gathers and shares information, and organises meetings.
""",
    },
    {
        "slug": "mission",
        "title_ja": "使命と四つの柱",
        "title_en": "Our mission: four pillars",
        "summary_ja": "つなぐ、調べる、集める、伝える。コンソーシアムの活動を支える四つの柱です。",
        "summary_en": "Connect, study, collect, communicate: the four pillars of the consortium's work.",
        "body_ja": """\
コンソーシアムは、海外の文化遺産の保護に関する国際協力を、効果的かつ持続的に進めることを使命としています。その活動は次の四つの柱に支えられています。

### 1. つなぐ

会員である機関と専門家のネットワークをつくり、地域別の分科会を通じて、同じ地域や課題に取り組む人々が互いに出会い、協力できるようにします。

### 2. 調べる

国ごとの協力ニーズを把握するための現地調査を行い、会員の活動に関する報告とともに、誰もが読める形で公開します。

### 3. 集める

長年にわたる海外での活動の中で蓄積された、専門家、国際協力事業、文化遺産に関する情報をデータベースとして整備し、会員に提供します。

### 4. 伝える

シンポジウムや研究会、ニュースを通じて、国際協力が生み出した成果を、一般の方々や協力を支える関係者へ伝えます。
""",
        "body_en": """\
The consortium's mission is to make international cooperation for cultural heritage abroad effective and
lasting. Its work rests on four pillars.

### 1. Connect

We build a network of member organisations and specialists. Through the regional sub-committees, people working
on the same places and problems find each other and work together.

### 2. Study

We carry out surveys of cooperation needs country by country, and publish them, together with reports on
members' activities, for everyone to read.

### 3. Collect

We keep a database of experts, international cooperation projects and heritage sites, built up over many years of
work abroad, and make it available to members.

### 4. Communicate

Through symposia, research seminars and news, we share what international cooperation achieves with the public
and with those who support it.
""",
    },
    {
        "slug": "what-we-do",
        "title_ja": "主な活動",
        "title_en": "What we do",
        "summary_ja": "シンポジウム、研究会、協力相手国調査、データベースの運営など。",
        "summary_en": "Symposia, research seminars, country surveys, the database and more.",
        "body_ja": """\
## シンポジウム

毎年、文化遺産国際協力の現状と課題をテーマにシンポジウムを開催しています。国内外の専門家を招き、一般の方にも広く参加いただいています。

## 研究会

会員を対象に、特定の地域やテーマに焦点を当てた研究会を年に数回開催しています。現場からの報告を共有し、協力の進め方について議論します。

## 協力相手国調査

文化遺産保護の体制や協力のニーズを把握するため、専門家を派遣して現地調査を行い、その結果を報告書として公開しています。

## 緊急時の情報共有

大規模な災害や紛争により文化遺産が被害を受けた際には、会員間で迅速に情報を共有し、支援の可能性を検討します。

## データベース

専門家、国際協力事業、文化遺産の情報を集めたデータベースを会員向けに提供しています。
""",
        "body_en": """\
## Symposia

Every year we hold a symposium on the state of international cooperation for cultural heritage and the questions
it faces. Speakers come from Japan and abroad, and the public is welcome.

## Research seminars

Several times a year, members meet in research seminars on a region or a theme, share reports from the field and
discuss how cooperation should be carried out.

## Country surveys

We send specialists to survey how heritage is protected in partner countries and where cooperation is needed,
and publish the results as reports.

## Sharing information in emergencies

When disasters or conflicts damage cultural heritage, members share information quickly and consider what
support can be offered.

## The database

Members can search our database of experts, international cooperation projects and heritage sites.
""",
    },
    {
        "slug": "sub-committees",
        "title_ja": "分科会",
        "title_en": "Sub-committees",
        "summary_ja": "地域ごとに専門家が集まり、情報交換と協力の検討を行う場です。",
        "summary_en": "Where specialists working on one region meet, share information and plan cooperation.",
        "body_ja": """\
コンソーシアムには地域別の分科会が置かれ、それぞれの地域で活動する会員が集まっています。

- 東南アジア分科会
- 南アジア分科会
- 西アジア分科会
- 中央アジア分科会
- 欧州分科会
- アフリカ分科会
- 中南米分科会

各分科会は定期的に会合を開き、現地の状況や進行中の事業について情報を交換するとともに、協力相手国調査の対象や研究会のテーマを検討しています。会員はマイページから参加を希望する分科会を選ぶことができます。
""",
        "body_en": """\
The consortium has regional sub-committees that bring together the members working in each part of the world.

- Southeast Asia
- South Asia
- West Asia
- Central Asia
- Europe
- Africa
- Latin America and the Caribbean

Each sub-committee meets regularly to exchange news from the field and about projects under way, and proposes
the countries to survey and the themes of research seminars. Members choose the sub-committees they wish to join
from their own page.
""",
    },
    {
        "slug": "join",
        "title_ja": "入会のご案内",
        "title_en": "How to join",
        "summary_ja": "文化遺産国際協力に携わる機関と個人の方の入会をお待ちしています。",
        "summary_en": "Organisations and individuals engaged in heritage cooperation are welcome to join.",
        "body_ja": """\
コンソーシアムは、海外の文化遺産の保護に関する国際協力に携わる、または関心を持つ機関と個人の方の入会を歓迎しています。

## 会員になると

- 専門家、国際協力事業、文化遺産のデータベースを検索できます。
- 分科会や会員向け研究会に参加できます。
- メールニュースで、公募情報や会合のお知らせを受け取れます。

## 入会の手続き

1. このサイトでアカウントを作成し、メールアドレスを確認してください。
2. 入会申込書に、所属と活動内容をご記入ください。
3. 事務局で内容を確認し、結果をメールでお知らせします。

入会金・年会費は不要です。ご不明な点は事務局までお問い合わせください。
""",
        "body_en": """\
The consortium welcomes organisations and individuals who work in, or care about, international cooperation for
the protection of cultural heritage abroad.

## As a member you can

- search the database of experts, cooperation projects and heritage sites;
- take part in the sub-committees and the members' research seminars;
- receive the e-mail news, with calls for proposals and announcements of meetings.

## How to apply

1. Create an account on this site and confirm your e-mail address.
2. Fill in the membership application with your affiliation and your work.
3. The secretariat reviews it and tells you the result by e-mail.

Membership is free of charge. The secretariat will be glad to answer any questions.
""",
    },
]
