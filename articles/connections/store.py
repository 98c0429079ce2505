"""The base graph as arrays on disk: written once by a rebuild, memory-mapped by every worker.

Nodes are people (0..P-1, in id order) then titles (P..P+T-1, in id order); one symmetric CSR adjacency holds
both directions of every person-title edge, and each edge carries the person's roles on that title as a bit mask.
np.load(mmap_mode="r") maps the files read-only, so every gunicorn worker on a machine shares one copy through
the page cache instead of holding its own.

A rebuild writes a new directory and then swaps the `current` symlink with os.replace (atomic on POSIX), so a
worker opening the graph sees either the old version or the new one, never half of each, and nobody waits.
"""

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ARRAYS = (
    "person_ids",
    "title_ids",
    "indptr",
    "indices",
    "roles",
    "years",
    "component",
    "label_offsets",
    "label_bytes",
)
LABEL_SEPARATOR = "\x1f"  # between a node's name and its slug in label_bytes
CURRENT = "current"
KEEP_VERSIONS = 2  # the one being served and the one before it, which a worker may still have mapped


@dataclass(frozen=True)
class Base:
    person_ids: np.ndarray  # int64, sorted: node -> person id
    title_ids: np.ndarray  # int64, sorted: node - P -> title id
    indptr: np.ndarray  # int64, N + 1
    indices: np.ndarray  # int32, neighbours of each node, sorted within a node
    roles: np.ndarray  # uint16, the person's roles on the title of each edge (bit i = ROLES[i])
    years: np.ndarray  # int16 per title, 0 when unknown
    component: np.ndarray  # int32 per node: connected component
    label_offsets: np.ndarray  # int64, N + 1
    label_bytes: np.ndarray  # uint8: "name\x1fslug" of each node, UTF-8
    built_at: float  # seconds since the epoch, when the credits were read
    last_change: int  # the newest GraphChange id the credits already include
    version: str = ""

    @property
    def people(self):
        return len(self.person_ids)

    @property
    def nodes(self):
        return len(self.indptr) - 1


def save(base, directory):
    """Write base as a new version under directory and make it current; returns the version's path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    version = f"graph-{time.time_ns()}"
    tmp = directory / f".{version}.tmp"
    tmp.mkdir()
    for name in ARRAYS:
        np.save(tmp / f"{name}.npy", getattr(base, name), allow_pickle=False)
    meta = {"built_at": base.built_at, "last_change": base.last_change}
    (tmp / "meta.json").write_text(json.dumps(meta))
    tmp.rename(directory / version)
    link = directory / f".{CURRENT}.{version}"
    os.symlink(version, link)
    os.replace(link, directory / CURRENT)
    _drop_old_versions(directory)
    return directory / version


def _drop_old_versions(directory):
    versions = sorted(p for p in directory.glob("graph-*") if p.is_dir())
    # Unlinking a mapped file is safe on POSIX: a worker still reading it keeps its pages until it lets go.
    for old in versions[:-KEEP_VERSIONS]:
        shutil.rmtree(old, ignore_errors=True)


def current_version(directory):
    """The name of the version `current` points at, or "" when none was built."""
    try:
        return os.readlink(Path(directory) / CURRENT)
    except OSError:
        return ""


def load(directory):
    """The current base, memory-mapped; None when the graph was never built there."""
    version = current_version(directory)
    if not version:
        return None
    path = Path(directory) / version
    arrays = {name: np.load(path / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in ARRAYS}
    meta = json.loads((path / "meta.json").read_text())
    return Base(**arrays, built_at=meta["built_at"], last_change=meta["last_change"], version=version)


def disk_size(directory):
    """Bytes on disk of the current version."""
    version = current_version(directory)
    path = Path(directory) / version
    return sum(f.stat().st_size for f in path.iterdir()) if version else 0
