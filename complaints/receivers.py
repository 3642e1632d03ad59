"""Signal receivers of the complaints app (connected in ComplaintsConfig.ready)."""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from complaints.models import Bureau, WorkingDayOverride
from complaints.public import DIRECTORY_CACHE_KEY
from complaints.services import event_texts, workdays


@receiver([post_save, post_delete], sender=WorkingDayOverride)
def calendar_changed(**kwargs):
    workdays.invalidate_cache()


@receiver([post_save, post_delete], sender=Bureau)
@receiver(m2m_changed, sender=Bureau.channels.through)
def directory_changed(**kwargs):
    cache.delete_many([DIRECTORY_CACHE_KEY, event_texts.BUREAU_NAMES_CACHE_KEY])
