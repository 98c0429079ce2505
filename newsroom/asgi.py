import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_asgi_application()

from core.serving import tune_garbage_collection  # noqa: E402  (needs the apps loaded)

tune_garbage_collection()
