from __future__ import annotations

from rasid.text.segment import boilerplate_and_headings, paragraphs, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_sentence_marks_and_arabic_comma() -> None:
    text = "زار لافروف بيونغ يانغ، ثم عاد. هل ينجح؟ قال ذلك؛ ثم غادر"
    assert _sentences(text) == ["زار لافروف بيونغ يانغ، ثم عاد.", "هل ينجح؟", "قال ذلك؛", "ثم غادر"]


def test_no_split_in_decimals_abbreviations_or_inside_quotes() -> None:
    text = "بلغ النمو 2.5 بالمئة، وفق أ.ف.ب. وقال: «هذا مهم. جداً» ثم غادر."
    assert _sentences(text) == ["بلغ النمو 2.5 بالمئة، وفق أ.ف.ب.", "وقال: «هذا مهم. جداً» ثم غادر."]


def test_mismatched_closing_mark_used_as_opener() -> None:
    text = "أشاد بما وصفه بـ”الاتصالات. الوثيقة” مع الجيش. ثم عاد."
    assert _sentences(text) == ["أشاد بما وصفه بـ”الاتصالات. الوثيقة” مع الجيش.", "ثم عاد."]


def test_paragraph_breaks_split_sentences(reference_text: str) -> None:
    paras = paragraphs(reference_text)
    assert len(paras) == 14
    assert reference_text[paras[-1].start:paras[-1].end] == "شاركها."


def test_reference_boilerplate_and_heading(reference_text: str) -> None:
    boiler, heads = boilerplate_and_headings(reference_text)
    assert [reference_text[b.start:b.end] for b in boiler] == ["شاركها."]
    assert [reference_text[h.start:h.end] for h in heads] == ["دعم كوري شمالي لروسيا"]


def test_read_also_and_byline_are_boilerplate_not_deleted() -> None:
    text = "بقلم: أحمد علي\n\nزار الوزير القاهرة أمس وبحث ملفات عدة.\n\nاقرأ أيضاً: الوزير في بغداد\n\nتابعونا على تويتر"
    boiler, heads = boilerplate_and_headings(text)
    reasons = {text[b.start:b.end]: b.attrs["reason"] for b in boiler}
    assert reasons == {"بقلم: أحمد علي": "byline", "اقرأ أيضاً: الوزير في بغداد": "read-also link",
                       "تابعونا على تويتر": "follow or subscribe prompt"}
    assert heads == []


def test_agency_credits_reprint_notes_and_separators() -> None:
    text = ("زار الوزير القاهرة أمس وبحث ملفات عدة مع نظيره.\n\nفرانس24/ أ ف ب\n\n*نقلاً عن الرؤية الإماراتية"
            "\n\n------------------\n\nوأضاف أن الزيارة ناجحة.")
    boiler, _ = boilerplate_and_headings(text)
    assert [(text[b.start:b.end], b.attrs["reason"]) for b in boiler] == [
        ("فرانس24/ أ ف ب", "agency credit"),
        ("*نقلاً عن الرؤية الإماراتية", "reprint note"),
        ("------------------", "separator"),
    ]


def test_cnn_dateline_prefix_is_marked_not_the_whole_paragraph() -> None:
    text = "واشنطن، الولايات المتحدة (CNN)-- قال مسؤول أمريكي إن المحادثات مستمرة."
    boiler, _ = boilerplate_and_headings(text)
    assert [(text[b.start:b.end], b.attrs["reason"]) for b in boiler] == [
        ("واشنطن، الولايات المتحدة (CNN)--", "dateline")]


def test_line_level_furniture_related_titles_headings_teasers_and_links() -> None:
    body = "قال وزير الخارجية إن المحادثات مع الجانب الروسي ستستمر خلال الأسبوع المقبل في العاصمة."
    teaser_a = "بعث رئيس الحكومة برسائل إلى المواطنين الأحد حول الإصلاحات الاقتصادية المقبلة في البلاد وقال"
    teaser_b = "اتهم رئيس مركز المصالحة في سوريا الولايات المتحدة بمواصلة دعم الجماعات المسلحة في المنطقة"
    text = "\n".join([
        body,
        "ما هي فرص نجاح الوساطة",          # two short unpunctuated lines before a longer one:
        "حكم بإعدام 45 شخصا في ليبيا",     # titles of related articles
        body,
        "عقوبات جديدة",                    # one such line: an in-text heading
        body + " اقرأ أيضا.. الوزير في بغداد.",
        teaser_a,                          # two long lines ending the page with no full stop
        teaser_b,
    ])
    boiler, heads = boilerplate_and_headings(text)
    got = {text[b.start:b.end]: b.attrs["reason"] for b in boiler}
    assert got == {
        "ما هي فرص نجاح الوساطة": "related-article line",
        "حكم بإعدام 45 شخصا في ليبيا": "related-article line",
        "اقرأ أيضا.. الوزير في بغداد.": "link to another article",
        teaser_a: "teaser of another article",
        teaser_b: "teaser of another article",
    }
    assert [text[h.start:h.end] for h in heads] == ["عقوبات جديدة"]
    # an article whose last line simply lacks a full stop keeps it
    boiler, _ = boilerplate_and_headings(body + "\n" + teaser_a)
    assert boiler == []
