"""The documents of a mediation, drawn with reportlab on A4 in Chinese (the built-in CID font
STSong-Light, so no font file is needed). `invariant=1` keeps the bytes stable for the same
content, so a document's SHA-256 identifies its content."""

import io
import math
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from complaints.models import IdType, mask_name
from complaints.templatetags.dashboard_tags import EVENT_LABELS

FONT = "STSong-Light"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _styles():
    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=11.5, leading=19, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=6
        ),
        "sub": ParagraphStyle("sub", parent=body, alignment=TA_CENTER, fontSize=10.5),
        "h": ParagraphStyle("h", parent=body, fontSize=13, leading=22, spaceBefore=8),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9.5, leading=15),
    }


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def day(value) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if hasattr(value, "hour") else value
    return f"{local.year}年{local.month}月{local.day}日"


def _build(story, title: str) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        title=title,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
    )
    doc.build(story)
    return buffer.getvalue()


class Seal(Flowable):
    """The bureau's seal: a red circle, a star, the bureau's name along the upper arc, and
    调解专用章 under the star."""

    def __init__(self, bureau_name: str, size: float = 42 * mm):
        super().__init__()
        self.bureau_name, self.size = bureau_name, size
        self.width = self.height = size

    def draw(self):
        c, r = self.canv, self.size / 2
        c.saveState()
        c.translate(r, r)
        c.setStrokeColor(colors.red)
        c.setFillColor(colors.red)
        c.setLineWidth(2.2)
        c.circle(0, 0, r - 1.5, stroke=1, fill=0)
        _star(c, 0, 0, r * 0.28)
        name = self.bureau_name
        font_size = min(11, max(6, 230 / max(len(name), 1) / 2.2))
        c.setFont(_font(), font_size)
        span = math.radians(min(250, 22 * len(name)))
        radius = r - 4 - font_size
        for index, char in enumerate(name):
            step = span / max(len(name) - 1, 1)
            angle = math.pi / 2 + span / 2 - index * step
            c.saveState()
            c.translate(radius * math.cos(angle), radius * math.sin(angle))
            c.rotate(math.degrees(angle) - 90)
            c.drawCentredString(0, 0, char)
            c.restoreState()
        c.setFont(_font(), 8)
        c.drawCentredString(0, -r * 0.55, "调解专用章")
        c.restoreState()


def _star(c, x, y, radius):
    points = []
    for i in range(10):
        length = radius if i % 2 == 0 else radius * 0.4
        angle = math.pi / 2 + i * math.pi / 5
        points.append((x + length * math.cos(angle), y + length * math.sin(angle)))
    path = c.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _id_label(id_type: str) -> str:
    try:
        return str(IdType(id_type).label)
    except ValueError:
        return id_type


def complainant_lines(agreement, *, masked: bool) -> list[str]:
    if masked:
        return [f"申请人（投诉人）：{mask_name(agreement.complainant_name)}"]
    lines = [f"申请人（投诉人）：{agreement.complainant_name}"]
    if agreement.complainant_id_number:
        label = _id_label(agreement.complainant_id_type) or "证件号码"
        lines.append(f"{label}：{agreement.complainant_id_number}")
    if agreement.complainant_address:
        lines.append(f"地址：{agreement.complainant_address}")
    return lines


def respondent_lines(agreement) -> list[str]:
    lines = [f"被申请人（被投诉人）：{agreement.respondent_name}"]
    if agreement.respondent_credit_code:
        lines.append(f"统一社会信用代码：{agreement.respondent_credit_code}")
    if agreement.respondent_address:
        lines.append(f"地址：{agreement.respondent_address}")
    return lines


def _mediator(agreement) -> str:
    user = agreement.mediator
    return user.get_full_name() or user.get_username()


def _confirmation(agreement, party: str) -> str:
    when = agreement.confirmed_at(party)
    return f"已于{day(when)}确认" if when else "待确认"


def agreement_pdf(agreement, *, masked: bool = False, sealed: bool | None = None) -> bytes:
    """The agreement (调解协议书). `masked`: the respondent's copy (the complainant's name masked,
    no identity number or address). The seal block is drawn once the agreement is sealed."""
    s = _styles()
    case = agreement.complaint
    sealed = agreement.is_sealed if sealed is None else sealed
    story = [
        _p("调解协议书", s["title"]),
        _p(f"案件编号：{case.tracking_number}　协议版本：第{agreement.version}版", s["sub"]),
        Spacer(1, 6 * mm),
    ]
    for line in complainant_lines(agreement, masked=masked):
        story.append(_p(line, s["body"]))
    story.append(Spacer(1, 2 * mm))
    for line in respondent_lines(agreement):
        story.append(_p(line, s["body"]))
    story += [
        Spacer(1, 2 * mm),
        _p(f"调解单位：{agreement.bureau.name}", s["body"]),
        _p(f"调解员：{_mediator(agreement)}", s["body"]),
        _p(
            f"双方当事人就{case.category.name}纠纷（案件编号 {case.tracking_number}），"
            f"经{agreement.bureau.name}主持调解，在自愿、合法的基础上达成如下协议：",
            s["h"],
        ),
        _p(agreement.terms, s["body"]),
        Spacer(1, 3 * mm),
        _p(
            "本协议经双方当事人确认并由调解单位盖章后生效，双方应当按照约定履行。"
            "双方当事人可以自本协议生效之日起三十日内，共同向有管辖权的人民法院申请司法确认。",
            s["body"],
        ),
        Spacer(1, 3 * mm),
        _p(f"拟定日期：{day(agreement.drafted_at)}", s["body"]),
        _p(f"申请人确认：{_confirmation(agreement, 'complainant')}", s["body"]),
        _p(f"被申请人确认：{_confirmation(agreement, 'respondent')}", s["body"]),
    ]
    if sealed and agreement.sealed_at:
        story += [
            Spacer(1, 6 * mm),
            Seal(agreement.bureau.name),
            _p(f"调解单位（盖章）：{agreement.bureau.name}", s["body"]),
            _p(f"盖章日期：{day(agreement.sealed_at)}", s["body"]),
            _p(f"文件校验码（SHA-256）：{agreement.confirmed_sha256[:16]}", s["small"]),
        ]
    if masked:
        story += [
            Spacer(1, 4 * mm),
            _p("（被申请人副本：依法保护个人信息，申请人姓名已部分隐去。）", s["small"]),
        ]
    return _build(story, "调解协议书")


def application_pdf(agreement, court_name: str, deadline) -> bytes:
    """司法确认申请书: the joint application, pre-filled with the parties and the terms."""
    s = _styles()
    case = agreement.complaint
    story = [_p("司法确认申请书", s["title"]), Spacer(1, 6 * mm)]
    for line in complainant_lines(agreement, masked=False):
        story.append(_p(line, s["body"]))
    story.append(Spacer(1, 2 * mm))
    for line in respondent_lines(agreement):
        story.append(_p(line, s["body"]))
    story += [
        _p("请求事项", s["h"]),
        _p(
            f"请求人民法院确认申请人与被申请人于{day(agreement.sealed_at)}经"
            f"{agreement.bureau.name}主持调解达成的调解协议（案件编号 {case.tracking_number}，"
            f"第{agreement.version}版）有效。",
            s["body"],
        ),
        _p("事实和理由", s["h"]),
        _p(
            f"双方当事人因{case.category.name}纠纷，经{agreement.bureau.name}主持调解，"
            f"于{day(agreement.sealed_at)}达成调解协议，协议内容如下：",
            s["body"],
        ),
        _p(agreement.terms, s["body"]),
        _p(
            "双方当事人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；"
            "如因虚假调解损害他人合法权益，愿意承担相应的法律责任。",
            s["body"],
        ),
        _p(f"申请期限：{day(deadline)}前（调解协议生效之日起三十日内）", s["body"]),
        Spacer(1, 6 * mm),
        _p("此致", s["body"]),
        _p(court_name, s["body"]),
        Spacer(1, 10 * mm),
        _p("申请人（签名或盖章）：＿＿＿＿＿＿＿＿　　　年　　月　　日", s["body"]),
        Spacer(1, 4 * mm),
        _p("被申请人（签名或盖章）：＿＿＿＿＿＿＿＿　　　年　　月　　日", s["body"]),
    ]
    return _build(story, "司法确认申请书")


def summary_pdf(agreement, events, evidence) -> bytes:
    """A summary of the case for the court: facts, request, handling record, evidence."""
    s = _styles()
    case = agreement.complaint
    story = [
        _p("案件情况摘要", s["title"]),
        _p(f"案件编号：{case.tracking_number}", s["sub"]),
        Spacer(1, 5 * mm),
        _p(f"办理部门：{agreement.bureau.name}", s["body"]),
        _p(f"案件类别：{case.category.name}（{case.get_kind_display()}）", s["body"]),
        _p(f"提交日期：{day(case.submitted_at)}", s["body"]),
        _p(f"受理日期：{day(case.accepted_at) or '—'}", s["body"]),
    ]
    for line in complainant_lines(agreement, masked=False) + respondent_lines(agreement):
        story.append(_p(line, s["body"]))
    if case.ip_right_number:
        story.append(
            _p(f"权利：{case.get_ip_right_type_display()} {case.ip_right_number}", s["body"])
        )
    story += [
        _p("事实与理由", s["h"]),
        _p(case.facts, s["body"]),
        _p("请求事项", s["h"]),
        _p(case.request or "—", s["body"]),
        _p("办理经过", s["h"]),
    ]
    for event in events:
        note = f"：{event.public_note}" if event.public_note else ""
        action = EVENT_LABELS.get(event.action, event.action)
        story.append(_p(f"{day(event.created_at)} {action}{note}", s["small"]))
    story.append(_p("证据材料", s["h"]))
    for item in evidence:
        story.append(
            _p(f"{item.original_name}（SHA-256 {item.original_sha256 or item.sha256}）", s["small"])
        )
    if not evidence:
        story.append(_p("无", s["small"]))
    return _build(story, "案件情况摘要")
