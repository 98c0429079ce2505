"""What a staff member is told about stories, on their desk and by email, and what they chose to be told."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .stories import Article


class Notification(models.Model):
    """One thing someone was told; unread until they open it from their desk."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    text = models.TextField()
    at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-at"], name="notification_unread")]

    def __str__(self):
        return self.text[:80]


class NotificationSetting(models.Model):
    """A user's choice for one kind of notification; without a row they get it both ways."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    by_email = models.BooleanField(default=True)
    on_desk = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_setting_one_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.kind}"
