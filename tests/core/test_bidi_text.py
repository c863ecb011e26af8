from __future__ import annotations

from rich.text import Text

from rasid.bidi_text import visual_line, visual_lines


def test_words_run_right_to_left_latin_and_numbers_keep_their_order() -> None:
    line = visual_line(Text("ذكرت شبكة CNN أن 30 ألف جندي"))
    words = line.plain.split()
    # display order: the last logical word comes first (leftmost)
    assert words[0].endswith("ﺟ") or words[0].endswith("ج")  # جندي, reversed: its first letter last
    assert words[-1] != "ذكرت"  # letters are shaped and reversed
    assert "CNN" in words and "30" in words
    assert words.index("30") < words.index("CNN")


def test_styles_stay_on_their_words_and_lines_wrap() -> None:
    text = Text("بدأ وزير الخارجية الروسي سيرجي لافروف زيارة إلى كوريا الشمالية")
    start = text.plain.index("لافروف")
    text.stylize("bold magenta", start, start + len("لافروف"))
    lines = visual_lines(text, width=30)
    assert len(lines) >= 2
    styled = [span for line in lines for span in line.spans if str(span.style) == "bold magenta"]
    assert sum(span.end - span.start for span in styled) == len("لافروف")


def test_digits_inside_a_word_keep_reading_order() -> None:
    assert "15" in visual_line(Text("بين يومي 14 و15 يوليو")).plain
