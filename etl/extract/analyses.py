"""A cache of the model's analyses on disk, for development: ``DIPLO_ANALYSIS_CACHE=DIR``.

The statistical model takes most of a load's time, and a developer who edits a rule reloads
the same texts again and again. With the variable set, each analysis is stored in ``DIR``
under the hash of the model's identity and the text, and later runs read it back instead of
running the model. The rules downstream see the same ``Doc`` either way. Nothing is cached
without the variable, so users' loads never write outside the database.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CACHE_ENV = "DIPLO_ANALYSIS_CACHE"


def cache_dir() -> Path | None:
    value = os.environ.get(CACHE_ENV, "").strip()
    return Path(value).expanduser() if value else None


def _identity(nlp: Language) -> bytes:
    # A changed model, spaCy or pipeline analyses afresh.
    import spacy

    meta = nlp.meta
    return "|".join(
        [spacy.__version__, meta.get("name", ""), meta.get("version", ""), *nlp.pipe_names]
    ).encode()


def _path(root: Path, identity: bytes, text: str) -> Path:
    key = hashlib.sha256(identity + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    return root / key[:2] / f"{key}.spacy"


def cached_pipe(nlp: Language, texts: Sequence[str], root: Path) -> Iterator[Doc]:
    """``nlp.pipe(texts)``, reading what ``root`` holds and storing what it lacks."""
    from spacy.tokens import Doc

    identity = _identity(nlp)
    paths = [_path(root, identity, t) for t in texts]
    docs: list[Doc | None] = []
    for path in paths:
        try:
            docs.append(Doc(nlp.vocab).from_bytes(path.read_bytes()))
        except (OSError, ValueError):  # absent, or a file a killed run left half-written
            docs.append(None)
    todo = [i for i, d in enumerate(docs) if d is None]
    if todo:
        fresh = nlp.pipe([texts[i] for i in todo], batch_size=max(1, len(todo)))
        for i, doc in zip(todo, fresh, strict=True):
            docs[i] = doc
            paths[i].parent.mkdir(parents=True, exist_ok=True)
            partial = paths[i].with_suffix(f".{os.getpid()}.partial")
            partial.write_bytes(doc.to_bytes(exclude=["user_data"]))
            partial.replace(paths[i])
    for doc in docs:
        assert doc is not None
        yield doc
