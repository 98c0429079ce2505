"""Sets of IMDb id numbers small enough to hold every id IMDb has."""


class IdSet:
    """IMDb id numbers as a bitmap: a few MB for every id IMDb has, where a set of strings would take GBs.

    Numbers beyond the bitmap's reach (IMDb's are below 10^8 today) go to a plain set, so a malformed
    file with a huge id cannot make the bitmap allocate gigabytes.
    """

    BITMAP_LIMIT = 1 << 28  # 32 MB of bitmap at most

    def __init__(self):
        self.bits = bytearray()
        self.beyond = set()

    def add(self, number):
        if number >= self.BITMAP_LIMIT:
            self.beyond.add(number)
            return
        byte = number >> 3
        if byte >= len(self.bits):
            self.bits.extend(bytes(byte - len(self.bits) + 1 + (1 << 16)))
        self.bits[byte] |= 1 << (number & 7)

    def __contains__(self, number):
        byte = number >> 3
        if byte < len(self.bits):
            return bool(self.bits[byte] & (1 << (number & 7)))
        return number in self.beyond

    @classmethod
    def in_database(cls, model):
        """The IMDb ids a table holds, read in chunks."""
        ids = cls()
        for imdb_id in model.objects.exclude(imdb_id="").values_list("imdb_id", flat=True).iterator(chunk_size=50_000):
            if imdb_id[2:].isdigit():
                ids.add(int(imdb_id[2:]))
        return ids
