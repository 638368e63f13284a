"""Score statement extraction on gold annotations without a database, with the errors listed.

    python bench/eval_statements.py ../shared/eval/wire/gold ../shared/eval/wire/corpus
    python bench/eval_statements.py --sets all --errors
    python bench/eval_statements.py --sets news,web --errors --only 05_

Prints the three statement scores (statements: speaker and content; statements found: content
alone; speaker right: of those found, the share with the right speaker); ``--errors`` lists per
document the gold statements missed, the extras, and the wrong speakers. Set
DIPLO_ANALYSIS_CACHE to reuse the model's analyses between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from etl.article import RawInput
from etl.extract.extractor import extract
from etl.ingest.decode import decode
from etl.ingest.parse import parse
from etl.outputs.evaluate import prediction
from etl.outputs.scoring import Score
from etl.outputs.statement_scores import STATEMENT_FIELDS, match_statements

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SETS = {
    "gold": ("eval/gold", "corpus"),
    "more": ("eval/more/gold", "eval/more/corpus"),
    "web": ("eval/web/gold", "eval/web/corpus"),
    "wire": ("eval/wire/gold", "eval/wire/corpus"),
    "news": ("eval/news/gold", "eval/news/corpus"),
}


def predict(path: Path) -> dict:
    data = path.read_bytes()
    raw = RawInput(path.name, data, hashlib.sha256(data).hexdigest(), "text")
    doc = parse(decode(raw))
    x = extract(doc)
    return prediction(doc, x.entities, x.events, x.statements)


def _line(s: dict) -> str:
    content = " ".join((s.get("content") or "").split())
    if len(content) > 140:
        content = content[:137] + "..."
    speaker = s.get("speaker")
    if s.get("speaker_surface") and s["speaker_surface"] != speaker:
        speaker = f"{speaker} ({s['speaker_surface']})"
    return f"[{speaker} | {s.get('mode')} | {s.get('cue')} | {s.get('date')}] {content}"


def score_set(gold_dir: Path, corpus: Path, errors: bool, only: str | None) -> dict[str, Score]:
    totals = {field: Score() for field in STATEMENT_FIELDS}
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if only and only not in gold["document"]:
            continue
        pred = predict(corpus / gold["document"])
        matching = match_statements(pred, gold)
        for field, s in matching.scores().items():
            totals[field].add(s)
        if not errors:
            continue
        misses, extras, wrong = matching.misses(), matching.extras(), matching.wrong_speakers()
        if misses or extras or wrong:
            print(f"--- {gold['document']}")
        for g in misses:
            print(f"  MISS  {_line(g)}")
        for p in extras:
            print(f"  EXTRA {_line(p)}")
        for p, g in wrong:
            print(f"  WHO   predicted {_line(p)}\n        gold      {_line(g)}")
    return totals


def _table(name: str, totals: dict[str, Score]) -> None:
    print(f"== {name}")
    print(f"{'field':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for field, s in totals.items():
        print(f"{field:<18}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:5}{s.fp:5}{s.fn:5}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path, nargs="?")
    ap.add_argument("corpus", type=Path, nargs="?")
    ap.add_argument("--sets", help="comma-separated visible sets, or 'all'")
    ap.add_argument("--errors", action="store_true", help="list misses, extras, wrong speakers")
    ap.add_argument("--only", help="only documents whose file name contains this")
    args = ap.parse_args()
    if args.sets:
        names = list(SETS) if args.sets == "all" else args.sets.split(",")
        for name in names:
            gold, corpus = SETS[name]
            _table(name, score_set(SHARED / gold, SHARED / corpus, args.errors, args.only))
    elif args.gold and args.corpus:
        _table(str(args.gold), score_set(args.gold, args.corpus, args.errors, args.only))
    else:
        ap.error("give GOLD CORPUS, or --sets")


if __name__ == "__main__":
    main()
