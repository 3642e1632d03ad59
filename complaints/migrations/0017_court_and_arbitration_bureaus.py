"""The court and the arbitration commission as bureaus: targets of a transfer (移送) and of the
judicial-confirmation packet of a mediation. They take no hotline and no routing rule, so
routing never sends a case to them; administrators edit them like any bureau."""

from django.db import migrations

BUREAUS = [
    # code, name, name_en, phone, address
    (
        "wh-court",
        "武汉市中级人民法院",
        "Wuhan Intermediate People's Court",
        "027-65691000",
        "武汉市江岸区沿江大道93号",
    ),
    (
        "wh-arbitration",
        "武汉仲裁委员会",
        "Wuhan Arbitration Commission",
        "027-85753120",
        "武汉市江汉区新华路",
    ),
]


def add_bureaus(apps, schema_editor):
    Bureau = apps.get_model("complaints", "Bureau")
    for code, name, name_en, phone, address in BUREAUS:
        Bureau.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "level": "city",
                "phone": phone,
                "address": address,
                "is_active": True,
            },
        )


def remove_bureaus(apps, schema_editor):
    Bureau = apps.get_model("complaints", "Bureau")
    Complaint = apps.get_model("complaints", "Complaint")
    for code, *_ in BUREAUS:
        if not Complaint.objects.filter(bureau__code=code).exists():
            Bureau.objects.filter(code=code).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0016_queue_due_indexes")]

    operations = [migrations.RunPython(add_bureaus, remove_bureaus)]
