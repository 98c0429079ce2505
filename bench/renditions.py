"""What an editor's save no longer waits for: CPU of cutting one uploaded image's renditions (the work the admin save
did before renditions moved to the task queue) against what the save still does with the upload (stripping private
metadata), in one run, through Django's InMemoryStorage.

    python bench/renditions.py [--width 3000 --height 2000 --n 3]

Queueing the task is one INSERT besides (not timed here).
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=3000)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--n", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings_test")
    import django

    django.setup()
    from django.core.files.storage import InMemoryStorage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from articles.models import Article
    from core.images import renditions, without_private_metadata

    field = Article._meta.get_field("lead_image")
    field.storage = InMemoryStorage()
    buffer = io.BytesIO()
    noise = Image.effect_noise((args.width, args.height), 60).convert("RGB")  # a photo-like image, not a flat one
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # private metadata to strip
    noise.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    data = buffer.getvalue()

    in_save, in_task = [], []
    for round_ in range(args.n):
        upload = SimpleUploadedFile(f"photo{round_}.jpg", data, content_type="image/jpeg")
        started = time.process_time()
        cleaned = without_private_metadata(upload)
        in_save.append(time.process_time() - started)
        name = field.storage.save(f"articles/photo{round_}.jpg", io.BytesIO(cleaned or data))
        image = field.attr_class(None, field, name)
        started = time.process_time()
        for rendition in renditions(image):
            rendition.generate()
        in_task.append(time.process_time() - started)
    save_ms, task_ms = min(in_save) * 1000, min(in_task) * 1000
    print(f"{args.width}x{args.height} JPEG, best of {args.n} (CPU, time.process_time):")
    print(f"  renditions (now a background task; before, inside the admin save): {task_ms:8.0f} ms")
    print(f"  metadata stripping (still inside the save):                         {save_ms:8.0f} ms")
    print(f"  the save waits {save_ms / (save_ms + task_ms):.0%} of what it waited before for the image")


if __name__ == "__main__":
    main()
