"""Staff workbench: reply templates per action (was: per target status), English titles;
staff attachments (who attached them, and whether the complainant may see them)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

STATUS_TO_ACTION = {
    "accepted": "accept",
    "not_accepted": "refuse",
    "awaiting_complainant": "request_info",
    "in_progress": "start",
    "resolved": "resolve",
    "closed": "close",
}


def status_to_action(apps, schema_editor):
    ResponseTemplate = apps.get_model("complaints", "ResponseTemplate")
    for status, action in STATUS_TO_ACTION.items():
        ResponseTemplate.objects.filter(status=status).update(action=action)
    # A template for a status no action leads to (submitted, withdrawn) has no use: kept off.
    ResponseTemplate.objects.filter(action="").update(action="accept", is_active=False)


def action_to_status(apps, schema_editor):
    ResponseTemplate = apps.get_model("complaints", "ResponseTemplate")
    for status, action in STATUS_TO_ACTION.items():
        ResponseTemplate.objects.filter(action=action).update(status=status)
    ResponseTemplate.objects.filter(action="transfer").update(status="in_progress")


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0010_saved_searches"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="responsetemplate",
            name="action",
            field=models.CharField(
                choices=[
                    ("accept", "受理"),
                    ("refuse", "不予受理"),
                    ("request_info", "要求补充材料"),
                    ("start", "开始办理"),
                    ("resolve", "办结"),
                    ("close", "结案"),
                    ("transfer", "移送其他部门"),
                ],
                default="",
                max_length=24,
                verbose_name="适用操作",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="responsetemplate",
            name="status",
            field=models.CharField(blank=True, max_length=24),
        ),
        migrations.RunPython(status_to_action, action_to_status),
        migrations.RemoveField(model_name="responsetemplate", name="status"),
        migrations.AddField(
            model_name="responsetemplate",
            name="title_en",
            field=models.CharField(
                blank=True,
                help_text="英文界面中工作人员选择模板时看到的名称；正文始终以中文告知投诉人。",
                max_length=150,
                verbose_name="英文标题",
            ),
        ),
        migrations.AlterField(
            model_name="responsetemplate",
            name="text",
            field=models.TextField(
                help_text=(
                    "投诉人可见并短信告知，也对公众公开。可用占位符：{受理编号}、{办理期限}、{办理部门}。"
                ),
                verbose_name="公开说明内容",
            ),
        ),
        migrations.AlterModelOptions(
            name="responsetemplate",
            options={
                "ordering": ["action", "category_id", "title"],
                "verbose_name": "答复模板",
                "verbose_name_plural": "答复模板",
            },
        ),
        migrations.AddIndex(
            model_name="responsetemplate",
            index=models.Index(fields=["action", "category"], name="template_action_category"),
        ),
        migrations.AddField(
            model_name="evidence",
            name="audience",
            field=models.CharField(
                choices=[("staff", "仅办案工作人员"), ("complainant", "投诉人也可查看")],
                default="staff",
                max_length=12,
                verbose_name="可见范围",
            ),
        ),
        migrations.AddField(
            model_name="evidence",
            name="uploader",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="上传人",
            ),
        ),
    ]
