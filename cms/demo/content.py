"""Demo page content (Chinese originals; a few English titles). Figures marked as demo data."""

from datetime import date

P = "<p>{}</p>".format


def para(*texts):
    return [{"type": "paragraph", "value": P(text)} for text in texts]


def heading(text, level="h2"):
    return [{"type": "heading", "value": {"text": text, "level": level}}]


INDEXES = [
    # slug, model name, title, English title, English intro, intro
    (
        "policies",
        "PolicyIndexPage",
        "政策法规",
        "Policies and regulations",
        "IP laws, regulations and policies: national, Hubei, Wuhan and district level.",
        "国家、湖北省、武汉市及各区知识产权法律法规和政策文件。",
    ),
    (
        "guides",
        "GuideIndexPage",
        "培训指南",
        "Training guides",
        "IP training and how-to guides for companies, universities, agencies and the public.",
        "面向企业、高校院所、代理机构和社会公众的知识产权培训与办事指南。",
    ),
    (
        "top-ten",
        "TopTenIndexPage",
        "十大案件",
        "Top ten cases",
        "The top ten IP cases in Wuhan, published every year.",
        "每年发布的武汉地区知识产权十大案件。",
    ),
    (
        "white-papers",
        "WhitePaperIndexPage",
        "白皮书",
        "White papers",
        "The annual report on the state of intellectual property in Wuhan.",
        "年度《武汉知识产权发展状况》白皮书。",
    ),
    (
        "news",
        "NewsIndexPage",
        "新闻动态",
        "News and notices",
        "News and official notices on IP work in Wuhan.",
        "知识产权工作新闻动态与通知公告。",
    ),
    (
        "overseas",
        "OverseasIndexPage",
        "海外信息",
        "Overseas IP information",
        "The IP environment in major countries and regions, to help companies going abroad.",
        "主要国家和地区的知识产权环境信息，帮助企业“走出去”防范风险。",
    ),
    (
        "directory",
        "DirectoryPage",
        "服务机构名录",
        "Service directory",
        "City and district offices that accept IP complaints, with addresses and phones.",
        "市、区两级知识产权投诉举报受理机构、地址和联系电话。",
    ),
]

CITY_PLAN = {
    "slug": "wuhan-ip-city-plan-2017-2020",
    "title": "市人民政府关于印发武汉市推进国家知识产权强市创建工作方案(2017—2020年)的通知",
    "english_title": "Wuhan plan for building a national IP-strong city (2017–2020)",
    "document_number": "武政〔2017〕30号",
    "issuer": "武汉市人民政府",
    "issue_date": date(2017, 11, 1),
    "effective_date": date(2017, 11, 1),
    "level": "municipal",
    "featured": True,
    "summary": "到2020年把武汉建设成为全国一流的知识产权强市：依托12330、12315、12390"
    "投诉服务平台构建维权服务网络，侵权纠纷案件按期结案率达到98%以上。",
    "tags": ["强市建设", "行政执法", "专利", "商标", "版权"],
}

POLICIES = [
    (
        "patent-law-2020",
        "中华人民共和国专利法（2020年修正）",
        "主席令第五十五号",
        "全国人民代表大会常务委员会",
        date(2020, 10, 17),
        date(2021, 6, 1),
        "national",
        "in_force",
        ["专利"],
        "规定专利权的授予条件、保护范围和侵权责任，引入惩罚性赔偿。",
    ),
    (
        "trademark-law-2019",
        "中华人民共和国商标法（2019年修正）",
        "主席令第二十九号",
        "全国人民代表大会常务委员会",
        date(2019, 4, 23),
        date(2019, 11, 1),
        "national",
        "in_force",
        ["商标"],
        "规范商标注册和使用，加大恶意注册和侵权行为的惩处力度。",
    ),
    (
        "copyright-law-2020",
        "中华人民共和国著作权法（2020年修正）",
        "主席令第六十二号",
        "全国人民代表大会常务委员会",
        date(2020, 11, 11),
        date(2021, 6, 1),
        "national",
        "in_force",
        ["版权"],
        "保护作者的著作权及相关权益，明确视听作品等新类型作品的保护。",
    ),
    (
        "state-council-ip-power-2015",
        "国务院关于新形势下加快知识产权强国建设的若干意见",
        "国发〔2015〕71号",
        "国务院",
        date(2015, 12, 18),
        None,
        "national",
        "in_force",
        ["强市建设"],
        "提出推进知识产权管理体制机制改革、实行严格的知识产权保护等重点任务。",
    ),
    (
        "patent-enforcement-measures",
        "专利行政执法办法",
        "国家知识产权局令第71号",
        "国家知识产权局",
        date(2015, 5, 29),
        date(2015, 7, 1),
        "national",
        "in_force",
        ["专利", "行政执法"],
        "规定专利侵权纠纷处理、假冒专利查处的程序和期限。",
    ),
    (
        "hubei-ip-province-2016",
        "省人民政府关于加快知识产权强省建设的意见",
        "鄂政发〔2016〕24号",
        "湖北省人民政府",
        date(2016, 5, 10),
        None,
        "provincial",
        "in_force",
        ["强市建设"],
        "部署湖北省知识产权强省建设的目标、任务和保障措施。",
    ),
    (
        "wuhan-patent-funding-2014",
        "武汉市专利资助管理办法（2014年）",
        "",
        "武汉市知识产权局",
        date(2014, 3, 1),
        date(2014, 3, 1),
        "municipal",
        "repealed",
        ["专利", "资金资助"],
        "对专利申请和授权给予资助的原办法，已被新办法替代。",
    ),
    (
        "wuhan-ip-funding-2022",
        "武汉市知识产权专项资金管理办法",
        "",
        "武汉市市场监督管理局",
        date(2022, 6, 15),
        date(2022, 7, 1),
        "municipal",
        "in_force",
        ["资金资助", "专利", "商标"],
        "规范知识产权创造、运用、保护和服务项目的专项资金使用。",
    ),
    (
        "east-lake-ip-support",
        "东湖高新区促进知识产权高质量发展若干措施",
        "",
        "武汉东湖新技术开发区管理委员会",
        date(2023, 3, 20),
        date(2023, 4, 1),
        "district",
        "in_force",
        ["资金资助", "专利"],
        "支持高价值专利培育、知识产权质押融资和海外维权。",
    ),
]
FEATURED = {"patent-enforcement-measures", "wuhan-ip-funding-2022", "east-lake-ip-support"}
REPLACEMENTS = {"wuhan-patent-funding-2014": "wuhan-ip-funding-2022"}

GUIDES = [
    (
        "enterprise-ip-management-course",
        "企业知识产权管理规范贯标培训班",
        "enterprise",
        "course",
        date(2026, 3, 18),
        "武汉市民之家三楼报告厅",
        "https://example.cn/register/ip-management",
        "",
        "027-85000000",
        "讲解《企业知识产权合规管理体系 要求》的贯标流程和审核要点。",
    ),
    (
        "patent-dispute-adjudication-guide",
        "专利侵权纠纷行政裁决办事指南",
        "public",
        "guide",
        date(2026, 1, 10),
        "",
        "",
        "",
        "12330",
        "请求条件、所需材料、办理流程和期限：立案5个工作日内决定是否受理。",
    ),
    (
        "overseas-dispute-video",
        "海外知识产权纠纷应对实务（视频课程）",
        "enterprise",
        "video",
        date(2025, 11, 6),
        "",
        "",
        "https://example.cn/videos/overseas-disputes",
        "027-85000001",
        "美国337调查、欧盟海关扣押等海外纠纷的应对要点。",
    ),
    (
        "enforcement-officer-training",
        "知识产权行政执法人员业务培训",
        "official",
        "course",
        date(2025, 9, 22),
        "武汉市市场监督管理局培训中心",
        "",
        "",
        "027-85000002",
        "商标侵权判断标准、电子证据固定和行政处罚文书制作。",
    ),
]

CASE_TYPES = [
    "patent",
    "trademark",
    "copyright",
    "unfair_competition",
    "trademark",
    "patent",
    "trade_secret",
    "copyright",
    "plant_variety",
    "trademark",
]
CASES = [
    (
        "光通信器件发明专利侵权纠纷行政裁决案",
        "武汉市市场监督管理局（知识产权局）",
        "武市监专裁〔2025〕3号",
    ),
    (
        "“周黑鸭”等注册商标专用权被侵犯系列案",
        "武汉市江汉区市场监督管理局",
        "江市监处罚〔2025〕112号",
    ),
    ("网络游戏私服侵犯著作权刑事案", "武汉市中级人民法院", "（2025）鄂01刑初58号"),
    ("仿冒知名热干面品牌包装装潢不正当竞争纠纷案", "武汉市中级人民法院", "（2025）鄂01民初1203号"),
    ("跨境电商平台销售假冒注册商标商品案", "武汉海关", "武关缉违字〔2025〕21号"),
    ("医疗器械实用新型专利侵权纠纷案", "武汉知识产权审判庭", "（2025）鄂01知民初417号"),
    ("芯片设计企业商业秘密侵权纠纷案", "湖北省高级人民法院", "（2025）鄂知民终88号"),
    ("短视频平台影视作品侵权纠纷案", "武汉东湖新技术开发区人民法院", "（2025）鄂0192民初3302号"),
    ("水稻新品种权侵权纠纷案", "武汉市中级人民法院", "（2025）鄂01知民初902号"),
    ("恶意抢注商标行政处罚案", "武汉市洪山区市场监督管理局", "洪市监处罚〔2025〕45号"),
]

WHITE_PAPER_FIGURES = [
    # label, value, previous, unit, in chart (demo figures, not official statistics)
    ("发明专利授权量", 31200, 28500, "件", True),
    ("PCT国际专利申请量", 2100, 1850, "件", True),
    ("有效注册商标量", 986000, 912000, "件", False),
    ("作品登记量", 152000, 138000, "件", False),
    ("知识产权质押融资额", 312.5, 268.0, "亿元", False),
    ("侵权纠纷案件按期结案率", 98.6, 98.2, "%", False),
]

NEWS = [
    (
        "notice-2026-funding-application",
        "notice",
        "关于申报2026年度知识产权专项资金项目的通知",
        date(2026, 11, 10),
        "武汉市市场监督管理局",
        "申报时间为2026年11月15日至12月15日，逾期不予受理。",
    ),
    (
        "notice-12330-service-hours",
        "notice",
        "12330知识产权维权援助热线服务时间调整的公告",
        date(2026, 10, 28),
        "武汉知识产权保护中心",
        "自11月1日起，热线人工服务时间调整为工作日8:30—17:30。",
    ),
    (
        "notice-double-random-2026",
        "notice",
        "2026年知识产权“双随机一公开”抽查结果公告",
        date(2026, 9, 30),
        "武汉市市场监督管理局",
        "本年度共随机抽取检查对象120家，抽查结果依法公示。",
    ),
    (
        "news-ip-week-2026",
        "news",
        "武汉市举办2026年知识产权宣传周活动",
        date(2026, 4, 26),
        "武汉知识产权保护中心",
        "宣传周期间发布十大案件和白皮书，开展进企业、进校园活动。",
    ),
    (
        "news-protection-center-fast-track",
        "news",
        "武汉知识产权保护中心专利快速预审服务扩展至新领域",
        date(2026, 6, 18),
        "武汉知识产权保护中心",
        "新增生物医药和新能源汽车领域快速预审服务。",
    ),
    (
        "news-online-complaint-platform",
        "news",
        "知识产权投诉举报网上平台上线运行",
        date(2026, 11, 20),
        "武汉市市场监督管理局",
        "市民可在线提交投诉、举报和维权援助申请，并凭查询码查询办理进度。",
    ),
]
ENGLISH_NEWS = {
    "news-online-complaint-platform": (
        "Online IP complaint and report platform launched",
        "Residents can now file complaints, reports and assistance requests online and track "
        "them with a tracking number and access code.",
    ),
}

OVERSEAS = [
    (
        "united-states",
        "美国知识产权环境概览",
        "美国",
        "americas",
        "美国专利商标局、337调查和诉讼中的证据开示程序是企业应重点关注的风险点。",
        [
            "专利实行先申请制，发明专利保护期为自申请日起20年。",
            "美国国际贸易委员会（ITC）337调查可能导致产品被禁止进口，应诉期限短。",
            "建议出口企业在进入市场前开展自由实施（FTO）分析。",
        ],
    ),
    (
        "european-union",
        "欧盟知识产权环境概览",
        "欧盟",
        "europe",
        "统一专利法院、欧盟商标和海关知识产权保护措施。",
        [
            "统一专利法院（UPC）自2023年起运行，一项判决可在多个成员国生效。",
            "欧盟商标一次注册即在全部成员国有效。",
            "展会期间的临时禁令较为常见，参展前应做好权利核查。",
        ],
    ),
    (
        "asean",
        "东盟国家知识产权环境概览",
        "东盟",
        "asia",
        "越南、泰国、印度尼西亚等国商标抢注风险较高，应尽早布局。",
        [
            "东盟各国的知识产权制度相互独立，需要分别申请保护。",
            "多数国家采用商标先申请原则，恶意抢注时有发生。",
            "可通过马德里体系在多数东盟国家申请商标国际注册。",
        ],
    ),
]

CITY_PLAN_ENGLISH = {
    "summary": "Make Wuhan a first-class IP-strong city by 2020: one complaint and "
    "rights-protection network over the 12330, 12315 and 12390 hotlines, and at least "
    "98% of infringement "
    "disputes closed on time.",
    "body": heading("About this translation")
    + para(
        'The legally binding text of this notice (<span lang="zh-Hans">武政〔2017〕30号</span>) '
        "is the Chinese original. "
        "This English page summarises its structure.",
    )
    + heading("Contents")
    + [
        {
            "type": "paragraph",
            "value": "<ul><li>1. Overall goals for IP creation, use, protection, management "
            "and services</li><li>2. Key tasks: five programmes (management innovation, "
            "stronger protection, use, creation, environment)</li><li>3. Safeguards: "
            "leadership group, performance review and funding</li></ul>",
        }
    ],
}

WHITE_PAPER_ENGLISH = {
    "summary": "The state of IP creation, use, protection, management and services in Wuhan "
    "(demo figures).",
    "labels": {
        "发明专利授权量": "Invention patents granted",
        "PCT国际专利申请量": "PCT international applications",
        "有效注册商标量": "Registered trademarks in force",
        "作品登记量": "Copyright registrations",
        "知识产权质押融资额": "IP-backed loans",
        "侵权纠纷案件按期结案率": "Infringement disputes closed on time",
    },
    "units": {"件": "", "亿元": "100 million yuan", "%": "%"},
}

TOP_TEN_ENGLISH = {
    "summary": "Typical cases on patents, trademarks, copyright, unfair competition, trade "
    "secrets and plant varieties.",
    "intro": "<p>Demo data; the parties' names are withheld.</p>",
}

# English versions shipped with the demo (the Chinese pages stay the originals).
ENGLISH_POLICIES = {
    "patent-law-2020": {
        "title": "Patent Law of the People's Republic of China (2020 amendment)",
        "document_number": "Presidential Order No. 55",
        "issuer": "Standing Committee of the National People's Congress",
        "summary": "Sets the conditions for granting patents, the scope of protection and the "
        "liability for infringement, and introduces punitive damages.",
        "body": heading("About this translation")
        + para(
            "The legally binding text is the Chinese original. This page summarises it.",
            "Key points: patents for inventions, utility models and designs; term of design "
            "patents extended to 15 years; punitive damages of one to five times for wilful "
            "infringement; statutory damages of up to 5 million yuan.",
        ),
    },
    "trademark-law-2019": {
        "title": "Trademark Law of the People's Republic of China (2019 amendment)",
        "document_number": "Presidential Order No. 29",
        "issuer": "Standing Committee of the National People's Congress",
        "summary": "Regulates the registration and use of trademarks and raises the penalties "
        "for bad-faith registration and infringement.",
        "body": heading("About this translation")
        + para(
            "The legally binding text is the Chinese original. This page summarises it.",
            "Key points: applications filed in bad faith and not intended for use are refused; "
            "punitive damages of one to five times for wilful infringement; counterfeit goods "
            "and the tools used to make them are destroyed.",
        ),
    },
}

ENGLISH_GUIDES = {
    "patent-dispute-adjudication-guide": {
        "title": "Administrative adjudication of patent infringement disputes: a guide",
        "summary": "Who may apply, the documents needed, the procedure and time limits: within "
        "5 working days of filing you are told whether the case is accepted.",
        "contact": "12330 (IP hotline)",
        "body": heading("Who may apply")
        + para("The patent holder or an interested party, against a named respondent in Wuhan.")
        + heading("What to bring")
        + para(
            "The request form, proof of identity, the patent certificate and a patent "
            "evaluation report where required, and evidence of the infringement."
        )
        + heading("Procedure")
        + para(
            "Filing, acceptance within 5 working days, a hearing or written procedure, "
            "and a decision, normally within 3 months of acceptance."
        ),
    },
    "enterprise-ip-management-course": {
        "title": "Training course: IP management standard for enterprises",
        "summary": "How to implement the standard for enterprise IP compliance management "
        "systems, and what the certification audit checks.",
        "location": "Lecture hall, 3rd floor, Wuhan Citizens' Home",
        "contact": "027-85000000",
        "body": para(
            "A one-day course for enterprise IP managers: setting up the management system, "
            "documenting procedures, internal audits and preparing for certification.",
            "The course is taught in Chinese.",
        ),
    },
}

CASE_TYPE_NAMES = {
    "patent": "patent",
    "trademark": "trademark",
    "copyright": "copyright",
    "unfair_competition": "unfair competition",
    "trade_secret": "trade secret",
    "plant_variety": "plant variety",
}

ENGLISH_CASES = [
    # title, authority (one per rank, in the order of CASES)
    (
        "Administrative adjudication of an invention patent dispute over optical "
        "communication devices",
        "Wuhan Administration for Market Regulation (IP Office)",
    ),
    (
        "Infringement of registered trademarks including Zhou Hei Ya",
        "Jianghan District Administration for Market Regulation, Wuhan",
    ),
    (
        "Criminal case of copyright infringement by private online game servers",
        "Wuhan Intermediate People's Court",
    ),
    (
        "Unfair competition by imitating the packaging of a well-known hot dry noodle brand",
        "Wuhan Intermediate People's Court",
    ),
    ("Counterfeit trademarked goods sold on a cross-border e-commerce platform", "Wuhan Customs"),
    ("Utility model patent infringement over a medical device", "Wuhan IP Tribunal"),
    ("Trade secret infringement at a chip design company", "Hubei High People's Court"),
    (
        "Infringement of film and TV works on a short-video platform",
        "People's Court of Wuhan East Lake High-Tech Development Zone",
    ),
    ("Infringement of a new rice variety right", "Wuhan Intermediate People's Court"),
    (
        "Administrative penalty for bad-faith trademark squatting",
        "Hongshan District Administration for Market Regulation, Wuhan",
    ),
]
