"""bin/fill-translations: tables fill singular and plural entries; mistakes in a table are named."""

import importlib.machinery
import importlib.util
import json
from pathlib import Path

import pytest

polib = pytest.importorskip("polib")  # a dev dependency (requirements.lock)

SCRIPT = Path(__file__).resolve().parents[2] / "bin" / "fill-translations"

PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "提交"
msgstr ""

#, fuzzy
msgid "旧的说法"
msgstr "Old wording"

msgid "已有译文"
msgstr "Kept"

#, python-format
msgid "共 %(counter)s 件"
msgid_plural "共 %(counter)s 件"
msgstr[0] ""
msgstr[1] ""

#, python-format
msgid "%(n)s 天"
msgid_plural "%(n)s 天"
msgstr[0] ""
msgstr[1] ""
"""


def load_script():
    loader = importlib.machinery.SourceFileLoader("fill_translations", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def run(tmp_path, table: dict) -> tuple[int, polib.POFile]:
    po_path, tables = tmp_path / "django.po", tmp_path / "json"
    tables.mkdir()
    po_path.write_text(PO, encoding="utf-8")
    (tables / "area.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    module = load_script()
    argv = ["fill-translations", str(po_path), str(tables)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.argv", argv)
        status = module.main()
    return status, polib.pofile(str(po_path))


def test_singular_and_plural_entries_are_filled(tmp_path, capsys):
    status, po = run(
        tmp_path,
        {
            "提交": "Submit",
            "共 %(counter)s 件": ["%(counter)s document", "%(counter)s documents"],
            "%(n)s 天": "%(n)s day(s)",
        },
    )
    assert status == 0
    assert po.find("提交").msgstr == "Submit"
    assert po.find("已有译文").msgstr == "Kept"
    assert po.find("共 %(counter)s 件").msgstr_plural == {
        0: "%(counter)s document",
        1: "%(counter)s documents",
    }
    assert po.find("%(n)s 天").msgstr_plural == {0: "%(n)s day(s)", 1: "%(n)s day(s)"}
    fuzzy = po.find("旧的说法")
    assert fuzzy.msgstr == "" and "fuzzy" not in fuzzy.flags  # fuzzy is not a translation
    assert "1 untranslated: 旧的说法" in capsys.readouterr().out


def test_an_untranslated_plural_entry_is_reported(tmp_path, capsys):
    assert run(tmp_path, {})[0] == 0
    assert "共 %(counter)s 件" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"提交": ["Submit", "Submits"]}, "has no plural form"),
        ({"共 %(counter)s 件": ["%(counter)s document"]}, "give 2 plural forms"),
    ],
)
def test_a_wrong_table_value_fails_and_leaves_the_catalogue(tmp_path, capsys, table, message):
    status, po = run(tmp_path, table)
    assert status == 1
    assert message in capsys.readouterr().err
    assert po.find("提交").msgstr == ""
