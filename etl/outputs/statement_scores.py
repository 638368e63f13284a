"""Scoring statements against gold (GUIDELINES.md, statements): a predicted statement matches a
gold one when the speakers are the same (as entities are matched: a shared surface form, or
the same ISO3 code) and their contents share at least half of their content words (the Dice
coefficient of the two word sets, stop words left out, >= 0.5).

Three scores per document:

* ``statements``: speaker and content;
* ``statements found``: content alone, whoever the speaker (detection);
* ``speaker right``: of the statements found, the share whose speaker is right
  (attribution). Its ``tp`` counts right speakers and ``fp`` and ``fn`` both count wrong ones,
  so precision, recall and F1 all read as that share.

Pure functions over gold-format dicts (a document with ``persons``, ``organizations`` and
``statements``), so ``diplo evaluate`` and the bench scripts score the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from etl.outputs.scoring import Score, max_matching, names_of, normalize_name

STATEMENT_FIELDS = ("statements", "statements found", "speaker right")
MIN_DICE = 0.5

# English function words (pronouns, determiners, auxiliaries, prepositions, conjunctions):
# the words two renderings of one content share whatever was said.
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves s t d ll m re ve also
    """.split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W_]+")


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry content: lower-cased, accents and stop words left out."""
    return frozenset(w for w in _WORD.findall(normalize_name(text)) if w not in STOP_WORDS)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def contents_match(predicted: str, gold: str) -> bool:
    return _contents_match(content_words(predicted), content_words(gold), predicted, gold)


def _contents_match(a: frozenset[str], b: frozenset[str], text_a: str, text_b: str) -> bool:
    """Dice >= 0.5; a content of stop words alone ("the most i", cut off by the page) matches
    only the same words."""
    if not a or not b:
        return bool(text_a.strip()) and normalize_name(text_a) == normalize_name(text_b)
    return dice(a, b) >= MIN_DICE


def speaker_names(statement: Mapping[str, Any], document: Mapping[str, Any]) -> set[str]:
    """The names a statement's speaker answers to in its document: the ISO3 code of a state,
    else the canonical name and every alias of the document's person or organization of that
    name (the name alone when the document does not list it)."""
    speaker = statement.get("speaker") or ""
    if statement.get("speaker_kind") == "country":
        return {speaker.upper()}
    name = normalize_name(speaker)
    fields = ("persons", "organizations")
    if statement.get("speaker_kind") == "organization":
        fields = ("organizations", "persons")
    for field in fields:
        for item in document.get(field, ()):
            if normalize_name(item.get("name") or "") == name:
                return names_of(item)
    return {name} if name else set()


@dataclass(frozen=True, slots=True)
class StatementMatching:
    """How one document's predicted statements pair with its gold ones."""

    predicted: Sequence[Mapping[str, Any]]
    gold: Sequence[Mapping[str, Any]]
    full: dict[int, int]  # prediction -> gold item, speaker and content
    found: dict[int, int]  # prediction -> gold item, content (grown from ``full``)
    right: frozenset[int]  # the predictions in ``found`` whose speaker is right

    def scores(self) -> dict[str, Score]:
        n_pred, n_gold = len(self.predicted), len(self.gold)
        full, found = len(self.full), len(self.found)
        wrong = found - len(self.right)
        return {
            "statements": Score(tp=full, fp=n_pred - full, fn=n_gold - full),
            "statements found": Score(tp=found, fp=n_pred - found, fn=n_gold - found),
            "speaker right": Score(tp=len(self.right), fp=wrong, fn=wrong),
        }

    def extras(self) -> list[Mapping[str, Any]]:
        """Predictions whose content matches no gold statement."""
        return [p for j, p in enumerate(self.predicted) if j not in self.found]

    def misses(self) -> list[Mapping[str, Any]]:
        """Gold statements whose content no prediction matches."""
        matched = set(self.found.values())
        return [g for i, g in enumerate(self.gold) if i not in matched]

    def wrong_speakers(self) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
        """(prediction, gold) pairs of matching content and different speakers."""
        return [
            (self.predicted[j], self.gold[i]) for j, i in self.found.items() if j not in self.right
        ]


def match_statements(
    predicted_document: Mapping[str, Any], gold_document: Mapping[str, Any]
) -> StatementMatching:
    """Maximum one-to-one matchings of a document's statements: by speaker and content, then
    grown by content alone, so that right speakers are paired first."""
    pred: Sequence[Mapping[str, Any]] = predicted_document.get("statements") or ()
    gold: Sequence[Mapping[str, Any]] = gold_document.get("statements") or ()
    pred_texts = [p.get("content") or "" for p in pred]
    pred_words = [content_words(t) for t in pred_texts]
    pred_names = [speaker_names(p, predicted_document) for p in pred]
    same_content: list[list[int]] = []
    same_speaker: list[set[int]] = []
    for g in gold:
        text = g.get("content") or ""
        words, names = content_words(text), speaker_names(g, gold_document)
        js = [
            j for j, pw in enumerate(pred_words) if _contents_match(pw, words, pred_texts[j], text)
        ]
        same_content.append(js)
        same_speaker.append({j for j in js if pred_names[j] & names})
    full = max_matching([sorted(s) for s in same_speaker])
    found = max_matching(same_content, full)
    right = frozenset(j for j, i in found.items() if j in same_speaker[i])
    return StatementMatching(pred, gold, full, found, right)


def score_statements(
    predicted_document: Mapping[str, Any], gold_document: Mapping[str, Any]
) -> dict[str, Score]:
    """The three statement scores of one document (see the module docstring)."""
    return match_statements(predicted_document, gold_document).scores()
