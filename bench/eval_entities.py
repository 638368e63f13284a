"""Score entity extraction on gold annotations without a database, with the errors listed.

    python bench/eval_entities.py ../shared/eval/gold ../shared/corpus
    python bench/eval_entities.py ../shared/eval/more/gold ../shared/eval/more/corpus --errors persons

Prints precision / recall / F1 per field; ``--errors FIELD`` lists false positives and
negatives per document for that field (countries, persons, organizations, initiatives, or all).
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
from etl.outputs.evaluate import _names, prediction, score_corpus


def predict(path: Path) -> dict:
    data = path.read_bytes()
    raw = RawInput(path.name, data, hashlib.sha256(data).hexdigest(), "text")
    doc = parse(decode(raw))
    extraction = extract(doc)
    return prediction(doc, extraction.entities, extraction.events)


def _errors(field: str, pred: dict, gold: dict) -> tuple[list[str], list[str]]:
    if field == "countries":
        p, g = set(pred[field]), set(gold[field])
        return sorted(p - g), sorted(g - p)
    gold_names = [_names(x) for x in gold[field]]
    pred_names = [_names(x) for x in pred[field]]
    fps = [
        x["name"]
        for x, n in zip(pred[field], pred_names, strict=True)
        if not any(n & g for g in gold_names)
    ]
    fns = [
        x["name"]
        for x, n in zip(gold[field], gold_names, strict=True)
        if not any(n & p for p in pred_names)
    ]
    return fps, fns


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--errors", default=None)
    args = ap.parse_args()
    pairs = []
    for gold_path in sorted(args.gold.glob("*.json")):
        gold = json.loads(gold_path.read_text())
        pred = predict(args.corpus / gold["document"])
        pairs.append((pred, gold))
        if args.errors:
            fields = (
                ["countries", "persons", "organizations", "initiatives"]
                if args.errors == "all"
                else [args.errors]
            )
            for field in fields:
                fps, fns = _errors(field, pred, gold)
                if fps or fns:
                    print(f"{gold['document']} {field}\n  FP {fps}\n  FN {fns}")
    totals = score_corpus(pairs)
    print(f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for field, s in totals.items():
        print(f"{field:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:5}{s.fp:5}{s.fn:5}")


if __name__ == "__main__":
    main()
