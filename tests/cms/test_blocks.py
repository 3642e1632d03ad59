"""Shared StreamField blocks: each has an icon, a template and a preview value that renders."""

import pytest

from cms.blocks import BodyBlock

pytestmark = pytest.mark.django_db

NEEDS_A_CHOSEN_OBJECT = {"image", "document"}


@pytest.mark.parametrize("name", list(BodyBlock.base_blocks))
def test_block_has_icon_template_and_preview(name):
    block = BodyBlock.base_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.template.startswith("cms/blocks/")
    assert block.get_preview_value() not in (None, "", {})
    if name not in NEEDS_A_CHOSEN_OBJECT:
        html = block.render(block.get_preview_value())
        assert html.strip()


def test_heading_levels_render_as_headings():
    block = BodyBlock.base_blocks["heading"]
    assert block.render(block.to_python({"text": "一、总体目标", "level": "h2"})).startswith("<h2")
    assert block.render(block.to_python({"text": "(一)", "level": "h3"})).startswith("<h3")


def test_table_block_marks_header_cells():
    block = BodyBlock.base_blocks["table"]
    html = block.render(block.get_preview_value())
    assert '<th scope="col">指标</th>' in html and "<td>32000件</td>" in html


def test_image_block_renders_a_responsive_srcset(tmp_path, settings):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = BytesIO()
    PillowImage.new("RGB", (1600, 900), "#0b4f8a").save(buffer, "PNG")
    image = Image.objects.create(title="中心", file=ImageFile(buffer, name="centre.png"))
    block = BodyBlock.base_blocks["image"]
    html = block.render(block.to_python({"image": image.pk, "alt": "保护中心", "caption": "图注"}))
    assert 'srcset="' in html and "sizes=" in html and 'alt="保护中心"' in html
    assert "<figcaption" in html
