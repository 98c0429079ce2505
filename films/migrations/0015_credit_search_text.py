"""Each credit's searchable text, kept by PostgreSQL itself: its person's name, its title and its character.

A credit search tests every word on the person, the title and the character (films.search). Tested through joins,
a list walking the newest credits costs about 2 microseconds a credit per word; on the credit's own copy of the
three, in capitals as icontains compares them (UPPER(copy) LIKE UPPER(word)), about a tenth of that, so a search
that must walk (its words each match too much to look up) shows its page many times sooner. The copy is one line
each, joined by newlines, which no search word holds (words are split at whitespace), so a word is in the copy
exactly when it is in one of the three.

Triggers keep it: a credit written (insert, or a change of person, title or character, whoever writes it: the ORM,
bulk_create, fixtures, SQL); a person renamed or a title retitled updates its credits, and so does a person or
a title written after credits that name it (a fixture may list them first: foreign keys are checked at commit). An insert that brings the
text along keeps it (the IMDb import joins the names anyway: a million credits' lookups saved). Only on
PostgreSQL, where the lists grow to millions; SQLite searches through the joins, as before. The column is not in the
model: Django never reads or writes it.

The backfill of existing credits is one UPDATE: on a table of millions, run this migration when writers can wait
(at 10M credits, minutes, and the table's size doubles until VACUUM).
"""

from django.db import migrations

SEARCH_TEXT = """
ALTER TABLE films_credit ADD COLUMN IF NOT EXISTS search_text text NOT NULL DEFAULT '';

CREATE OR REPLACE FUNCTION films_credit_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.search_text <> '' THEN
        RETURN NEW;  -- written with the credit by a bulk insert that joined the names already (films.imdb)
    END IF;
    -- FOR SHARE: a rename in progress is waited for and its name read (its own update of the credits cannot see
    -- this credit before it commits); a rename that comes after waits for this credit to commit, then sees it.
    NEW.search_text := UPPER(coalesce((SELECT name FROM people_person WHERE id = NEW.person_id FOR SHARE), '')
        || E'\\n' || coalesce((SELECT title FROM films_film WHERE id = NEW.film_id FOR SHARE), '') || E'\\n'
        || NEW.character);
    RETURN NEW;
END
$$;
CREATE TRIGGER films_credit_search_text BEFORE INSERT OR UPDATE OF person_id, film_id, character ON films_credit
    FOR EACH ROW EXECUTE FUNCTION films_credit_search_text();

CREATE OR REPLACE FUNCTION people_person_credit_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE films_credit AS credit SET search_text = UPPER(NEW.name || E'\\n' || film.title || E'\\n' || credit.character)
    FROM films_film AS film WHERE credit.person_id = NEW.id AND film.id = credit.film_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER people_person_credit_search_text AFTER UPDATE OF name ON people_person
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION people_person_credit_search_text();
-- A credit can be written before its person (foreign keys are checked at commit: a fixture may list it first).
CREATE TRIGGER people_person_new_credit_search_text AFTER INSERT ON people_person
    FOR EACH ROW EXECUTE FUNCTION people_person_credit_search_text();

CREATE OR REPLACE FUNCTION films_film_credit_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE films_credit AS credit SET search_text = UPPER(person.name || E'\\n' || NEW.title || E'\\n' || credit.character)
    FROM people_person AS person WHERE credit.film_id = NEW.id AND person.id = credit.person_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER films_film_credit_search_text AFTER UPDATE OF title ON films_film
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION films_film_credit_search_text();
CREATE TRIGGER films_film_new_credit_search_text AFTER INSERT ON films_film
    FOR EACH ROW EXECUTE FUNCTION films_film_credit_search_text();

UPDATE films_credit AS credit SET search_text = UPPER(person.name || E'\\n' || film.title || E'\\n' || credit.character)
FROM people_person AS person, films_film AS film WHERE person.id = credit.person_id AND film.id = credit.film_id;
"""

DROP = """
DROP TRIGGER IF EXISTS films_credit_search_text ON films_credit;
DROP TRIGGER IF EXISTS people_person_credit_search_text ON people_person;
DROP TRIGGER IF EXISTS films_film_credit_search_text ON films_film;
DROP TRIGGER IF EXISTS people_person_new_credit_search_text ON people_person;
DROP TRIGGER IF EXISTS films_film_new_credit_search_text ON films_film;
DROP FUNCTION IF EXISTS films_credit_search_text();
DROP FUNCTION IF EXISTS people_person_credit_search_text();
DROP FUNCTION IF EXISTS films_film_credit_search_text();
ALTER TABLE films_credit DROP COLUMN IF EXISTS search_text;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("films", "0014_search_bigrams_and_statistics")]

    operations = [migrations.RunPython(on_postgresql(SEARCH_TEXT), on_postgresql(DROP), elidable=False)]
