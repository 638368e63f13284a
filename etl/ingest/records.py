"""Which record of a file a document is. A record of a JSON Lines file (or of a JSON array)
is known by its own identity, never by its position: lines moving, records added above it
or removed around it change nothing.

The identity is the record's ``id`` (or ``guid``, ``uuid``), else its URL (``url``, ``link``,
``canonical_url``, ``uri``), else its content. An id or URL that records of different
content share within one file identifies none of them, so those go by their content: a
feed that gives every record its site's home page as ``url`` still loads every record.

Keys are stored in ``documents.source_record`` as ``id=...``, ``url=...`` or
``sha256=...``. Rows loaded before identities existed hold their position (``L12`` for
line 12, ``3`` for the fourth element of an array); a load re-keys them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ID_KEYS = ("id", "guid", "uuid")
URL_KEYS = ("url", "link", "canonical_url", "uri")

# Longer stated identities go by content: the key is indexed with the path, and btree
# entries have a size limit.
_MAX_IDENTITY = 1000
POSITION_PATTERN = r"^L?[0-9]+$"
_POSITION = re.compile(POSITION_PATTERN)


def stated_identity(record: object) -> str | None:
    """``id=...`` or ``url=...`` from a record's own fields, or None when it states none."""
    if not isinstance(record, dict):
        return None
    for prefix, keys in (("id", ID_KEYS), ("url", URL_KEYS)):
        for key in keys:
            value = _scalar(record.get(key))
            if value:
                return f"{prefix}={value}"
    return None


def _scalar(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value if 0 < len(value) <= _MAX_IDENTITY else None
    return None


def shared_identities(records: Iterable[tuple[str | None, str]]) -> frozenset[str]:
    """The stated identities that records of different content share, from the
    ``(stated identity, content hash)`` of every record of one file."""
    first: dict[str, str] = {}
    shared: set[str] = set()
    for stated, sha in records:
        if stated is not None and first.setdefault(stated, sha) != sha:
            shared.add(stated)
    return frozenset(shared)


def record_key(stated: str | None, content_sha256: str, shared: frozenset[str]) -> str:
    """The key a record is stored under: its stated identity unless others share it."""
    if stated is not None and stated not in shared:
        return stated
    return f"sha256={content_sha256}"


def is_position(key: str) -> bool:
    """True for a key stored by an older diplo: the record's line or index at the time."""
    return _POSITION.match(key) is not None
