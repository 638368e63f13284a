"""Discover stage: turn command-line arguments into candidate inputs.

An argument may be a file, a directory (walked recursively), a glob pattern, or ``-`` for
standard input. Nothing is read here; the reader opens each candidate later, so a file may
still vanish in between and the reader reports that.

Problems the user should hear about (a named file that does not exist or has an
unsupported type, a pattern that matches nothing) come out as :class:`Rejection` values in
the same stream, so the batch goes on and the report lists them. Inside directories,
hidden entries and files of other types are skipped silently: a corpus folder usually holds
notes, images and ``.git`` directories that nobody meant to load.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl.article import InputKind, Rejection
from etl.ingest.sidecar import is_sidecar

STDIN_SOURCE = "<stdin>"

#: File suffix (lower case) -> kind of input.
SUFFIX_KINDS: dict[str, InputKind] = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "json",
    ".json": "json",
    ".ndjson": "json",
}

_SUPPORTED = ", ".join(SUFFIX_KINDS)
_GLOB_MAGIC = re.compile(r"[*?[]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One input to read: a file (``path``) or standard input (``path is None``).

    ``source`` is what the user will see in reports: the path as typed, or joined with the
    relative path found inside a directory the user named (never made absolute).
    """

    source: str
    path: Path | None
    kind: InputKind


def kind_for(path: str | os.PathLike[str]) -> InputKind | None:
    """The input kind for a file name, or None when the suffix is not supported."""
    return SUFFIX_KINDS.get(os.path.splitext(os.fspath(path))[1].lower())


def discover(args: Sequence[str]) -> Iterator[Candidate | Rejection]:
    """Yield a candidate per input file (or stdin), or a rejection per unusable argument.

    Order is deterministic: arguments in the order given, directory entries sorted by
    name. Each file is yielded at most once per call (by real path), so naming a
    directory and a file inside it, or a symlink and its target, does not load twice.
    """
    for item in _discover(args):
        if _is_text(item.source):
            yield item
        elif isinstance(item, Candidate):
            yield Rejection(printable(item.source), "file name is not valid UTF-8 (rename it)")
        else:
            yield Rejection(printable(item.source), item.reason, item.content_sha256)


def _discover(args: Sequence[str]) -> Iterator[Candidate | Rejection]:
    seen_files: set[str] = set()
    stdin_done = False
    for arg in args:
        if arg == "-":
            if not stdin_done:
                stdin_done = True
                yield Candidate(STDIN_SOURCE, None, "text")
            continue
        # A name that exists literally wins over its reading as a pattern, so a file
        # called "report [draft].txt" can still be named.
        if is_pattern(arg):
            yield from _expand_glob(arg, seen_files)
        else:
            yield from _explicit(arg, seen_files)


def is_pattern(arg: str) -> bool:
    """True when ``arg`` is read as a glob pattern: it has pattern characters and is not
    the literal name of something that exists."""
    return bool(_GLOB_MAGIC.search(arg)) and not os.path.lexists(arg)


def _is_text(name: str) -> bool:
    """True when ``name`` can be stored as text. Linux file names are bytes; those that are
    not UTF-8 reach Python as lone surrogates, which PostgreSQL (and any UTF-8 log) refuses,
    so such a file could neither be recorded as a document nor as a rejection."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(name: str) -> str:
    """``name`` with the bytes that are not UTF-8 shown as ``\\xNN`` escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _explicit(arg: str, seen_files: set[str]) -> Iterator[Candidate | Rejection]:
    """A path the user named: reject what cannot be used, loudly."""
    try:
        st = os.stat(arg)
    except FileNotFoundError:
        reason = "broken symbolic link" if os.path.islink(arg) else "no such file or directory"
        yield Rejection(arg, reason)
        return
    except NotADirectoryError:
        yield Rejection(arg, "no such file or directory")
        return
    except PermissionError:
        yield Rejection(arg, "permission denied")
        return
    except OSError as exc:  # e.g. ELOOP on a self-referencing symlink, name too long
        yield Rejection(arg, f"cannot access: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(st.st_mode):
        supported = [0]
        yield from _walk(arg, seen_files, supported)
        if not supported[0]:
            # Loading nothing without a word looks like success; say why instead.
            yield Rejection(
                arg,
                f"directory holds no supported files (supported: {_SUPPORTED})",
                remember=False,
            )
        return
    if is_sidecar(arg):
        return  # metadata of the file beside it, read with that file (`diplo load dir/*`)
    kind = kind_for(arg)
    if kind is None:
        suffix = os.path.splitext(arg)[1]
        what = f"'{suffix}'" if suffix else "(no suffix)"
        yield Rejection(arg, f"unsupported file type {what} (supported: {_SUPPORTED})")
        return
    if _first_time(arg, seen_files):
        yield Candidate(arg, Path(arg), kind)


def _expand_glob(pattern: str, seen_files: set[str]) -> Iterator[Candidate | Rejection]:
    """Expand a pattern; matches of unsupported type are skipped quietly.

    A ``**`` component matches any number of directories. It is expanded by our own
    loop-safe walk rather than ``glob.glob(recursive=True)``, which follows symlink loops
    until the path grows too long (exponential time in practice). Without ``**``, glob
    is fine: its depth is bounded by the pattern.
    """
    if "**" in pattern.replace(os.sep, "/").split("/"):
        matches = _expand_double_star(pattern)
    else:
        matches = [(m, os.path.isdir(m)) for m in sorted(glob.glob(pattern))]
    if not matches:
        yield Rejection(pattern, "pattern matched no files", remember=False)
        return
    found = False
    for match, is_dir in matches:
        if is_dir:
            for item in _walk(match, seen_files):
                found = found or isinstance(item, Candidate)
                yield item
            continue
        kind = kind_for(match)
        if kind is None or not os.path.isfile(match) or is_sidecar(match):
            continue
        found = True
        if _first_time(match, seen_files):
            yield Candidate(match, Path(match), kind)
    if not found:
        yield Rejection(
            pattern,
            f"pattern matched no supported files (supported: {_SUPPORTED})",
            remember=False,
        )


def _expand_double_star(pattern: str) -> list[tuple[str, bool]]:
    """Files (any suffix) matched by a pattern with ``**``, sorted; ``(path, is_dir=False)``.

    The part before the first ``**`` is globbed normally to find base directories; below
    each, every file whose relative path matches the rest of the pattern is taken, as is
    every file inside a directory that matches it (so ``corpus/**`` means everything).
    """
    parts = pattern.replace(os.sep, "/").split("/")
    cut = parts.index("**")
    base_pattern = "/".join(parts[:cut])
    rest = [p for p in parts[cut:] if p]  # "a//b" and a trailing "/" add nothing
    if not base_pattern:
        bases = ["/"] if pattern.startswith("/") else [""]
    elif _GLOB_MAGIC.search(base_pattern):
        bases = sorted(b for b in glob.glob(base_pattern) if os.path.isdir(b))
    else:
        bases = [base_pattern] if os.path.isdir(base_pattern) else []
    found: set[str] = set()
    for base in bases:
        for rel_parts in _walk_files(base or "."):
            if isinstance(rel_parts, Rejection):
                continue
            # A file matches, or lies below a directory that matches.
            if any(_match_parts(rest, rel_parts[:n]) for n in range(1, len(rel_parts) + 1)):
                found.add(os.path.join(base, *rel_parts) if base else os.path.join(*rel_parts))
    return [(path, False) for path in sorted(found)]


def _match_parts(pattern: list[str], parts: tuple[str, ...]) -> bool:
    """Shell-style match of path components, ``**`` standing for zero or more of them."""
    if not pattern:
        return not parts
    head, tail = pattern[0], pattern[1:]
    if head == "**":
        return any(_match_parts(tail, parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _match_parts(tail, parts[1:])


def _walk(
    root: str, seen_files: set[str], supported: list[int] | None = None
) -> Iterator[Candidate | Rejection]:
    """Candidates for the supported files under ``root``, in sorted path order.

    ``supported[0]`` is incremented per supported file found, duplicates included, so the
    caller can tell "nothing there" from "all already listed".
    """
    for item in _walk_files(root, report=True):
        if isinstance(item, Rejection):
            yield item
            continue
        path = os.path.join(root, *item)
        kind = kind_for(path)
        if kind is None or is_sidecar(path):
            continue
        if supported is not None:
            supported[0] += 1
        if _first_time(path, seen_files):
            yield Candidate(path, Path(path), kind)


def _walk_files(root: str, *, report: bool = False) -> Iterator[tuple[str, ...] | Rejection]:
    """Relative paths (tuples of names) of the regular files under ``root``.

    Depth-first in name order (like sorted full paths), following symlinks, skipping
    hidden entries. An explicit stack instead of recursion keeps very deep trees from
    hitting the recursion limit; the real paths of visited directories stop symlink
    loops. With ``report``, unreadable directories come out as Rejection values.
    """
    visited_dirs: set[str] = set()
    # Each stack item is (relative parts, is_dir); a directory is listed when popped.
    stack: list[tuple[tuple[str, ...], bool]] = [((), True)]
    while stack:
        rel, is_dir = stack.pop()
        if not is_dir:
            yield rel
            continue
        directory = os.path.join(root, *rel)
        real = os.path.realpath(directory)
        if real in visited_dirs:
            continue
        visited_dirs.add(real)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            if report:
                yield Rejection(directory, "permission denied")
            continue
        except OSError as exc:
            if report:
                yield Rejection(directory, f"cannot list directory: {exc.strerror or exc}")
            continue
        children: list[tuple[tuple[str, ...], bool]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                child_is_dir = entry.is_dir()  # follows symlinks
                if not child_is_dir and not entry.is_file():
                    continue  # sockets, FIFOs, devices, broken links
            except OSError:  # symlink loop, permission: nothing we could read anyway
                continue
            children.append(((*rel, entry.name), child_is_dir))
        stack.extend(reversed(children))


def _first_time(path: str, seen_files: set[str]) -> bool:
    real = os.path.realpath(path)
    if real in seen_files:
        return False
    seen_files.add(real)
    return True
