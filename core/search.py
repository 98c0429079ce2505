"""Admin search over tables of millions of rows: ask the planner how common a word is before leaning on an index.

A trigram index finds a rare word at once, but for a word in a large share of the rows ("character" in
"Character 4242") PostgreSQL merges posting lists of millions of entries, which costs more than testing
the word on the few rows the other words leave. So each word is first sized from the planner's statistics
(an EXPLAIN, no rows read; a thousand buckets on each trigram index's expression, core.migration_ops), and a
common word becomes a plain filter the index cannot serve. A word of fewer than three letters gives pg_trgm no
trigram at all: names and titles find a two-character word through a bigram index instead (every_word_in).
"""

import json
import re
import time

from django.core.exceptions import EmptyResultSet
from django.db import OperationalError, connection, connections, transaction
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils.text import smart_split, unescape_string_literal

# Above this many estimated rows a word is tested on candidates rather than looked up in an index.
COMMON_ROWS = 20_000


def estimated_plan(queryset):
    """The planner's plan for queryset, unordered (PostgreSQL: EXPLAIN's JSON, no row read); None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    plan = queryset.order_by().explain(format="json")
    if not plan:  # a query that can match nothing (no ids at all) is not sent: nothing to plan
        return {"Plan Rows": 0, "Node Type": "Result"}
    return json.loads(plan)[0]["Plan"]


def estimated_rows(queryset):
    """The planner's row estimate for queryset (PostgreSQL); None elsewhere."""
    plan = estimated_plan(queryset)
    return None if plan is None else plan["Plan Rows"]


def reads_whole_table(plan, table):
    """Whether a plan (estimated_plan) reads every row of table: a sequential scan, the only way without an index."""
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") == table:
        return True
    return any(reads_whole_table(child, table) for child in plan.get("Plans", ()))


def is_common(queryset, field, word):
    """Whether field contains word in so many rows of queryset that an index lookup would cost more than a filter."""
    estimate = estimated_rows(queryset.filter(**{f"{field}__icontains": word}))
    return estimate is not None and estimate > COMMON_ROWS


def is_indexable(word):
    """Whether a trigram index can look word up: it holds three letters or digits in a row.

    pg_trgm takes no trigram from a shorter piece ("77", "o'", "--"), and a lookup with none reads the whole index.
    """
    return re.search(r"[^\W_]{3}", word) is not None


def contains(field, word, *, indexed=True):
    """field contains word, in any letter case: through its trigram index, or (indexed=False) as a plain filter."""
    if indexed:
        return Q(**{f"{field}__icontains": word})
    # The trigram indexes cover UPPER(column); a case-insensitive regex on the bare column is the same test
    # without them.
    return Q(**{f"{field}__iregex": re.escape(word)})


def search_words(term):
    """The words of a search as Django's admin reads them: split at spaces, a quoted phrase kept whole."""
    return [
        unescape_string_literal(bit) if bit[0] in "\"'" and bit[0] == bit[-1] and len(bit) > 1 else bit
        for bit in smart_split(term)
    ]


def every_word_in(queryset, *, term, field, exact=()):
    """The rows of queryset whose field contains every word of term, or equals the word in one of the exact fields.

    Django admin's search, except that on PostgreSQL a two-character word, which the trigram index cannot look up,
    is found through the field's bigram index (core.migration_ops.bigram_indexes).
    """
    words = [word for word in search_words(term) if word]  # an empty phrase ("") narrows nothing
    # Only the words that are some row's id get the exact test: an OR with another index in every word's test
    # would keep PostgreSQL from combining the name's trigram and bigram lookups.
    found = set()
    if exact and words:
        ids = Q()
        for name in exact:
            ids |= Q(**{f"{name}__in": words})
        found = {value for row in queryset.model._default_manager.filter(ids).values_list(*exact) for value in row}
    matching = queryset
    for word in words:
        test = _contains_with_bigrams(queryset.model, field, word)
        for name in exact if word in found else ():
            test |= Q(**{name: word})
        matching = matching.filter(test)
    return matching


def _contains_with_bigrams(model, field, word):
    if len(word) != 2 or connection.vendor != "postgresql":
        return contains(field, word)
    quote = connection.ops.quote_name
    column = f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(field).column)}"
    pieces = f"search_bigrams(UPPER({column}::text))"  # the indexed expression, as the migration wrote it
    return Q(RawSQL(f"{pieces} @> ARRAY[UPPER(%s)]", (word,), output_field=BooleanField()))


def with_ids(queryset, ids):
    """queryset narrowed to the rows whose primary key is in ids: one array parameter on PostgreSQL, not one per id."""
    if connection.vendor != "postgresql" or not ids:  # an empty array would have no element type to compare with
        return queryset.filter(pk__in=ids)
    quote, meta = connection.ops.quote_name, queryset.model._meta
    column = f"{quote(meta.db_table)}.{quote(meta.pk.column)}"
    # Sent as one text literal (psycopg would dump thousands of ids one by one), typed as psycopg types a list of
    # ints: the planner then reads the rows by primary key rather than walking the list's order past other rows.
    element = "integer" if max(ids) < 2**31 else "bigint"
    literal = "{" + ",".join(str(int(pk)) for pk in ids) + "}"
    return queryset.filter(RawSQL(f"{column} = ANY(%s::{element}[])", (literal,), output_field=BooleanField()))


def read_ids(queryset, *, limit):
    """Up to limit primary keys of queryset: on PostgreSQL as one comma-separated row, not thousands of rows."""
    ids = queryset.order_by().values_list("pk", flat=True)[:limit]
    if connections[queryset.db].vendor != "postgresql":
        return list(ids)
    try:
        sql, params = ids.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing, such as no ids at all
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT string_agg(found.pk::text, ',') FROM ({sql}) AS found (pk)", params)
        (joined,) = cursor.fetchone()
    return [int(pk) for pk in joined.split(",")] if joined else []


class Budget:
    """The time one search may take to read from the database, shared by its steps.

    It is wall-clock time from the search's start (the Python between its queries counts too, and a loaded machine
    leaves less of it to the database). Each step is held to what is left (PostgreSQL's statement_timeout) and gives
    way when it runs out: a lookup stops and the search goes on without it; the list's own read (read_in_order)
    keeps the matches it found and says the list is cut short. Rendering the page comes on top.
    """

    def __init__(self, ms=None):
        self.deadline = None if ms is None else time.monotonic() + ms / 1000

    def left_ms(self, *, at_most=None, keep=0):
        """The milliseconds left, less keep (kept for a later step), and at most at_most (None without a budget: no
        limit beyond at_most)."""
        if self.deadline is None:
            return at_most
        left = int((self.deadline - time.monotonic()) * 1000) - keep
        return left if at_most is None else min(left, at_most)


UNLIMITED = Budget()
# A search's time in the database, lookups and the list's read together (LargeTableAdminMixin).
SEARCH_BUDGET_MS = 60
# The longest one lookup (a word's index lookup, the matches' ids) may take before the search goes on without it.
LOOKUP_TIMEOUT_MS = 30
# What the lookups leave of the budget for the list's own read, at the least.
LIST_READ_MS = 30


def through_narrowest(queryset, words, *, max_candidates, budget=UNLIMITED):
    """queryset filtered by every word's test, reached through the word that matches fewest rows when it matches few.

    words holds one (test, lookup) pair of Q objects per word: test as the word is best tested on rows the other
    words leave, lookup as the word's indexes find it, or None when they cannot (a word naming too many people to
    list, or too short for a trigram).

    The planner sizes words badly, alone and together. Alone, a word's estimate comes from a thousand-bucket
    histogram, so a word in 2,000 of 10M rows is put at nothing or at 37,000 depending on the sample ANALYZE drew;
    together, words are taken to be independent, and a few thousand matches expected to be spread over the table
    invite a sequential scan that stops early at the count's or the page's LIMIT. Matches bunched together (the
    people and titles a word names) lose that bet at the cost of reading the whole table: seconds at millions of
    rows. So the word the planner puts lowest (within CANDIDATE_ESTIMATE_SLACK times max_candidates) is looked up
    through its indexes alone, with a sequential scan ruled out and within the budget; when that finds at most
    max_candidates rows in time, the other words are tested on those rows only, and the work is bounded by that
    word whatever the planner makes of the others. Otherwise the words are tested together, as before.
    """
    matching = queryset
    for test, _lookup in words:
        matching = matching.filter(test)
    if connection.vendor != "postgresql":
        return matching
    sized = [
        (estimated_rows(queryset.filter(lookup)), number) for number, (_test, lookup) in enumerate(words) if lookup
    ]
    if not sized:
        return matching
    estimate, narrowest = min(sized)
    if estimate > max_candidates * CANDIDATE_ESTIMATE_SLACK:
        return matching
    ids = read_ids_within(
        queryset.filter(words[narrowest][1]),
        limit=max_candidates + 1,
        timeout_ms=budget.left_ms(at_most=LOOKUP_TIMEOUT_MS, keep=LIST_READ_MS),
    )
    if ids is None or len(ids) > max_candidates:  # more than the estimate said: take the planner's way after all
        return matching
    if not ids:
        return queryset.none()
    candidates = with_ids(queryset, ids)
    for number, (test, _lookup) in enumerate(words):
        if number != narrowest:
            candidates = candidates.filter(test)
    return candidates


# How far above the rows a lookup may read the planner's estimate may put them: one histogram bucket of a column
# with millions of rows is tens of thousands of them.
CANDIDATE_ESTIMATE_SLACK = 10


def read_ids_within(queryset, *, limit, timeout_ms):
    """Up to limit primary keys of queryset read through its indexes (read_ids, a sequential scan ruled out), or None
    when that takes longer than timeout_ms (PostgreSQL; None: the server's own statement_timeout).

    The settings hold for this one read: it runs in a savepoint (or a transaction of its own) that is rolled back,
    which undoes SET LOCAL too.
    """
    if timeout_ms is not None and timeout_ms <= 0:
        return None
    try:
        with transaction.atomic(using=queryset.db):
            with connections[queryset.db].cursor() as cursor:
                set_local(cursor, enable_seqscan="off", jit="off", statement_timeout=timeout_ms)
            ids = read_ids(queryset, limit=limit)
            transaction.set_rollback(True, using=queryset.db)
    except OperationalError as error:
        if not was_cancelled(error):
            raise
        return None
    return ids


def set_local(cursor, **settings):
    """SET LOCAL each setting in one statement (a value of None leaves that setting as it is)."""
    settings = {name: str(value) for name, value in settings.items() if value is not None}
    calls = ", ".join(f"set_config('{name}', %s, true)" for name in settings)
    cursor.execute(f"SELECT {calls}", list(settings.values()))


def read_in_order(queryset, *, limit, first=None, budget=UNLIMITED):
    """Up to limit primary keys of queryset in its own order, read while the budget lasts: (ids, cut short).

    On PostgreSQL the rows come through a cursor, whose plan favours the first rows (a list's order walked), in three
    fetches each held to the time left: the first few rows, the rest of the first `first` rows (the page shown), then
    the rest (each asked for even when one before came short, so a search runs the same queries whatever it finds);
    a fetch the budget stops ends the read and keeps what the fetches before it found. A queryset narrowed marked
    (gather_first) is first read by gathering its rows through their indexes and sorting them, leaving
    WALK_RESERVE_MS of the budget to walk the list instead should that not finish. The read gets at least LIST_READ_MS, whatever the lookups before it took.
    Elsewhere the ids are read at once.
    """
    pks = queryset.values_list("pk", flat=True)[:limit]
    if connections[queryset.db].vendor != "postgresql":
        return list(pks), False
    try:
        sql, params = pks.query.sql_with_params()
    except EmptyResultSet:
        return [], False
    own = Budget(LIST_READ_MS)
    if budget.deadline is not None and own.deadline > budget.deadline:
        budget = own
    first = min(first or limit, limit)
    # A fetch the budget stops loses its rows: the first few come on their own, so a search cut short while its first
    # page was being found still shows those.
    few = min(FIRST_FEW, first)
    fetches = (few, first - few, limit - first)
    if getattr(queryset.query, GATHER, False):
        ids, cut = _read(queryset.db, sql, params, fetches, budget, keep=WALK_RESERVE_MS, gather=True)
        if ids or not cut:
            return ids, cut
    return _read(queryset.db, sql, params, fetches, budget)


FIRST_FEW = 10  # the rows a read fetches first (read_in_order)
WALK_RESERVE_MS = 8  # what a gathering read leaves of the budget for walking the list, should it not finish


def _read(using, sql, params, fetches, budget, *, keep=0, gather=False):
    """read_in_order's cursor: the ids of sql's rows, fetched in the given numbers within the budget (less keep)."""
    ids = []
    try:
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            if gather:  # through the indexes that find the rows (a bitmap), then sorted
                set_local(cursor, enable_indexscan="off", enable_indexonlyscan="off", enable_seqscan="off")
            cursor.execute(f"DECLARE search_read NO SCROLL CURSOR FOR {sql}", params)
            for asked in fetches:
                left = budget.left_ms(keep=keep)
                if asked <= 0:
                    continue
                if left is not None and left <= 0:
                    raise TimeUp
                if left is not None:  # otherwise the server's own statement_timeout holds
                    set_local(cursor, statement_timeout=left)
                cursor.execute(f"FETCH FORWARD {asked} FROM search_read")
                ids.extend(row[0] for row in cursor.fetchall())  # (a cursor at its end answers the next at once)
            transaction.set_rollback(True, using=using)  # ends the cursor and the settings with it
    except TimeUp:
        return ids, True
    except OperationalError as error:
        if not was_cancelled(error):
            raise
        return ids, True
    return ids, False


class TimeUp(Exception):
    """The budget ran out between two fetches (rolls the read's transaction back on its way out)."""


def was_cancelled(error):
    """Whether a database error is PostgreSQL stopping a statement at its statement_timeout."""
    return getattr(error.__cause__, "sqlstate", None) == "57014"


def narrowed(queryset, matching, *, max_matches):
    """matching (queryset with the search applied), marked to be gathered through its indexes when it matches few.

    A list ordered by primary key or name, asked for its newest 50 of a few thousand matches, makes PostgreSQL walk
    that index past millions of rows when the matches lie late in its order. Gathering the matches through their own
    indexes and sorting them costs what they number instead, so when the planner expects few (within
    CANDIDATE_ESTIMATE_SLACK times max_matches: its estimate may be off by a histogram bucket) and an index finds
    them, the list's read gathers them (read_in_order, gather_first). On SQLite the list's own order finds matches
    at once.
    """
    plan = estimated_plan(matching)
    if plan is None or plan["Plan Rows"] > max_matches * CANDIDATE_ESTIMATE_SLACK:
        return matching  # broad, or SQLite: the list's own order finds matches at once
    if reads_whole_table(plan, queryset.model._meta.db_table):
        return matching  # no index finds them: gathering them all would read the table, walking the list need not
    return gather_first(matching)


GATHER = "newsroom_gather_first"  # an attribute of the queryset's Query, which each clone copies: see gather_first


def gather_first(queryset):
    """queryset, to be read by gathering its rows through their indexes and sorting them, not by walking its order
    (read_in_order). The mark is an attribute of its Query, whose clones copy their attributes (Query.clone), so it
    stays through the ordering and joins the admin adds."""
    gathered = queryset.all()
    setattr(gathered.query, GATHER, True)
    return gathered
