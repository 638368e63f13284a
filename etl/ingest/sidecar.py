"""Metadata a user states for a file that carries none of its own: a plain-text speech, a
transcript, a page saved without its <meta> tags.

Two documented forms, for any corpus (never a rule for one):

- a sidecar ``<file>.meta.json`` beside the file (``speech.txt.meta.json``), one JSON object;
- front matter at the top of a ``.txt`` or ``.md`` file: a ``---`` line, ``key: value``
  lines, and a closing ``---`` line.

Keys: ``title``, ``published`` (or ``date``), ``outlet`` (or ``source``, ``publisher``),
``author``, ``url``, ``language``. A sidecar wins over front matter, and both win over what
the file states itself (HTML <meta>) or implies (its first lines). The sidecar's bytes are
part of the document's content identity: editing it re-parses the document on the next load.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from etl.article import SourceMeta
from etl.errors import RejectedInput

SIDECAR_SUFFIX = ".meta.json"

# Keys and their synonyms, in the order they are tried.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "published": ("published", "date", "published_on"),
    "outlet": ("outlet", "source", "publisher"),
    "author": ("author", "byline"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
}
_KNOWN = frozenset(k for keys in FIELDS.values() for k in keys)

# Front matter is short; a "---" rule further down a Markdown file is not its end.
_MAX_FRONT_MATTER_LINES = 40
_FRONT_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def sidecar_of(path: str | os.PathLike[str]) -> Path:
    """Where the sidecar of ``path`` would be."""
    return Path(os.fspath(path) + SIDECAR_SUFFIX)


def is_sidecar(path: str | os.PathLike[str]) -> bool:
    """True for ``X.meta.json`` beside an existing ``X``: metadata of X, not an article."""
    name = os.fspath(path)
    if not name.lower().endswith(SIDECAR_SUFFIX):
        return False
    return os.path.isfile(name[: -len(SIDECAR_SUFFIX)])


def read_sidecar(path: str | os.PathLike[str], max_bytes: int) -> bytes | None:
    """The sidecar's bytes, or None when the file has none."""
    try:
        with open(sidecar_of(path), "rb") as fh:
            data = fh.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    if len(data) > max_bytes:
        raise RejectedInput(f"metadata sidecar {SIDECAR_SUFFIX} too large")
    return data


def sidecar_fields(data: bytes) -> dict[str, str]:
    """The stated fields of a sidecar; RejectedInput when it is not a JSON object."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise RejectedInput(f"invalid metadata sidecar {SIDECAR_SUFFIX}: {exc}") from None
    if not isinstance(value, Mapping):
        raise RejectedInput(f"metadata sidecar {SIDECAR_SUFFIX} is not a JSON object")
    return {str(k).lower(): str(v) for k, v in value.items() if isinstance(v, str | int)}


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(fields, text without them)``; no fields when the text does not open with front
    matter (every line between the ``---`` lines a ``key: value``, one key a known one)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    fields: dict[str, str] = {}
    for index, line in enumerate(lines[1 : _MAX_FRONT_MATTER_LINES + 1], start=1):
        if line.strip() == "---":
            if not _KNOWN.intersection(fields):
                return {}, text
            return fields, "\n".join(lines[index + 1 :]).lstrip("\n")
        if not line.strip():
            continue
        match = _FRONT_LINE.match(line)
        if match is None:
            return {}, text
        fields[match["key"].lower()] = _unquote(match["value"])
    return {}, text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def stated_meta(fields: Mapping[str, Any], base: SourceMeta) -> SourceMeta:
    """``base`` with every field the user stated put over it."""

    def pick(name: str) -> str | None:
        for key in FIELDS[name]:
            value = fields.get(key)
            if isinstance(value, str | int) and str(value).strip():
                return " ".join(str(value).split())
        return getattr(base, name)

    return SourceMeta(**{name: pick(name) for name in FIELDS})
