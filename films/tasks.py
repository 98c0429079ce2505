"""The films app's background tasks."""

from core.tasks import background

from . import imdb, imdb_jobs


# A file in the wrong layout fails at once: another attempt would read the same bytes.
@background(give_up_on=(imdb.DatasetError,))
def import_imdb(*, job):
    return imdb_jobs.run_import(job=job)
