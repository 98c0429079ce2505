"""Keys for comparing what the copy says with what the database stores (names, titles, characters)."""

from nameparser.config import CONSTANTS
from rapidfuzz import fuzz
from unidecode import unidecode

from core.names import NAME_SUFFIXES, name_key, title_key

__all__ = ["NAME_SUFFIXES", "name_key", "title_key", "character_key", "same_character", "is_common", "PARTICLES"]

# Lower-case words that sit inside a name: "Guillermo del Toro", "Ludwig van Beethoven".
PARTICLES = frozenset(
    {"de", "da", "di", "del", "della", "der", "den", "van", "von", "le", "la", "du", "bin", "al", "y"}
)
# Ranks and honorifics a story puts before a character ("Colonel Hans Landa"), from nameparser's list.
_RANKS = frozenset(CONSTANTS.titles) | {
    "the",
    "a",
    "an",
    "villain",
    "hero",
    "young",
    "old",
    "evil",
    "real",
    "fictional",
}

# Words too common to be read as a title without more evidence ("Her", "Us", "Up", "Home", "Rush").
COMMON_WORDS = frozenset(
    """a about after again against all also always an and another any are around as at away back bad be because
    been before being best better big black blue both boy but by call can come could cut dark day days dead did do
    does done down dream each end even ever every eye eyes face fall family far fast father fire first for found
    free friend friends from get girl go god going gold gone good great green had hand happy hard has have he
    head heart her here hero him his home hope hot house how i if in inside into is it its just kid kids kill
    king know land last left legend let life light like line little live lives long look lost love lucky made
    make man many may me men mine money more most mother move much must my name never new next nice night no
    not nothing now of off old on once one only open or other our out over own paper part past people perfect
    place play power pretty queen real red rest right ring run rush said same saw say sea second secret see
    seven she should show side sight sky so some something son soul space star stars still stop story sun
    sunday take than that the their them then there these they thing things think this those three through time
    to together tomorrow tonight too top town true truth two under up us very wait want war was watch water way
    we well were what when where which while white who why wild will win wind with without woman women word
    work world would year years yes yet you young your zero help monday tuesday wednesday thursday friday
    saturday january february march april june july august september october november december movie film
    series season news today golden globe globes oscar oscars emmy emmys award awards""".split()
)


def is_common(key):
    """A title whose every word is common ("Sunday Night", "Her", "The Other Side") needs more evidence."""
    return all(word in COMMON_WORDS or word.isdigit() for word in key.split())


def character_key(character):
    """A character as compared: ASCII, lower case, no ranks or articles ("Colonel Hans Landa" -> "hans landa")."""
    words = title_key(character).split()
    while len(words) > 1 and words[0] in _RANKS:
        words.pop(0)
    return " ".join(words)


def same_character(written, stored):
    """Loose match: ranks stripped, either contains the other, or close spelling; "A / B" stored matches either."""
    said = character_key(written)
    if not said:
        return False
    for part in stored.split("/"):
        on_file = character_key(part)
        if not on_file:
            continue
        said_words, file_words = set(said.split()), set(on_file.split())
        if said_words <= file_words or file_words <= said_words:
            return True
        if fuzz.ratio(said, on_file) >= 88:
            return True
    return False


def unaccented(text):
    return unidecode(text)
