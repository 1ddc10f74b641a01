"""Each coach's latest read of each item kept beside the audit log (``LastRead``), filled from
the reads the log already holds."""

import django.db.models.deletion
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Max


def from_the_log(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    AuditEntry = apps.get_model("coaching", "AuditEntry")
    LastRead = apps.get_model("coaching", "LastRead")
    latest = (
        AuditEntry.objects.filter(action="read", item_id__isnull=False)
        .values("actor", "candidate", "area", "item_id")
        .annotate(last=Max("at"))
    )
    LastRead.objects.bulk_create(
        LastRead(
            coach_id=row["actor"],
            candidate_id=row["candidate"],
            area=row["area"],
            item_id=row["item_id"],
            at=row["last"],
        )
        for row in latest.iterator()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('coaching', '0003_assignment'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LastRead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('area', models.CharField(choices=[('stories', 'Stories'), ('practice', 'Practice attempts'), ('rounds', 'Round plans and briefs'), ('fit', 'Fit scorecards')], max_length=16)),
                ('item_id', models.PositiveBigIntegerField()),
                ('at', models.DateTimeField()),
                ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='last_read_by', to=settings.AUTH_USER_MODEL)),
                ('coach', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='last_reads', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('coach', 'area', 'item_id'), name='one_last_read')],
            },
        ),
        migrations.RunPython(from_the_log, migrations.RunPython.noop),
    ]
