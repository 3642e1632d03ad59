"""StreamField blocks shared by every page type: one vocabulary for all editors."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"), max_length=200)
    # The level is layout, not content: its label ("二级标题") must not reach search text.
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", _("二级标题")), ("h3", _("三级标题"))],
        default="h2",
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "cms/blocks/heading.html"
        preview_value = {"text": "一、总体目标", "level": "h2"}
        description = _("章节标题，用于分段和目录")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "ol", "ul", "link", "document-link"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("正文段落")
        template = "cms/blocks/paragraph.html"
        preview_value = "<p>知识产权保护力度不断加大，行政执法效能和市场监管水平明显提升。</p>"
        description = _("正文文字，可加粗、列表和链接")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    alt = blocks.CharBlock(label=_("替代文字"), max_length=250, required=False)
    caption = blocks.CharBlock(label=_("图注"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "cms/blocks/image.html"
        preview_value = {"alt": "", "caption": "武汉知识产权保护中心"}
        description = _("响应式图片，附替代文字和图注")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(label=_("显示名称"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("附件下载")
        template = "cms/blocks/document.html"
        preview_value = {"title": "政策全文（PDF）"}
        description = _("PDF 或 Word 附件")


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("内容"), features=["bold", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("提示框")
        template = "cms/blocks/callout.html"
        preview_value = {
            "title": "办事提示",
            "text": "<p>专利侵权纠纷请拨打 12330，商标侵权请拨打 12315。</p>",
        }
        description = _("醒目的提示或要点")


class KeyFigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("指标"), max_length=100)
    value = blocks.CharBlock(label=_("数值"), max_length=40)
    unit = blocks.CharBlock(label=_("单位"), max_length=20, required=False)

    class Meta:
        icon = "order"
        label = _("关键数据")
        template = "cms/blocks/key_figure.html"
        preview_value = {"label": "发明专利授权量", "value": "12000", "unit": "件"}
        description = _("一个醒目的数字指标")


class TableContentBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("表格")
        template = "cms/blocks/table.html"
        preview_value = {
            "first_row_is_table_header": True,
            "data": [["指标", "2020年目标"], ["发明专利申请量", "32000件"]],
        }
        description = _("带表头的数据表")


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("链接文字"), max_length=100)
    url = blocks.URLBlock(label=_("网址"))

    class Meta:
        icon = "link"
        label = _("外部链接")
        template = "cms/blocks/link.html"
        preview_value = {"text": "国家知识产权局", "url": "https://www.cnipa.gov.cn/"}
        description = _("指向其他网站的链接按钮")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    key_figure = KeyFigureBlock()
    table = TableContentBlock()
    link = LinkBlock()

    class Meta:
        template = "cms/blocks/body.html"
