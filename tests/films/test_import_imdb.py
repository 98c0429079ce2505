"""manage.py import_imdb: the IMDb datasets in their published layout, written small by the tests."""

import gzip
import io
import os
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from films import imdb
from films.models import Credit, Film, ImportCheckpoint
from people.models import Person

NAMES_HEADER = "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles"
TITLES_HEADER = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres"
PRINCIPALS_HEADER = "tconst\tordering\tnconst\tcategory\tjob\tcharacters"

NAMES = [
    "nm0000102\tKevin Bacon\t1958\t\\N\tactor,producer\ttt0164052",
    "nm0000657\tKyra Sedgwick\t1965\t\\N\tactress,producer\ttt0361127",
    "nm0917080\tMichael J. Weithorn\t\\N\t\\N\twriter,producer\ttt0165581",
]
TITLES = [
    "tt0361127\tmovie\tThe Woodsman\tThe Woodsman\t0\t2004\t\\N\t87\tDrama",
    "tt0165581\ttvSeries\tThe King of Queens\tThe King of Queens\t0\t1998\t2007\t22\tComedy",
    "tt0999001\ttvEpisode\tPilot\tPilot\t0\t1998\t\\N\t22\tComedy",
    "tt1500001\tmovie\tA Little Help\tA Little Help\t0\t2010\t\\N\t108\tComedy",
]
PRINCIPALS = [
    'tt0361127\t1\tnm0000102\tactor\t\\N\t["Walter"]',
    'tt0361127\t2\tnm0000657\tactress\t\\N\t["Vickie"]',
    "tt0165581\t1\tnm0917080\twriter\tcreator\t\\N",
    "tt0999001\t1\tnm0917080\tdirector\t\\N\t\\N",
    "tt1500001\t1\tnm0917080\tdirector\t\\N\t\\N",
    "tt1500001\t2\tnm0917080\twriter\t\\N\t\\N",
]


@pytest.fixture
def dataset(tmp_path):
    """Writes the three files (gzip unless told) and returns their folder."""

    def write(*, names=NAMES, titles=TITLES, principals=PRINCIPALS, compress=True, folder="imdb"):
        directory = tmp_path / folder
        directory.mkdir(exist_ok=True)
        for name, header, rows in (
            ("name.basics.tsv", NAMES_HEADER, names),
            ("title.basics.tsv", TITLES_HEADER, titles),
            ("title.principals.tsv", PRINCIPALS_HEADER, principals),
        ):
            text = "\n".join([header, *rows]) + "\n"
            if compress:
                with gzip.open(directory / f"{name}.gz", "wt", encoding="utf-8") as out:
                    out.write(text)
            else:
                (directory / name).write_text(text, encoding="utf-8")
        return directory

    return write


def run(directory, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_imdb", str(directory), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def credits():
    return set(Credit.objects.values_list("film__imdb_id", "person__imdb_id", "role", "character", "billing"))


def test_imports_people_titles_and_credits_keyed_by_imdb_ids(db, dataset):
    run(dataset())

    bacon = Person.objects.get(imdb_id="nm0000102")
    assert (bacon.name, bacon.slug) == ("Kevin Bacon", "kevin-bacon-nm0000102")
    queens = Film.objects.get(imdb_id="tt0165581")
    assert (queens.title, queens.kind, queens.year, queens.end_year) == ("The King of Queens", "tvSeries", 1998, 2007)
    assert queens.slug == "the-king-of-queens-tt0165581"
    assert credits() == {
        ("tt0361127", "nm0000102", "actor", "Walter", 1),
        ("tt0361127", "nm0000657", "actress", "Vickie", 2),
        ("tt0165581", "nm0917080", "writer", "", 1),
        ("tt1500001", "nm0917080", "director", "", 1),
        ("tt1500001", "nm0917080", "writer", "", 2),
    }


def test_title_types_newsroom_does_not_keep_are_left_out_with_their_credits(db, dataset):
    out, _ = run(dataset())

    assert not Film.objects.filter(imdb_id="tt0999001").exists()  # a tvEpisode
    assert "title.basics.tsv.gz: 3 rows written, 1 left out by filters" in out
    assert "title.principals.tsv.gz: 5 rows written, 1 left out by filters, 0 malformed, 0 with unknown ids" in out


def test_plain_uncompressed_files_import_the_same(db, dataset):
    run(dataset(compress=False))

    assert Credit.objects.count() == 5


def test_a_second_run_updates_and_never_duplicates(db, dataset):
    run(dataset())
    renamed = [NAMES[0].replace("Kevin Bacon", "Kevin N. Bacon"), *NAMES[1:]]
    rebilled = [PRINCIPALS[0].replace("\t1\t", "\t3\t"), *PRINCIPALS[1:]]

    run(dataset(names=renamed, principals=rebilled, folder="next-month"))

    assert Person.objects.count() == 3 and Film.objects.count() == 3 and Credit.objects.count() == 5
    bacon = Person.objects.get(imdb_id="nm0000102")
    assert bacon.name == "Kevin N. Bacon" and bacon.slug == "kevin-bacon-nm0000102"  # the slug keeps its links
    assert Credit.objects.get(person=bacon).billing == 3


def test_rerunning_the_same_files_skips_what_is_done_and_restart_redoes_it_without_duplicates(db, dataset):
    directory = dataset()
    run(directory)

    out, _ = run(directory)
    assert "title.principals.tsv.gz: 0 rows written" in out
    out, _ = run(directory, "--restart")
    assert "title.principals.tsv.gz: 5 rows written" in out
    assert Credit.objects.count() == 5


def test_existing_hand_made_person_with_the_same_imdb_id_is_merged_not_duplicated(seed, dataset):
    run(dataset())

    assert Person.objects.filter(imdb_id="nm0000102").get().slug == "kevin-bacon"
    assert Credit.objects.filter(person__slug="kevin-bacon", film__imdb_id="tt0361127").exists()


def test_an_interrupted_import_resumes_after_its_last_checkpoint(db, dataset, monkeypatch):
    directory = dataset()
    merge = imdb.Stage.merge_principals
    calls = []

    def fail_on_second_batch(self, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return merge(self, **kwargs)

    monkeypatch.setattr(imdb.Stage, "merge_principals", fail_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        run(directory, "--batch-size", "2")
    assert Credit.objects.count() == 2  # the first batch is in, the second rolled back
    monkeypatch.setattr(imdb.Stage, "merge_principals", merge)

    out, _ = run(directory, "--batch-size", "2")

    assert "resumed after line 3" in out
    assert Credit.objects.count() == 5
    assert ImportCheckpoint.objects.filter(finished_at__isnull=True).count() == 0


def test_filters_by_kind_year_and_limit(db, dataset):
    directory = dataset()

    run(directory, "--kinds", "movie", "--years", "2005-2020")
    assert list(Film.objects.values_list("imdb_id", flat=True)) == ["tt1500001"]
    assert {c[0] for c in credits()} == {"tt1500001"}

    run(directory, "--limit", "1", "--restart")
    assert set(Film.objects.values_list("imdb_id", flat=True)) == {"tt1500001", "tt0361127"}


def test_unknown_kind_filter_is_refused(db, dataset):
    with pytest.raises(CommandError, match="unknown title kind"):
        run(dataset(), "--kinds", "movie,podcast")


def test_malformed_rows_are_reported_with_file_and_line_and_the_rest_imported(db, dataset):
    principals = [*PRINCIPALS[:2], "tt0165581\tfirst\tnm0917080\twriter\t\\N\t\\N", *PRINCIPALS[2:]]
    names = [*NAMES, "nm12\tToo Short An Id\t\\N\t\\N\t\\N\t\\N", "nm0000999\tMissing fields"]

    out, err = run(dataset(names=names, principals=principals))

    assert "name.basics.tsv.gz:5: bad IMDb id 'nm12'" in err
    assert "name.basics.tsv.gz:6: expected 6 tab-separated fields, found 2" in err
    assert "title.principals.tsv.gz:4: bad ordering 'first'" in err
    assert Person.objects.count() == 3 and Credit.objects.count() == 5


def test_malformed_characters_and_invalid_utf8_are_reported(db, dataset, tmp_path):
    directory = dataset(principals=[*PRINCIPALS, 'tt1500001\t3\tnm0000102\tactor\t\\N\t["Unclosed'])
    with gzip.open(directory / "name.basics.tsv.gz", "ab") as out:
        out.write(b"nm0000777\tBroken \xff name\t\\N\t\\N\t\\N\t\\N\n")

    _, err = run(directory)

    assert "title.principals.tsv.gz:8: characters is not a JSON list" in err
    assert "name.basics.tsv.gz:5: not valid UTF-8" in err


def test_unknown_ids_are_reported_and_skipped(db, dataset):
    principals = [*PRINCIPALS, "tt0361127\t3\tnm7777777\tactor\t\\N\t\\N", "tt8888888\t1\tnm0000102\tactor\t\\N\t\\N"]

    out, err = run(dataset(principals=principals))

    assert "title.principals.tsv.gz:8: unknown id nm7777777" in err
    assert "title.principals.tsv.gz:9: unknown id tt8888888" in err
    assert "2 with unknown ids" in out
    assert Credit.objects.count() == 5


def test_strict_aborts_on_the_first_bad_row_with_the_database_unchanged(db, dataset):
    principals = [*PRINCIPALS, "tt1500001\t3\tnm0000102\tstunt_double\t\\N\t\\N"]

    with pytest.raises(CommandError, match=r"title.principals.tsv.gz:8: unknown category 'stunt_double'.*Nothing"):
        run(dataset(principals=principals), "--strict")

    assert not Person.objects.exists() and not Film.objects.exists() and not Credit.objects.exists()
    assert not ImportCheckpoint.objects.exists()


def test_truncated_gzip_is_named_with_file_and_line(db, dataset):
    directory = dataset(principals=PRINCIPALS * 400)
    path = directory / "title.principals.tsv.gz"
    path.write_bytes(path.read_bytes()[:-40])

    with pytest.raises(CommandError, match=r"title.principals.tsv.gz:\d+: the file ends early .*truncated"):
        run(directory, "--strict")
    assert not Credit.objects.exists()


def test_wrong_header_is_refused_before_anything_is_written(db, dataset, tmp_path):
    directory = dataset()
    (directory / "title.basics.tsv.gz").unlink()
    with gzip.open(directory / "title.basics.tsv.gz", "wt") as out:
        out.write("tconst\ttitle\tyear\n")

    with pytest.raises(CommandError, match=r"title.basics.tsv.gz:1: wrong header for title.basics.tsv"):
        run(directory, "--strict")
    assert not Person.objects.exists()


def test_progress_bar_shows_rate_and_eta_on_stderr(db, dataset):
    stream = io.StringIO()
    imdb.import_datasets(paths=imdb.dataset_paths(dataset()), progress_stream=stream)

    last = stream.getvalue().splitlines()[-1]
    assert "title.principals.tsv.gz" in last and "100.0%" in last and "rows/s" in last and "ETA 0:00" in last


@pytest.mark.postgresql  # bulk mode is PostgreSQL's
def test_bulk_mode_on_postgresql_rebuilds_every_index_and_key_it_set_aside(db, dataset, monkeypatch):
    def schema():
        tables = ["films_credit", "films_film", "people_person"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = ANY(%s) ORDER BY indexname", [tables])
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = ANY(%s::regclass[]) ORDER BY conname",
                [tables],
            )
            return indexes + cursor.fetchall()

    before = schema()
    monkeypatch.setattr(imdb.bulk, "BULK_MIN_ROWS", 1)
    directory = dataset()
    run(directory, "--batch-size", "2")  # the first batch into an empty table, the next ones beside it
    run(directory, "--restart")

    assert schema() == before
    assert Person.objects.count() == 3 and Film.objects.count() == 3 and Credit.objects.count() == 5


def test_bench_generator_writes_files_the_importer_accepts(db, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from import_imdb import generate
    finally:
        sys.path.pop(0)
    generate(tmp_path, people=30, titles=10, principals=60)

    out, err = run(tmp_path, "--strict")

    assert Person.objects.count() == 30 and Film.objects.count() == 10
    assert Credit.objects.count() > 50  # random picks may repeat a person in a role on one title
    assert sorted(os.listdir(tmp_path)) == ["name.basics.tsv.gz", "title.basics.tsv.gz", "title.principals.tsv.gz"]


def test_id_sets_keep_huge_ids_out_of_the_bitmap():
    ids = imdb.IdSet()
    ids.add(102)
    ids.add(99_999_999_999)

    assert 102 in ids and 99_999_999_999 in ids and 103 not in ids
    assert len(ids.bits) < 100_000


def test_a_missing_or_directory_path_is_a_clear_error(db, tmp_path):
    from django.core.management import CommandError, call_command

    for path in [tmp_path / "nowhere.tsv", tmp_path]:
        with pytest.raises(CommandError, match="no such file"):
            call_command("import_imdb", "--names", str(path), "--no-progress")


NUL_NAMES = [*NAMES, "nm0000777\tNul\x00 Byte\t\\N\t\\N\t\\N\t\\N"]
NUL_TITLES = [*TITLES, "tt0777777\tmovie\tNul\x00 Title\tNul\x00 Title\t0\t2001\t\\N\t90\tDrama"]
NUL_PRINCIPALS = [
    *PRINCIPALS,
    'tt1500001\t3\tnm0000102\tactor\t\\N\t["Nul\x00 Character"]',
    'tt1500001\t4\tnm0000657\tactor\t\\N\t["Escaped \\u0000 Nul"]',
    'tt1500001\t5\tnm0000657\tactor\t\\N\t["Tab\\tand\\nnewline"]',
]


def test_nul_bytes_in_every_dataset_are_reported_and_skipped_like_any_bad_row(db, dataset):
    out, err = run(dataset(names=NUL_NAMES, titles=NUL_TITLES, principals=NUL_PRINCIPALS))

    assert "name.basics.tsv.gz:5: contains a NUL byte" in err
    assert "title.basics.tsv.gz:6: contains a NUL byte" in err
    assert "title.principals.tsv.gz:8: contains a NUL byte" in err
    assert "title.principals.tsv.gz:9: characters contain a NUL character" in err
    assert "name.basics.tsv.gz: 3 rows written, 0 left out by filters, 1 malformed" in out
    assert "title.principals.tsv.gz: 6 rows written, 1 left out by filters, 2 malformed" in out
    assert Person.objects.count() == 3 and Film.objects.count() == 3
    assert not [name for name in Person.objects.values_list("name", flat=True) if "\x00" in name]
    # JSON escapes for tabs and newlines are valid names; they must not break the staging COPY.
    assert Credit.objects.get(character__startswith="Tab").character == "Tab and newline"


def test_strict_stops_at_a_nul_byte_with_one_message_and_the_database_unchanged(db, dataset):
    with pytest.raises(CommandError, match=r"^title.basics.tsv.gz:6: contains a NUL byte\. Nothing was written"):
        run(dataset(titles=NUL_TITLES), "--strict")

    assert not Person.objects.exists() and not Film.objects.exists() and not ImportCheckpoint.objects.exists()


def edit_in_admin(client, obj, **changes):
    """Save obj's admin change form as the page shows it, with the changes an editor types."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    response = client.get(url)
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, "")}
    data = {name: value for name, value in data.items() if not hasattr(value, "url")}  # stored files stay
    for inline in response.context["inline_admin_formsets"]:  # the inlines' rows are left as they are
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(url, {**data, **changes})
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


@pytest.fixture
def hand_edited(db, dataset, admin_client):
    """An import, then an editor's corrections in the admin: Bacon's name and The Woodsman's year."""
    run(dataset())
    assert not Person.objects.exclude(edited_fields=[]).exists()  # what an import writes is not a hand edit
    bacon, woodsman = Person.objects.get(imdb_id="nm0000102"), Film.objects.get(imdb_id="tt0361127")
    edit_in_admin(admin_client, bacon, name="Kevin Norwood Bacon")
    edit_in_admin(admin_client, woodsman, year="2005")
    assert (bacon.edited_fields, woodsman.edited_fields) == (["name"], ["year"])
    return bacon, woodsman


# Next month's files: IMDb still has the old name and year, and retitles The Woodsman.
NEXT_NAMES = [*NAMES, "nm0000999\tKevin James\t1965\t\\N\tactor\ttt0165581"]
NEXT_TITLES = [TITLES[0].replace("\tThe Woodsman\t", "\tThe Woodsman (2004)\t"), *TITLES[1:]]


def test_reimport_keeps_fields_editors_changed_and_lists_each_in_the_summary(hand_edited, dataset):
    bacon, woodsman = hand_edited

    out, _ = run(dataset(names=NEXT_NAMES, titles=NEXT_TITLES, folder="next-month"))

    bacon.refresh_from_db()
    woodsman.refresh_from_db()
    assert bacon.name == "Kevin Norwood Bacon"
    assert (woodsman.year, woodsman.title) == (2005, "The Woodsman (2004)")  # only the edited field is kept
    assert "kept hand edit nm0000102 name: 'Kevin Norwood Bacon' (IMDb has 'Kevin Bacon')" in out
    assert "kept hand edit tt0361127 year: 2005 (IMDb has 2004)" in out
    assert "2 hand edit(s) listed above were kept; --overwrite replaces them" in out
    assert Person.objects.get(imdb_id="nm0000999").name == "Kevin James"


def test_overwrite_gives_imdbs_values_and_clears_the_marks(hand_edited, dataset):
    bacon, woodsman = hand_edited
    directory = dataset(names=NEXT_NAMES, titles=NEXT_TITLES, folder="next-month")
    run(directory)

    out, _ = run(directory, "--overwrite")

    bacon.refresh_from_db()
    woodsman.refresh_from_db()
    assert (bacon.name, bacon.edited_fields) == ("Kevin Bacon", [])
    assert (woodsman.year, woodsman.edited_fields) == (2004, [])
    assert "replaced hand edit nm0000102 name: 'Kevin Norwood Bacon' -> IMDb's 'Kevin Bacon'" in out
    assert "replaced hand edit tt0361127 year: 2005 -> IMDb's 2004" in out


def test_the_admin_shows_which_fields_an_import_keeps(hand_edited, admin_client):
    bacon, _ = hand_edited

    response = admin_client.get(reverse("admin:people_person_change", args=[bacon.pk]))

    assert "kept against imports" in response.content.decode().lower()
    assert response.context["adminform"].form.instance.hand_edits_display == "name"


@pytest.mark.postgresql  # the credits' search text is PostgreSQL's (films/migrations/0015)
@pytest.mark.parametrize("bulk_from", [1, imdb.bulk.BULK_MIN_ROWS])
def test_imported_credits_carry_their_search_text_through_a_rename(db, dataset, monkeypatch, bulk_from):
    def texts():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.search_text = UPPER(p.name || E'\\n' || f.title || E'\\n' || c.character), c.search_text "
                "FROM films_credit c JOIN people_person p ON p.id = c.person_id JOIN films_film f ON f.id = c.film_id"
            )
            return cursor.fetchall()

    monkeypatch.setattr(imdb.bulk, "BULK_MIN_ROWS", bulk_from)
    run(dataset(), "--batch-size", "2")
    assert len(texts()) == 5 and all(true for true, _ in texts())
    assert "KEVIN BACON\nTHE WOODSMAN\nWALTER" in {text for _, text in texts()}
    renamed = [NAMES[0].replace("Kevin Bacon", "Kevin N. Bacon"), *NAMES[1:]]
    run(dataset(names=renamed, folder="next-month"))
    assert all(true for true, _ in texts())
    assert any(text.startswith("KEVIN N. BACON\n") for _, text in texts())
