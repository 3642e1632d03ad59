"""Reply templates for every category and action (seed_demo): realistic public notes with the
placeholders {受理编号}, {办理期限} and {办理部门}. Idempotent: keyed by category, action, title."""

from complaints.models import Category, ResponseTemplate

# category code → (what is infringed, materials typically missing, how the case is checked)
SUBJECTS = {
    "patent-dispute": (
        "专利权",
        "专利证书、专利登记簿副本及侵权产品照片或购买凭证",
        "技术特征比对",
    ),
    "patent-passing-off": (
        "专利标识",
        "标注专利号的产品实物照片及购买凭证",
        "现场核查与专利状态查询",
    ),
    "ic-layout": ("集成电路布图设计专有权", "布图设计登记证书及被控芯片样品", "技术比对"),
    "trademark-infringement": ("注册商标专用权", "商标注册证及侵权商品照片或购买凭证", "现场检查"),
    "counterfeit-goods": (
        "注册商标专用权",
        "商标注册证及涉嫌假冒商品的购买凭证",
        "现场检查与权利人鉴定",
    ),
    "ecommerce-infringement": ("知识产权", "权利证明及网店链接、页面截图和订单记录", "平台协查"),
    "trade-secret": ("商业秘密", "商业秘密载体、保密措施证明及对方获取使用的线索", "调查取证"),
    "geo-indication": ("地理标志", "地理标志登记或注册证明及涉嫌产品照片", "现场检查"),
    "copyright-infringement": ("著作权", "作品登记证书或创作底稿及侵权复制品", "比对核查"),
    "online-piracy": ("信息网络传播权", "权利证明及侵权网址、页面截图或录屏", "网络取证"),
    "plant-variety": ("植物新品种权", "品种权证书及涉嫌侵权繁殖材料的来源线索", "田间或实验室鉴定"),
    "assistance": ("知识产权", "企业基本情况、权利证明及纠纷经过说明", "专家会商"),
    "overseas-assistance": (
        "海外知识产权",
        "境外诉讼或警告函材料、涉案权利及出口情况说明",
        "专家会商",
    ),
}

# action → (title, title_en, text); %(right)s, %(materials)s, %(check)s come from SUBJECTS.
ACTIONS = {
    "accept": (
        "受理告知",
        "Acceptance notice",
        "您提交的{受理编号}号%(kind)s已由{办理部门}受理，涉及%(right)s保护。我们将通过%(check)s"
        "等方式依法办理，本环节期限至{办理期限}。如有新的证据，请通过查询页面补充。",
    ),
    "refuse": (
        "不予受理告知",
        "Notice of non-acceptance",
        "经审查，您提交的{受理编号}号%(kind)s不符合受理条件，{办理部门}决定不予受理，理由见上。"
        "如涉及%(right)s的民事争议，您可以依法向人民法院起诉或申请仲裁。",
    ),
    "request_info": (
        "补充材料通知",
        "Request for materials",
        "为依法办理{受理编号}号案件，请您补充以下材料：%(materials)s。请在查询页面上传；"
        "补充期间办理期限暂停计算，收到材料后恢复。",
    ),
    "start": (
        "开始办理告知",
        "Handling started",
        "{办理部门}已开始办理{受理编号}号案件，将通过%(check)s核实情况，办理期限至{办理期限}。",
    ),
    "resolve": (
        "办理结果告知",
        "Outcome notice",
        "{受理编号}号案件已办理完毕。经%(check)s，{办理部门}依法作出处理，结果见上。"
        "如对办理结果有异议，可在办结后15日内通过查询页面申请重新办理。",
    ),
    "close": (
        "结案告知",
        "Closure notice",
        "{受理编号}号案件已结案。感谢您对%(right)s保护工作的支持，欢迎在查询页面评价本次办理。",
    ),
    "transfer": (
        "移送说明",
        "Transfer note",
        "因涉及%(right)s的案件管辖，{受理编号}号案件已移送，原有材料随案移交，您无需重复提交。",
    ),
}
KINDS = {"assistance": "维权援助申请", "overseas-assistance": "维权援助申请"}


def seed(stdout=None) -> int:
    """Create the missing templates; returns how many were created."""
    created = 0
    for category in Category.objects.filter(code__in=SUBJECTS):
        right, materials, check = SUBJECTS[category.code]
        words = {
            "right": right,
            "materials": materials,
            "check": check,
            "kind": KINDS.get(category.code, "投诉举报"),
        }
        for action, (title, title_en, text) in ACTIONS.items():
            _template, made = ResponseTemplate.objects.get_or_create(
                category=category,
                action=action,
                title=f"{category.name}·{title}",
                defaults={
                    "title_en": f"{category.name_en or category.name}: {title_en}",
                    "text": text % words,
                },
            )
            created += made
    if stdout is not None:
        stdout.write(f"  reply templates: {created} created")
    return created
