"""Agreements and other acts: signings, resolutions, diplomatic relations, launches and
anniversaries.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.events.attach import place_after, place_for
from etl.extract.events.context import Built, Candidate, Context, Trigger, in_tokens, within
from etl.extract.events.lexicon import ORDINAL, ORDINAL_WORDS, norm
from etl.extract.events.participants import (
    clause_participants,
    content_key,
    country_label,
    participant_countries,
    participant_names,
    phrase,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _anniversary_subject(ctx: Context, tok: Token) -> str:
    ordinal = ""
    for child in tok.children:
        if ORDINAL.match(child.text) or child.lower_ in ORDINAL_WORDS:
            ordinal = child.text + " "
    tail = ""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            sub = list(child.subtree)
            tail = ctx.text[sub[0].idx : sub[-1].idx + len(sub[-1])]
    return f"{ordinal}anniversary {tail}".strip()


def _object_text(tok: Token, preps: tuple[str, ...] = ("of",)) -> tuple[Token | None, str]:
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            return child, phrase(child)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for g in child.children:
                if g.dep_ == "pobj":
                    return g, phrase(g)
    return None, ""


def _under_anniversary(tok: Token) -> bool:
    """ "The 40th anniversary of the signing of the Treaty" remembers a signing; it is none."""
    node = tok
    for _ in range(4):
        if node.lower_ in ("anniversary", "anniversaries", "jubilee"):
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def agreement(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    tok, low = trigger.token, trigger.low
    if _under_anniversary(tok):
        return None
    obj, phrase = _object_text(tok)
    if obj is None and tok.dep_ == "compound" and tok.head.lower_ in ("ceremony", "ceremonies"):
        # "the signing ceremony for the Joint Statement": what the ceremony was for.
        obj, phrase = _object_text(tok.head, ("of", "for"))
    if obj is None:
        return None
    words = {t.lower_ for t in obj.subtree}
    if (tok.pos_ == "NOUN" and low == "adoption") or low in ("adopted", "passed"):
        if "resolution" in words or "resolutions" in words:
            etype = "resolution"
        elif words & {"declaration", "statement", "charter", "agreement", "communique"}:
            etype = "signing"
        else:
            return None
        label = "Adoption of " + phrase
    else:
        if not words & {
            "agreement",
            "agreements",
            "memorandum",
            "memorandums",
            "memoranda",
            "declaration",
            "deal",
            "treaty",
            "accord",
            "statement",
            "resolutions",
            "resolution",
            "mou",
            "mous",
            "documents",
            "contracts",
            "protocol",
            "understanding",
            "understandings",
        }:
            return None
        etype = "resolution" if words & {"resolution", "resolutions"} else "signing"
        label = "Signing of " + phrase
    parts = clause_participants(ctx, tok, "signatory", "signatory")
    return trigger.candidate(
        etype,
        "s:" + " ".join(sorted(content_key(phrase))),
        label,
        parts,
        confidence=0.6,
        location=place_after(ctx, trigger, 150),
    )


def relations(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    tok, sent = trigger.token, trigger.sentence
    verb = tok.head if tok.pos_ == "NOUN" else tok
    node = tok
    for _ in range(3):
        if node.lower_ == "anniversary":
            return None
        node = node.head
    vl = verb.lower_
    if not re.match(r"(re-?)?(establish|restor|resum|normali[sz]|agree|forg|set|open)", vl):
        return None
    restore = bool(re.match(r"(restor|resum|re-?establish|normali)", vl))
    if vl.startswith("agree"):
        restore = False
    scope_tok = verb
    parts = clause_participants(ctx, scope_tok, "signatory", "signatory")
    countries = participant_countries(parts)
    # "agreed to restore diplomatic relations": the verb under "agreed" decides.
    for t in sent:
        if (t.head == verb or t == verb) and re.match(r"(restor|resum|re-?establish)", t.lower_):
            restore = True
    if len(countries) < 2 and not participant_names(parts, "person"):
        return None
    label = " and ".join(country_label(c) for c in countries[:2])
    what = "Restoration" if restore else "Establishment"
    return trigger.candidate(
        "diplomatic_relations",
        "d:" + "|".join(sorted(countries)),
        f"{what} of diplomatic relations between {label}",
        parts,
        confidence=0.7,
        location=place_for(ctx, sent.start_char, trigger.end, sent.end_char),
    )


def launch(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    tok = trigger.token
    if trigger.low == "launch" and tok.pos_ == "NOUN":
        scope_start, scope_end = trigger.start, max(t.idx + len(t) for t in tok.subtree)
    else:
        obj, _ = _object_text(tok)
        if obj is None:
            return None
        scope_start = min(t.idx for t in obj.subtree)
        scope_end = max(t.idx + len(t) for t in obj.subtree)
    inits = within(ctx.initiatives, scope_start, scope_end)
    groups = [
        o
        for o in within(ctx.orgs, scope_start, scope_end)
        if re.search(r"\b(Group|Friends)\b", o.name)
    ]
    quoted = re.search(
        r"[“\"]([^”\"]{3,60})[”\"]\s+(group|initiative)", ctx.text[scope_start:scope_end]
    )
    if not inits and not groups and not quoted:
        return None
    if inits:
        what = inits[0].name
        surface = ctx.text[scope_start:scope_end]
        for s, e, ent in ctx.initiatives:
            if ent is inits[0] and scope_start <= s and e <= scope_end:
                surface = ctx.text[s:e]
                break
        label = surface if "community" in what else what
    elif groups:
        what = label = groups[0].name
    else:
        assert quoted is not None
        what = label = f"{quoted.group(1)} {quoted.group(2)}"
    parts = clause_participants(ctx, tok, "participant", "participant")
    return trigger.candidate(
        "launch",
        "l:" + " ".join(sorted(content_key(label))),
        f"Launch of the {label}" if not label.lower().startswith("the ") else f"Launch of {label}",
        parts,
        initiatives=[i.name for i in inits],
        confidence=0.6,
    )


def anniversary(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    tok = trigger.token
    if tok.pos_ == "NOUN":
        verb = tok.head
        if not re.match(r"(celebrat|mark|commemorat|observ)", verb.lower_) or verb.pos_ != "VERB":
            return None
        if any(g.start <= trigger.start < g.end + 60 for g in gatherings):
            return None  # "the conference marking the 70th anniversary" is the conference
        anniversary = tok
    else:
        anniversary = next((c for c in tok.children if c.lower_ == "anniversary"), None)
        obj, _ = _object_text(tok)
        anniversary = anniversary or obj
        if anniversary is None or "anniversary" not in norm(phrase(anniversary)):
            return None
        verb = tok
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or not (
        in_tokens(ctx.countries, list(subjects[0].subtree))
        or in_tokens(ctx.persons, list(subjects[0].subtree))
        or in_tokens(ctx.orgs, list(subjects[0].subtree))
    ):
        return None
    parts = clause_participants(ctx, verb, "participant", "participant")
    label = _anniversary_subject(ctx, anniversary)
    countries = participant_countries(parts)
    if "relations" in label and len(countries) >= 2:
        label = f"{label.split(' of ')[0]} of {country_label(countries[0])}-{country_label(countries[1])} diplomatic relations"
    return trigger.candidate(
        "anniversary",
        "a:" + " ".join(sorted(content_key(label))),
        label[:1].upper() + label[1:],
        parts,
        confidence=0.6,
    )


# What a jointly issued text is called; one side's "statement" is no signing unless it is
# joint, a chair's, or issued by several parties together.
_JOINT_TEXTS = frozenset({"statement", "declaration", "communique", "communiqué", "vision"})
_TOGETHER = frozenset(
    {"leaders", "sides", "both", "two", "countries", "nations", "parties", "ministers", "heads"}
)


def issuance(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    """ "the two sides issued a joint press statement", "The Joint Statement was issued",
    "the India-Japan Vision Statement issued in 2018", "G7 leaders issued a statement":
    the issuance of a text agreed by several parties, a signing."""
    tok = trigger.token
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        obj = tok.head
    else:
        obj, _ = _object_text(tok)
    if obj is None or (
        obj.lower_ not in _JOINT_TEXTS and obj.lower_.rstrip("s") not in _JOINT_TEXTS
    ):
        return None
    words = {t.lower_ for t in obj.subtree}
    subjects = [t for c in tok.children if c.dep_ == "nsubj" for t in c.subtree]
    subject_words = {t.lower_ for t in subjects}
    named = any(t.text[:1].isupper() for t in obj.subtree if t.i <= obj.i and not t.is_sent_start)
    together = (
        "joint" in words
        or "chairman" in words
        or "chair" in words
        or bool(subject_words & _TOGETHER)
        or bool(in_tokens(ctx.orgs, subjects))
        or (named and len(in_tokens(ctx.countries, list(obj.subtree))) >= 2)
    )
    if not together:
        return None
    text = phrase(obj) if tok.dep_ != "acl" else _left_phrase(obj)
    parts = clause_participants(ctx, tok, "signatory", "signatory")
    countries = participant_countries(parts)
    if not named and len(countries) >= 2:
        text = f"{country_label(countries[0])}-{country_label(countries[1])} {text}"
    elif not named and any(t.pos_ == "PROPN" for t in subjects):
        # "G7 Leaders issued a statement": the issuers name it.
        who = tok.doc.text[subjects[0].idx : subjects[-1].idx + len(subjects[-1])]
        text = f"{who} {text}"
    name = text[:1].upper() + text[1:]
    return trigger.candidate(
        "signing",
        "s:" + " ".join(sorted(content_key(text))),
        name,
        parts,
        confidence=0.55,
        location=place_after(ctx, trigger, 150),
    )


def _left_phrase(tok: Token) -> str:
    """The noun phrase up to its head ("the India-Japan Vision Statement")."""
    words = [t for t in tok.subtree if t.i <= tok.i]
    text = tok.doc.text[words[0].idx : tok.idx + len(tok)]
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    return " ".join(text.split())
