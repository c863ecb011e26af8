"""The matching rules of rasid.events.scoring."""

from __future__ import annotations

from rasid.events.scoring import score_attributions, score_events, score_quotes, times_match


def _event(type_: str, actor: str | None, target: str | None, time: str | None = None, modality: str = "asserted") -> dict:
    return {"type": type_, "actor": actor, "target": target, "time": time, "modality": modality,
            "trigger": {"start": 0, "end": 1, "text": "x"}}


def test_events_match_on_type_actor_target_and_time_where_gold_has_one() -> None:
    gold = [{"type": "CONSULT", "actor": "A", "target": "B", "time": "2025-07-11/2025-07-13", "modality": "asserted"},
            {"type": "DISAPPROVE", "actor": "C", "target": "D", "modality": "asserted"}]
    pred = [_event("CONSULT", "A", "B", "2025-07-11"), _event("ACCUSE", "C", "D", "1999", "expected")]
    s = score_events(pred, gold)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 0, 0)
    assert s["modality_accuracy"] == 0.5
    wrong_time = score_events([_event("CONSULT", "A", "B", "2024-01-01")], gold[:1])
    assert wrong_time["tp"] == 0 and wrong_time["fp"] == 1


def test_optional_gold_neither_required_nor_penalised() -> None:
    gold = [{"type": "FIGHT", "actor": "A", "target": None, "optional": True}]
    assert score_events([_event("FIGHT", "A", None)], gold)["fp"] == 0
    assert score_events([], gold)["fn"] == 0


def test_names_match_by_entity_identity() -> None:
    gold = [{"type": "CONSULT", "actor": "Isaias Afwerki", "target": "Ethiopia"}]
    aliases = {"isaias afwerki": {"افورقي"}, "ethiopia": {"اثيوبيا"}}
    pred_entities = [{"text": "أفورقي", "canonical": "Issias Avorki"}]
    pred = [_event("CONSULT", "Issias Avorki", "Ethiopia")]
    assert score_events(pred, gold)["tp"] == 0
    assert score_events(pred, gold, aliases, pred_entities)["tp"] == 1


def test_the_best_matching_keeps_most_pairs() -> None:
    gold = [{"type": "MOBILIZE", "actor": "A", "target": "B"}, {"type": "MOBILIZE", "actor": "A", "target": "B", "time": "2024-11"}]
    pred = [_event("MOBILIZE", "A", "B", "2024-11"), _event("MOBILIZE", "A", "B", "2025-07-11")]
    assert score_events(pred, gold)["tp"] == 2


def test_attribution_needs_source_overlap_and_claim_text() -> None:
    gold = [{"source": "مسؤولين غربيين", "cue": "بحسب", "claim_contains": "4 آلاف"}]
    good = {"source": {"text": "مسؤولين غربيين"}, "claim": {"text": "فإن نحو 4 آلاف جندي"}}
    wrong_source = {"source": {"text": "وكالة تاس"}, "claim": {"text": "نحو 4 آلاف جندي"}}
    no_source = {"source": None, "claim": {"text": "نحو 4 آلاف جندي"}}
    assert score_attributions([good], gold)["tp"] == 1
    assert score_attributions([wrong_source, no_source], gold)["tp"] == 0


def test_quotes_need_text_and_speaker() -> None:
    gold = [{"speaker": "Donald Trump", "text": "هراء"}]
    assert score_quotes([{"text": "هراء", "speaker": "Donald Trump"}], gold)["tp"] == 1
    wrong = score_quotes([{"text": "هراء", "speaker": "Vladimir Putin"}], gold)
    assert wrong["tp"] == 0 and wrong["text_tp"] == 1


def test_time_overlap() -> None:
    assert times_match("2024-11", "2024-11-05")
    assert times_match("2025-07-14/2025-07-15", "2025-07-15")
    assert not times_match("2024-10", "2024-11")
    assert times_match("anything", None)
