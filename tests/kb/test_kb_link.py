from __future__ import annotations

import subprocess
import sys

from rasid.document import Document
from rasid.kb.link import Linker, link_mentions
from rasid.pipeline import build_pipeline

from .conftest import make_doc


def attrs_of(doc: Document, surface: str, nth: int = 0) -> dict:
    hits = [s.attrs for s in doc.layer("entities") if doc.text[s.start:s.end] == surface]
    return hits[nth]


def test_surname_joins_full_name_in_article(linker: Linker) -> None:
    text = "قال سيرجي لافروف إن الزيارة مهمة. وأضاف لافروف أن التعاون سيستمر."
    doc = link_mentions(make_doc(text, [("سيرجي لافروف", "PER"), ("لافروف", "PER")]), linker)
    full, short = attrs_of(doc, "سيرجي لافروف"), attrs_of(doc, "لافروف")
    assert short["entity_id"] == full["entity_id"]
    assert short["canonical"] == "Sergey Lavrov"
    assert short["link"] == "coref"


def test_unknown_surname_joins_unknown_full_name(linker: Linker) -> None:
    text = "التقى الوفد مع خالد بنعبدالسلام الزرهوني. وقال الزرهوني إن اللقاء كان مثمرا."
    doc = link_mentions(make_doc(text, [("خالد بنعبدالسلام الزرهوني", "PER"), ("الزرهوني", "PER")]), linker)
    full, short = attrs_of(doc, "خالد بنعبدالسلام الزرهوني"), attrs_of(doc, "الزرهوني")
    assert full["entity_id"].startswith("x:")
    assert short["entity_id"] == full["entity_id"]
    assert short["canonical"] == full["canonical"]


def test_roles_from_titles_and_nationality(linker: Linker) -> None:
    text = ("بدأ وزير الخارجية الروسي سيرجي لافروف زيارة، ومن المرجح أن يلتقي لافروف بالزعيم الكوري "
            "الشمالي كيم جونج أون. واتهم الرئيس الأميركي دونالد ترمب نظيره الروسي فلاديمير بوتين.")
    doc = link_mentions(make_doc(text, [("سيرجي لافروف", "PER"), ("لافروف", "PER"), ("كيم جونج أون", "PER"),
                                        ("دونالد ترمب", "PER"), ("فلاديمير بوتين", "PER")]), linker)
    assert attrs_of(doc, "سيرجي لافروف")["role"] == "foreign minister of Russia"
    assert attrs_of(doc, "لافروف")["role"] == "foreign minister of Russia"  # the entity's role in the article
    assert attrs_of(doc, "كيم جونج أون")["role"] == "leader of North Korea"
    assert attrs_of(doc, "دونالد ترمب")["role"] == "president of United States"
    assert "counterpart" in attrs_of(doc, "فلاديمير بوتين")["role"]


def test_role_in_apposition(linker: Linker) -> None:
    text = "وقال ماركو روبيو، وزير الخارجية الأميركي، إن المحادثات مستمرة."
    doc = link_mentions(make_doc(text, [("ماركو روبيو", "PER")]), linker)
    assert attrs_of(doc, "ماركو روبيو")["role"] == "foreign minister of United States"


def test_misspelling_is_flagged_not_silently_linked(linker: Linker) -> None:
    text = "يجري محادثات في بيونج يانج، وسط تقارير عن إرسال بيون يومج مزيدا من الجنود."
    doc = link_mentions(make_doc(text, [("بيونج يانج", "LOC"), ("بيون يومج", "LOC")]), linker)
    right, typo = attrs_of(doc, "بيونج يانج"), attrs_of(doc, "بيون يومج")
    assert "probable_variant" not in right
    assert typo["probable_variant"] is True
    assert typo["variant_of"] == right["entity_id"]
    assert typo["link_score"] < right["link_score"]


def test_misspelling_far_from_everything_stays_unknown(linker: Linker) -> None:
    doc = link_mentions(make_doc("زار الوفد قرية زغرتنكوبلا أمس.", [("زغرتنكوبلا", "LOC")]), linker)
    got = attrs_of(doc, "زغرتنكوبلا")
    assert got["entity_id"].startswith("x:")
    assert "probable_variant" not in got


def test_ambiguous_names_keep_candidates(linker: Linker) -> None:
    tripoli = linker.link_name("طرابلس", "LOC").attrs()
    assert tripoli["ambiguous"] is True
    countries = {c["entity_id"] for c in tripoli["candidates"]}
    assert len(countries) >= 2 and all(0 < c["score"] <= 1 for c in tripoli["candidates"])
    bush = linker.link_name("بوش", "PER").attrs()
    assert bush["ambiguous"] is True
    assert {c["canonical"] for c in bush["candidates"]} == {"George W. Bush", "George H. W. Bush"}
    oman = linker.link_name("عمان", "LOC").attrs()  # the country, with the capital of Jordan kept
    assert oman["canonical"] == "Oman" and "Amman" in {c["canonical"] for c in oman["candidates"]}


def test_full_name_in_article_resolves_ambiguous_surname(linker: Linker) -> None:
    text = "وقال جورج دبليو بوش في خطابه إن الحرب ضرورية. وأضاف بوش أن القوات ستبقى."
    doc = link_mentions(make_doc(text, [("جورج دبليو بوش", "PER"), ("بوش", "PER")]), linker)
    short = attrs_of(doc, "بوش")
    assert short["canonical"] == "George W. Bush" and "candidates" not in short


def test_type_keeps_person_names_off_places(linker: Linker) -> None:
    # تاس is also a town in the places gazetteer; as an ORG it is the news agency.
    assert linker.link_name("تاس", "ORG").attrs()["canonical"] == "TASS"
    assert linker.link_name("سيرجي", "PER").attrs().get("canonical") != "Sergiye"


def test_unknown_names_get_transliteration_and_stable_id(linker: Linker) -> None:
    doc1 = link_mentions(make_doc("قال أوتيس بلاكوود إن", [("أوتيس بلاكوود", "PER")]), linker)
    doc2 = link_mentions(make_doc("وصرح اوتيس بلاكوود بأن", [("اوتيس بلاكوود", "PER")]), linker)
    a, b = attrs_of(doc1, "أوتيس بلاكوود"), attrs_of(doc2, "اوتيس بلاكوود")
    assert a["entity_id"] == b["entity_id"] and a["entity_id"].startswith("x:")
    assert a["canonical"].lower().startswith("otis")


def test_ids_are_stable_across_processes(linker: Linker) -> None:
    names = [("بيونغ يانغ", "LOC"), ("دونالد ترمب", "PER"), ("أوتيس بلاكوود", "PER")]
    here = [linker.link_name(n, t).attrs().get("entity_id") for n, t in names]
    code = ("from rasid.kb.link import default_linker, unknown_id\n"
            "L = default_linker()\n"
            f"for n, t in {names!r}:\n"
            "    r = L.link_name(n, t)\n"
            "    print(r.entity.id if r.entity else unknown_id(n, t))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [here[0], here[1], here[2] or out.stdout.split()[2]]
    assert out.stdout.split()[2].startswith("x:")


def test_bad_input_never_crashes_and_links_no_junk(linker: Linker) -> None:
    text = "ك x ـ 2024 «» CNN الأميركية بُوتِيـــن"
    mentions = [("ك", "PER"), ("x", "ORG"), ("ـ", None), ("2024", "MISC"), ("«»", "ORG"),
                ("CNN الأميركية", "ORG"), ("بُوتِيـــن", "PER")]
    doc = link_mentions(make_doc(text, mentions), linker)
    spans = doc.layer("entities")
    assert all("entity_id" not in s.attrs for s in spans[:5])
    assert spans[5].attrs["canonical"] == "CNN"
    assert spans[6].attrs["canonical"] == "Vladimir Putin"


def test_relinking_replaces_old_link_attrs(linker: Linker) -> None:
    doc = make_doc("زار لافروف موسكو", [("موسكو", "LOC")])
    doc.layer("entities")[0].attrs.update({"canonical": "Stale", "candidates": [1]})
    link_mentions(doc, linker)
    assert doc.layer("entities")[0].attrs["canonical"] == "Moscow"
    assert doc.layer("entities")[0].attrs.get("candidates") != [1]


def test_link_stage_in_pipeline() -> None:
    pipeline = build_pipeline(["link"], available=["entities"])
    doc = pipeline(make_doc("وصل الوفد إلى كوريا الشمالية", [("كوريا الشمالية", "LOC")]))
    assert doc.layer("entities")[0].attrs["wikidata"] == "Q423"
    assert doc.provenance[-1].stage == "link"


def test_hashtag_name_links_like_the_spaced_name(linker: Linker) -> None:
    text = "قال #أفيغدور_ليبرمان إن المعبر سيغلق. وقال أفيغدور ليبرمان ذلك."
    doc = link_mentions(make_doc(text, [("أفيغدور_ليبرمان", "PER"), ("أفيغدور ليبرمان", "PER")]), linker)
    tagged, spaced = attrs_of(doc, "أفيغدور_ليبرمان"), attrs_of(doc, "أفيغدور ليبرمان")
    assert tagged["entity_id"] == spaced["entity_id"]
    assert " " in tagged["canonical"]


def test_currency_words_link_to_their_currency_not_a_place(linker: Linker) -> None:
    text = "تراجع الدولار أمام اليورو، وبلغت الصفقة 80 دولارا."
    doc = link_mentions(make_doc(text, [("الدولار", "MISC"), ("اليورو", "MISC"), ("دولارا", "LOC")]), linker)
    assert [attrs_of(doc, w)["canonical"] for w in ("الدولار", "اليورو", "دولارا")] == ["USD", "EUR", "USD"]
    assert attrs_of(doc, "الدولار")["entity_id"] == attrs_of(doc, "دولارا")["entity_id"] == "currency:USD"
