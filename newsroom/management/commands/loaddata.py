"""Django's loaddata, strict: each object is checked before it is saved, and any problem is one clear message.

Django already loads every fixture in one transaction, so a failure leaves the database as it was. This
adds the checks it skips (a missing slug, which is the natural key other fixtures merge on; a value outside
a field's choices or validators) and reports which file and which object, without a traceback.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError


class InvalidObject(ValueError):
    """An object the fixture describes but the model refuses; loaddata prefixes the file's name."""


MISSING_REFERENCE = "it refers by natural key to an object that is neither in the database nor in the fixture"


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        self.object_number = 0
        try:
            return super().handle(*fixture_labels, **options)
        except CommandError:
            raise
        except (DeserializationError, ObjectDoesNotExist) as error:
            raise CommandError(f"{self.describe(error)} Nothing was loaded.") from error
        except (ValidationError, DatabaseError, LookupError, ValueError, TypeError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            raise CommandError(f"{message} Nothing was loaded.") from error

    def describe(self, error):
        message = str(error).strip()
        cause = error.__cause__ or error.__context__
        if cause is not None and str(cause) not in message:
            message = f"{message} {type(cause).__name__}: {cause}".strip()  # e.g. the JSON parser's line and column
        if isinstance(error, ObjectDoesNotExist) or isinstance(cause, ObjectDoesNotExist):
            message = f"{message.rstrip('.')} ({MISSING_REFERENCE})"
        return message.rstrip(".") + "."

    def save_obj(self, obj):
        self.object_number += 1
        instance = obj.object
        relations = [f.name for f in instance._meta.get_fields() if f.is_relation]
        try:
            instance.clean_fields(exclude=relations)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(m.rstrip('.') for m in messages)}"
                for field, messages in error.message_dict.items()
            )
            raise InvalidObject(
                f"object {self.object_number} ({instance._meta.label}) is not valid: {problems}."
            ) from None
        return super().save_obj(obj)
