from django.core.validators import RegexValidator

imdb_name_id = RegexValidator(r"^nm\d{7,}$", "An IMDb name id looks like nm0000102.")
imdb_title_id = RegexValidator(r"^tt\d{7,}$", "An IMDb title id looks like tt0118751.")
wikidata_id = RegexValidator(r"^Q[1-9]\d*$", "A Wikidata id looks like Q3454165.")
