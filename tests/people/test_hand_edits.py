"""Which of a person's fields an editor set by hand, so an IMDb import keeps them."""

from people.models import Person
from tests.films.test_import_imdb import edit_in_admin


def test_only_imported_fields_an_editor_changes_are_marked(seed, admin_client):
    bacon = Person.objects.get(slug="kevin-bacon")
    assert bacon.edited_fields == []  # loaddata is not an editor

    edit_in_admin(admin_client, bacon, bio="Actor and musician.")
    assert bacon.edited_fields == []  # the import does not write the bio: nothing to protect

    edit_in_admin(admin_client, bacon, name="Kevin Norwood Bacon")
    edit_in_admin(admin_client, bacon, name="Kevin Bacon")
    assert bacon.edited_fields == ["name"]  # marked once, and kept after a later save
