"""Phrase matching over folded words with proclitics: what matched and which clitic was removed."""

from rasid.arabic.wordmatch import PhraseMatcher, words


def test_a_match_records_the_proclitics_removed_from_its_first_word() -> None:
    lexicon = PhraseMatcher([("وعدت", "promise"), ("أكدت", "assert"), ("دعم الانضمام", "support")])
    text = "وعدت فرنسا، ووعدت ألمانيا، وأكدت بريطانيا وبدعم الانضمام"
    found = [(m.value, m.prefix) for m in lexicon.find(words(text))]
    # "وعدت" alone is the verb with its root's own و; "ووعدت" and "وأكدت" carry the conjunction
    assert found == [("promise", ""), ("promise", "و"), ("assert", "و"), ("support", "وب")]
