"""Events (PLOVER + CASUALTIES), modality, attribution and quotes.

Stages ``attribution``, ``quotes`` and ``events`` live in :mod:`rasid.events.stage`; scoring
against gold files in :mod:`rasid.events.scoring`; PLOVER JSONL in :mod:`rasid.events.plover`.
Language data: ``rasid/lang/ar/{cues,triggers,modality}.yaml`` and ``corpus/events.yaml``.
"""
