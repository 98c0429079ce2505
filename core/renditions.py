"""When renditions are made and deleted: hooks on the models holding images, and the background tasks they queue.

A new upload loses its private metadata before it is stored (core/images.py); once the save commits, a task cuts
its renditions and records their version on the row. An image replaced, cleared or deleted with its row has its
old renditions deleted by another task, after the commit. Everything goes through the field's storage.
"""

import logging

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal

from . import tasks
from .images import VERSION, rendition_names, renditions, without_private_metadata

logger = logging.getLogger(__name__)

# Sent once an image's renditions exist (sender: its model; instance, field): pages showing it may drop the original.
renditions_ready = Signal()


def register_renditions(model, field_name):
    """Strip every new upload of model.field_name of private metadata, then queue its renditions once the save
    commits; queue the deletion of the renditions of an image that is replaced, cleared or deleted (called from
    AppConfig.ready). model needs a <field_name>_renditions column."""
    flag = f"{field_name}_renditions"
    label = model._meta.label

    def clean(sender, instance, raw=False, update_fields=None, **kwargs):
        if raw or (update_fields is not None and field_name not in update_fields):
            return
        image = getattr(instance, field_name)
        if image and image._committed:
            return
        # A new upload, or none: the renditions of the image it replaces go (asked of the row for an upload, which
        # is rare; for no image only if this instance knows renditions were made, so plain saves cost no query).
        if instance.pk and (image or getattr(instance, flag)):
            old = model._base_manager.filter(pk=instance.pk).values_list(field_name, flat=True).first()
            if old and old != image.name:
                on_commit_delete(model, field_name, old)
        setattr(instance, flag, 0)
        if image:
            strip(instance, image)

    def strip(instance, image):
        try:
            cleaned = without_private_metadata(image.file)
        except OSError as error:  # the form refuses broken images; a file saved around it is stored as it came
            logger.warning("Metadata kept on %s %s (%s): %s", label, instance.pk, image.name, error)
            return
        if cleaned is not None:
            image.file = ContentFile(cleaned, name=image.name)

    def queue(sender, instance, raw=False, update_fields=None, **kwargs):
        image = getattr(instance, field_name)
        if raw or not image or getattr(instance, flag) == VERSION:
            return
        if update_fields is not None and field_name not in update_fields:
            return
        tasks.enqueue(make_renditions, model=label, pk=instance.pk, field=field_name, name=image.name)

    def deleted(sender, instance, **kwargs):
        image = getattr(instance, field_name)
        if image:
            on_commit_delete(model, field_name, image.name)

    uid = f"{label}:{field_name}"
    pre_save.connect(clean, sender=model, weak=False, dispatch_uid=f"image-metadata:{uid}")
    post_save.connect(queue, sender=model, weak=False, dispatch_uid=f"renditions:{uid}")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"renditions-deleted:{uid}")


def on_commit_delete(model, field_name, name):
    tasks.enqueue(delete_renditions, model=model._meta.label, field=field_name, name=name)


def _field(model, field):
    return apps.get_model(model)._meta.get_field(field)


@tasks.background
def make_renditions(*, model, pk, field, name):
    """Cut the renditions of the image stored as name, then record them on the row if it still shows that image
    (replaced meanwhile: what was made is deleted again)."""
    image_field = _field(model, field)
    image = image_field.attr_class(None, image_field, name)
    try:
        for rendition in renditions(image):
            rendition.generate()  # a no-op for a file already there (a retried task)
    except OSError as error:  # Pillow's UnidentifiedImageError included: retrying will not mend the file
        logger.warning("No renditions for %s %s (%s): %s", model, pk, name, error)
        return "unreadable"
    Model = image_field.model
    with transaction.atomic():
        instance = Model._base_manager.select_for_update().filter(pk=pk, **{field: name}).first()
        if instance is not None:
            # No save(): the row's updated_at stays, so an editor's open form is not taken for stale.
            Model._base_manager.filter(pk=pk).update(**{f"{field}_renditions": VERSION})
            setattr(instance, f"{field}_renditions", VERSION)
    if instance is None:  # replaced or deleted while they were being cut
        _delete(image_field.storage, name)
        return "replaced"
    renditions_ready.send(sender=Model, instance=instance, field=field)
    return "made"


@tasks.background
def delete_renditions(*, model, field, name):
    _delete(_field(model, field).storage, name)


def _delete(storage, name):
    for rendition in rendition_names(name):
        storage.delete(rendition)  # nothing to do for one never made
