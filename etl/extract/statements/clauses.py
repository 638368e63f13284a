"""Cues in a parsed sentence and what each one governs: its subject (who speaks) and its
content (what was said), as character spans (GUIDELINES.md: "the clause or phrase after the
cue, 'that' dropped", and only the cued sentence).

* after the cue: the cue's complements ("said that A", "urged members to A", "welcomed A",
  "called for A"), up to a coordinated predicate or a second cue ("said A, adding that B" is
  two statements, "welcomed A and called for B" too) or a trailing "according to";
* before the cue: "A, Mao said." / "A, said Xi.", the complement clause before the cue;
* around it: "As Xi put it, A" — the clause the "as" clause modifies;
* "according to X, A" / "A, according to X": the rest of the sentence;
* a noun of saying with its owner: "Biden's remark that A", "his call for A".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from etl.extract.speech_cues import Cue, cues_at, norm

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CORE = frozenset(
    {"ccomp", "xcomp", "dobj", "dative", "attr", "oprd", "acomp", "pobj", "pcomp", "obj"}
)
MODALS = frozenset(
    {"will", "would", "shall", "'ll", "wo", "may", "might", "could", "should", "can", "must"}
)
# Governors under which a verb of saying has not happened: "is expected to announce".
NOT_YET = frozenset(
    {
        *("expected", "expects", "expect", "scheduled", "set", "due", "plans", "plan"),
        *("planned", "going", "intends", "intend", "intended", "wants", "want", "likely"),
        *("hopes", "hoped", "ready", "able", "unable", "refused", "declined", "invited"),
    }
)
RELATIVE = frozenset({"who", "that", "which"})
LEADING = frozenset({"that", ",", ":", "—", "–", "-", ";"})
Side = Literal["after", "before", "around"]


@dataclass(frozen=True, slots=True)
class Hit:
    """A cue printed in a sentence: its words ``first..last`` and the token that heads it."""

    cue: Cue
    first: Token
    last: Token
    head: Token

    @property
    def text(self) -> str:
        return self.first.doc[self.first.i : self.last.i + 1].text


@dataclass(frozen=True, slots=True)
class Claim:
    """What a cue governs: the token that names its speaker and its content's tokens."""

    hit: Hit
    subject: Token | None
    first: int  # token indices of the content, inclusive
    last: int
    side: Side
    root: Token | None  # the token heading the content, for nested attribution
    # A second part before the cue when the cue sits inside its words ("“A,” X said, “B.”").
    also: tuple[int, int] | None = None


def find_hits(sent: Span) -> list[Hit]:
    """The cues of a sentence, longest first where two start at one word."""
    tokens = list(sent)
    norms = [norm(t.text) for t in tokens]
    hits: list[Hit] = []
    k = 0
    while k < len(tokens):
        hit = None
        for cue in cues_at(norms, k):
            hit = _validate(cue, tokens, k)
            if hit is not None:
                break
        if hit is None:
            k += 1
            continue
        hits.append(hit)
        k += len(hit.cue.words)
    return hits


def _validate(cue: Cue, tokens: list[Token], k: int) -> Hit | None:
    words = tokens[k : k + len(cue.words)]
    first, last = words[0], words[-1]
    if cue.kind == "source":
        return Hit(cue, first, last, first)
    if cue.kind == "noun":
        if first.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "poss" for c in first.children):
            return Hit(cue, first, last, first)
        return None
    if cue.kind == "reproduced":
        verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
        return Hit(cue, first, last, verbs[0] if verbs else last.head)
    if cue.kind != "clause":
        return None
    verbs = [t for t in words if t.pos_ == "VERB"]
    if not verbs:
        return None
    return Hit(cue, first, last, verbs[0])


def happened(verb: Token) -> bool:
    """Whether a verb of saying reports an act: not a modal, negated, passive, infinitive or
    expected one ("will announce", "did not say", "is said to", "is expected to announce"),
    nor a participle that only describes a noun ("the plan announced by Xi")."""
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass", "neg") and c.lower_ in MODALS | {"to", "not", "n't"}:
            return False
        if c.dep_ in ("auxpass", "nsubjpass", "neg"):
            return False
    if verb.dep_ in ("acl", "amod", "compound"):
        return False
    if verb.dep_ == "xcomp" and verb.head.lower_ in NOT_YET:
        return False
    # "would have condemned A and demanded B": the second verb shares the first's mood.
    if verb.dep_ == "conj" and any(
        c.dep_ == "aux" and c.lower_ in MODALS for c in verb.head.children
    ):
        return False
    # "the plan announced by X" is a launch; "a time when X has vowed to ..." a statement.
    return not (verb.dep_ == "relcl" and not any(c.dep_ == "nsubj" for c in verb.children))


def subject_of(verb: Token) -> Token | None:
    """The cue's subject, or that of the predicate it continues ("Calling for A, Wang urged B",
    "Wang described A, noting B", "Wang Yi, who was co-chair, said")."""
    node = verb
    for _ in range(6):
        subjects = [
            c
            for c in node.children
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and node != verb)
        ]
        if subjects:
            # Several where the parse went wrong: the one nearest the verb.
            c = min(subjects, key=lambda c: (c.i > node.i, abs(node.i - c.i)))
            if c.lower_ in RELATIVE and node.dep_ == "relcl":
                return node.head
            return c
        if node.dep_ in ("conj", "advcl", "xcomp", "dep", "pcomp", "prep", "pobj", "acomp"):
            if node.head == node:
                break
            node = node.head
            continue
        break
    return None


def is_list_participle(token: Token) -> bool:
    """ "calling for A, advocating B, valuing C and advocating D": participles in a list say
    what was called for, not another act."""
    return token.tag_ == "VBG" and any(c.dep_ == "conj" and c.tag_ == "VBG" for c in token.children)


def _is_cut(child: Token, cue_tokens: set[int], hit_heads: set[int]) -> bool:
    """A child of the cue after which its content stops: a coordinated predicate, a second
    cue ("..., adding that"), a trailing source ("..., according to X")."""
    if child.i in hit_heads and child.i not in cue_tokens and not is_list_participle(child):
        # A second cue coordinated with this one; one heading the content is nested instead.
        return child.dep_ in ("conj", "advcl", "parataxis", "dep", "npadvmod")
    if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
        return True
    if child.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in child.children):
        return True
    return child.dep_ == "prep" and child.lower_ == "according"


def claim(hit: Hit, hit_heads: set[int]) -> Claim | None:
    """The subject and content of a cue, or None when it governs nothing."""
    if hit.cue.kind == "source":
        return _source(hit)
    if hit.cue.kind == "reproduced":
        return _reproduced(hit)
    verb = hit.head
    if hit.cue.kind == "clause" and not happened(verb):
        return None
    subject = _owner(verb) if hit.cue.kind == "noun" else subject_of(verb)
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return _around(hit, subject, verb)
    kept = _children_after(hit, subject, hit_heads)
    cue_nouns = {t.i for t in verb.doc[hit.first.i : hit.last.i + 1] if t.i != verb.i}
    core = [
        c
        for c in kept
        if (c.dep_ in CORE or (c.dep_ == "acl" and c.head.i in cue_nouns) or _that_clause(c))
        and c.pos_ != "PUNCT"
    ]
    if hit.cue.object == "drop":
        core = [c for c in core if c.dep_ not in ("dobj", "dative")]
    if not core:  # "expressed concern about A", "made a plea for A": what the cue's noun is of
        core = [c for c in kept if c.head.i in cue_nouns and c.lower_ in _TOPIC_PREPOSITIONS]
    clause_after = [c for c in core if c.dep_ == "ccomp"]
    if hit.cue.kind == "noun":
        # "Biden's remark that A", "his call for A": a clause, or what is called for.
        core = [
            c
            for c in kept
            if (c.dep_ in ("ccomp", "acl", "relcl") and c.left_edge.lower_ == "that")
            or (c.head.i in cue_nouns and c.dep_ in ("pcomp", "pobj"))
        ]
        if not core:
            return None
    before = [c for c in verb.children if c.i < hit.first.i and c.dep_ in ("ccomp", "parataxis")]
    if not clause_after and before and hit.cue.kind == "clause":
        c = before[-1]
        return Claim(hit, subject, c.left_edge.i, c.right_edge.i, "before", c)
    if core:
        start = max(min(c.left_edge.i for c in core), hit.last.i + 1)
        end = max(c.right_edge.i for c in kept if c.right_edge.i >= start)
        if verb.dep_ == "advcl" and subject is not None and verb.i < subject.i < verb.head.i:
            # "Calling for A, Wang urged B": A runs to the main clause, whatever the parse.
            end = subject.left_edge.i - 1
        end = _before_own_occasion(verb.doc, start, end)
        root = clause_after[0] if clause_after else core[0]
        also = (before[-1].left_edge.i, before[-1].right_edge.i) if before else None
        return Claim(hit, subject, start, end, "after", root, also)
    if hit.cue.object == "drop":
        # "told a daily news briefing that A", the clause parsed into the object.
        that = next((t for t in verb.subtree if t.i > hit.last.i and t.lower_ == "that"), None)
        if that is not None:
            return Claim(hit, subject, that.i + 1, verb.right_edge.i, "after", None)
    return _before(hit, subject, verb)


_TOPIC_PREPOSITIONS = frozenset({"about", "over", "with", "regarding", "at", "for", "in", "of"})


def _that_clause(child: Token) -> bool:
    """ "hopes that A" where the parser hung the that-clause on the verb as a modifier."""
    return child.dep_ in ("acl", "advcl", "relcl") and child.left_edge.lower_ == "that"


def _children_after(hit: Hit, subject: Token | None, hit_heads: set[int]) -> list[Token]:
    """The cue's dependents after it, up to the first that ends what was said (a second cue,
    a coordinated predicate, a trailing source, the occasion or time of saying)."""
    cue_tokens = set(range(hit.first.i, hit.last.i + 1))
    verb = hit.head
    after = sorted(
        (
            c
            for t in (verb, *verb.doc[hit.first.i : hit.last.i + 1])
            for c in t.children
            if c.i > hit.last.i and c.i not in cue_tokens and c != subject
        ),
        key=lambda c: c.i,
    )
    kept: list[Token] = []
    for c in after:
        if _is_cut(c, cue_tokens, hit_heads):
            break
        if kept and any(k.dep_ in CORE for k in kept) and _names_the_occasion(c):
            break
        kept.append(c)
    return kept


# What a modifier of the cue names when it says where or when the words were said: "in his
# phone conversations with ...", "on Tuesday", "at the press conference".
OCCASION_WORDS = frozenset(
    {
        *("talks", "meeting", "meetings", "call", "calls", "conversation", "conversations"),
        *("visit", "summit", "conference", "briefing", "speech", "address", "interview"),
        *("session", "ceremony", "statement", "remarks", "message", "forum", "today"),
        *("yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"),
        *("sunday", "january", "february", "march", "april", "june", "july", "august"),
        *("september", "october", "november", "december", "week", "weekend", "reporters"),
    }
)


def _names_the_occasion(child: Token) -> bool:
    if child.dep_ == "npadvmod":
        return child.lower_ in OCCASION_WORDS
    if child.dep_ != "prep" or child.lower_ not in ("in", "at", "during", "on", "after", "before"):
        return False
    return any(g.dep_ == "pobj" and g.lower_ in OCCASION_WORDS for g in child.children)


def _before_own_occasion(doc: Doc, start: int, end: int) -> int:
    """ "called for deepening relations in his phone conversations with ...": the speaker's
    own occasion closing the content, wherever the parser attached it, is not what was said."""
    for t in doc[start + 2 : end + 1]:
        if t.dep_ != "prep" or t.lower_ not in ("in", "at", "during"):
            continue
        if not all(_trailing_time(r) for r in doc[t.right_edge.i + 1 : end + 1]):
            continue
        objects = [g for g in t.children if g.dep_ == "pobj" and g.lower_ in OCCASION_WORDS]
        if any(p.dep_ == "poss" and p.lower_ in OWN for o in objects for p in o.children):
            return t.i - 1
    return end


OWN = frozenset({"his", "her", "their", "its"})


def _trailing_time(token: Token) -> bool:
    """Words that may follow the occasion: "on Tuesday", "respectively"."""
    if token.pos_ in ("ADV", "PUNCT"):
        return True
    return any(a.dep_ == "prep" and _names_the_occasion(a) for a in (token, *token.ancestors))


def _before(hit: Hit, subject: Token | None, verb: Token) -> Claim:
    """ "A, Mao said.": the words before the cue's clause, when the parse did not make them
    its complement; else an empty claim (a quotation may still follow or precede it)."""
    sent_start = verb.sent.start
    hanging = verb.dep_ in ("parataxis", "ccomp", "conj") and verb.head.i < verb.i
    if hit.cue.kind == "clause" and hanging:
        end = min(verb.left_edge.i, subject.left_edge.i if subject is not None else verb.i)
        if end - 1 > sent_start:
            return Claim(hit, subject, sent_start, end - 1, "before", verb.head)
    if hit.cue.kind == "clause" and subject is not None and subject.i < verb.i:
        # "..., X tweeted." closing a quotation or a clause the parse did not tie to the cue.
        end = subject.left_edge.i - 1
        words = verb.doc[sent_start : end + 1]
        closes = verb.doc[end].text in (",", "”", '"') or verb.doc[end - 1].text == ","
        if end > sent_start and closes and any(t.pos_ in ("VERB", "AUX") for t in words):
            return Claim(hit, subject, sent_start, end, "before", None)
    return Claim(hit, subject, hit.last.i + 1, hit.last.i, "after", None)


def _owner(noun: Token) -> Token | None:
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    return None


def _around(hit: Hit, subject: Token | None, verb: Token) -> Claim | None:
    """ "As Xi put it in December, A": the clause the "as" clause modifies, after it."""
    head = verb.head
    if head == verb:
        return None
    start, end = verb.right_edge.i + 1, head.right_edge.i
    if start > end:
        start, end = head.left_edge.i, verb.left_edge.i - 1
    return Claim(hit, subject, start, end, "around", head)


def _source(hit: Hit) -> Claim | None:
    """ "According to X, A" and "A, according to X": X speaks; A is the rest."""
    doc = hit.first.doc
    if hit.last.i + 1 >= len(doc):
        return None
    to = hit.last
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in hit.first.children if c.dep_ == "pobj"
    ]
    if not objects:
        return None
    source = objects[0]
    phrase_start = hit.first.i
    phrase_end = max(source.right_edge.i, hit.last.i)
    sent = hit.first.sent
    if phrase_start - sent.start <= 1:
        return Claim(hit, source, phrase_end + 1, sent.end - 1, "after", hit.first.head)
    return Claim(hit, source, sent.start, phrase_start - 1, "before", hit.first.head)


SPEECH_NOUNS = frozenset(
    {"statement", "remarks", "speech", "address", "message", "text", "transcript", "briefing"}
)


def _reproduced(hit: Hit) -> Claim | None:
    """ "X issued the following statement:" (X speaks) and "The following is X's opening
    statement." (the owner of the text speaks); what follows is the text."""
    if hit.head.lower_ in ("is", "are"):
        texts = [c for c in hit.head.children if c.dep_ == "attr" and c.lower_ in SPEECH_NOUNS]
        owners = [o for t in texts for o in t.children if o.dep_ == "poss"]
        if not owners:
            return None
        return Claim(hit, owners[0], hit.last.i + 1, hit.last.i, "after", None)
    if not happened(hit.head):
        return None
    return Claim(hit, subject_of(hit.head), hit.last.i + 1, hit.last.i, "after", None)
