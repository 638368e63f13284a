"""Language identification by script and stopword profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from etl import pipeline
from etl.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan and Vietnam signed two agreements. The leaders met in Hanoi on Monday.", "en"),
        (
            "Le ministre des Affaires étrangères a rencontré son homologue chinois à Pékin pour "
            "discuter de la coopération entre les deux pays.",
            "fr",
        ),
        (
            "El ministro de Asuntos Exteriores se reunió con su homólogo en Pekín para hablar de "
            "la cooperación entre los dos países.",
            "es",
        ),
        (
            "Der Außenminister traf sich mit seinem chinesischen Amtskollegen in Peking, um über "
            "die Zusammenarbeit der beiden Länder zu sprechen.",
            "de",
        ),
        ("中国外交部长王毅在北京会见了来访的外国客人，双方就双边关系交换了意见。", "zh"),
        ("Министр иностранных дел России провёл переговоры с китайским коллегой в Пекине.", "ru"),
        ("التقى وزير الخارجية الصيني بنظيره السعودي في بكين لبحث العلاقات الثنائية.", "ar"),
        ("日本の外務大臣は北京で中国の外相と会談しました。", "ja"),
        ("한국 외교부 장관은 베이징에서 중국 외교부장과 회담했다.", "ko"),
    ],
)
def test_detects_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_english_with_foreign_names_is_english() -> None:
    text = (
        "Wang Yi (王毅) met Sergey Lavrov (Сергей Лавров) in Beijing on Tuesday to discuss the war."
    )
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   ", "Xi Jinping", "2024-01-01 12:00", "!!!"])
def test_too_little_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    code = detect_language(text)
    assert code == "und" or len(code) == 2


# One-sentence wire records of our own: few function words, many names and numbers.
SHORT_ENGLISH = [
    "Some 750,000 Syrian refugees sought shelter in Turkey last year.",
    "Roughly 2,000 Afghan families fled to Pakistan in March.",
    "Heavy rain flooded Dhaka streets on Sunday.",
    "Ukrainian drones struck Russian oil depots overnight.",
    "Police arrested 14 protesters outside parliament.",
    "The summit ended without agreement.",
]


@pytest.mark.parametrize("sentence", SHORT_ENGLISH)
def test_one_english_sentence_is_english(sentence: str) -> None:
    assert detect_language(sentence) == "en"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Der Minister reiste gestern nach Berlin.", "de"),
        ("Le ministre est arrivé à Paris hier soir.", "fr"),
        ("De minister is gisteren naar Berlijn gereisd.", "nl"),
        ("Presiden tiba di Jakarta pada hari Senin.", "id"),
    ],
)
def test_one_foreign_sentence_is_not_english(sentence: str, expected: str) -> None:
    assert detect_language(sentence) == expected


def test_a_one_sentence_record_is_stored(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "refugees.txt").write_text(SHORT_ENGLISH[0] + "\n", encoding="utf-8")
    record = {"text": SHORT_ENGLISH[1]}
    (tmp_path / "wire.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = pipeline.load(engine, [str(tmp_path)], max_bytes=10 * 1024 * 1024)
    assert (result.counts.loaded, result.counts.rejected) == (2, 0)
    with engine.connect() as conn:
        bodies = conn.execute(text("SELECT body, language FROM documents ORDER BY body")).all()
    assert [tuple(b) for b in bodies] == [(SHORT_ENGLISH[1], "en"), (SHORT_ENGLISH[0], "en")]
