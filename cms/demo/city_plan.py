"""Turn the city plan's plain text (武政〔2017〕30号) into StreamField blocks with headings."""

import re
from html import escape
from pathlib import Path

PLAN_TEXT = Path(__file__).with_name("data") / "wuhan_ip_city_plan_2017.txt"

SECTION = re.compile(r"^[一二三四五六七八九十]+、")
SUBSECTION = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
ITEM = re.compile(r"^\d+[.．]\s*")
SENTENCE_END = ("。", "：", ":", "；")
ROSTER_TITLE = "领导小组组成人员名单"
BODY_START = "各区人民政府"
IMPRINT_START = "抄送"


def _is_heading(line: str) -> str | None:
    if SECTION.match(line):
        return "h2"
    if SUBSECTION.match(line) and len(line) <= 30 and "。" not in line:
        return "h3"
    return None


def plan_blocks(text: str | None = None) -> list[dict]:
    """Blocks of the plan's full text: section headings, paragraphs and the roster list."""
    text = text if text is not None else PLAN_TEXT.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = lines[next(i for i, line in enumerate(lines) if line.startswith(BODY_START)) :]
    blocks: list[dict] = []
    paragraphs: list[str] = []
    roster: list[str] | None = None

    def flush():
        for paragraph in paragraphs:
            blocks.append({"type": "paragraph", "value": f"<p>{escape(paragraph)}</p>"})
        paragraphs.clear()

    for line in lines:
        if ROSTER_TITLE in line:
            flush()
            blocks.append(
                {"type": "heading", "value": {"text": line.replace(" ", ""), "level": "h2"}}
            )
            roster = []
            continue
        if roster is not None and not line.startswith(IMPRINT_START):
            if " " in line.strip("- ") or line.startswith("-") or not roster:
                roster.append(line.lstrip("- ").strip())
            else:
                roster[-1] += line
            continue
        if roster is not None and line.startswith(IMPRINT_START):
            items = "".join(f"<li>{escape(member)}</li>" for member in roster)
            blocks.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
            roster = None
        level = _is_heading(line)
        if level:
            flush()
            blocks.append({"type": "heading", "value": {"text": line, "level": level}})
        elif line in ("武汉市推进国家知识产权强市创建工作方案", "(2017—2020年)"):
            flush()
            if line.startswith("武汉"):
                blocks.append(
                    {"type": "heading", "value": {"text": line + "(2017—2020年)", "level": "h2"}}
                )
        elif (
            paragraphs
            and not paragraphs[-1].endswith(SENTENCE_END)
            and not ITEM.match(line)
            and not line.endswith("印发")
        ):
            # The text was extracted from a paginated PDF: rejoin lines broken mid-sentence.
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    flush()
    return blocks
