"""Quotations with speakers: direct quotes in quotation marks and indirect (reported) speech.

Reads the ``sentences`` and ``entities`` layers; the cue verbs, attribution phrases,
complementisers and anonymous-source nouns are data (``data/quotes/cues.json``).  A speaker
is the entity the text names next to the cue; where the text drops the subject (a cue at
the start of a sentence, "وأضاف: ...") it is the speaker of the previous quote, as Arabic
news style intends; where the text offers nothing, the speaker is None — never a guess.
Speakers the registry cannot know ("مسؤول فرنسي", "دبلوماسي كبير في الحلف") become
anonymous-source entities ``x:anon:<key>`` so their quotes can still be grouped.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.arabic.normalise import fold
from rasid.arabic.wordmatch import WORD
from rasid.doc import Document, Span
from rasid.entities.linking import unknown_id
from rasid.entities.variants import head_noun_classes
from rasid.stages.actors import actor_id, actor_mentions, governed_by_preposition, names_a_venue

STAGE = "quotes@1"
_OPEN_MARKS = "“«„"
_CLOSE_MARKS = "”»"
_ANY_MARK = _OPEN_MARKS + _CLOSE_MARKS + '"'
_ACTOR_TYPES = ("PER", "ORG", "GPE")
_PERSON_AFTER_CUE = 6  # "يخبر وزير الدفاع في المملكة المتحدة جون هيلي": a title the registry lacks
_CUE_AFTER_WORDS = 4  # "من المتوقع أن يخبر": a cue may follow a closing quote after a modal phrase
_DATELINE_CHARS = 60  # a dateline's place and agency fit in this many characters
# the dash that closes a dateline: "لاهاي (أ ف ب) – ", "دبي، الإمارات العربية المتحدة (CNN)— ", "(CNN) -- "
_DATELINE_DASH = re.compile(r"(?:\)\s*|\s)[-–—]{1,2}\s")
#: a word after a cue that begins so is a prepositional phrase, not the subject ("للصحفيين", "بالقول")
_NOT_SUBJECT_PREFIXES = ("لل", "بال", "كال", "وفي", "وفق")
_UNNAMED_SUBJECT_WORDS = 12  # a subject with its title, apposition and time before the complementiser
_SAYING_NOUNS = frozenset({"قوله", "قولها", "قولهم", "قولهما"})  # "نقل … عن فلان قوله"
_SUBJECT_WINDOW = 5  # words at a sentence's start where its subject stands (after a verb or و)
_RELATIVES = frozenset(fold(w) for w in "الذي التي الذين اللذين اللتين اللواتي".split())
_SMALL_NUMBERS = frozenset(fold(w) for w in "اثنان اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عدة".split())


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, str]  # folded form -> cue class
    attribution: dict[str, tuple[tuple[str, ...], ...]]  # first word -> the following words of each phrase
    weak_classes: frozenset[str]
    participles: frozenset[str]
    min_direct_words_without_cue: int
    complementisers: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_max_words: int
    window: int
    min_direct_words: int
    anonymous_plural: frozenset[str] = frozenset()
    content_breaks: tuple[tuple[str, ...], ...] = ()  # the writer's comment after a comma, as folded words
    dropped_subject_next: frozenset[str] = frozenset()  # closed-class words after a verb without a subject
    subject_first: frozenset[str] = frozenset()  # cue classes whose next noun is their subject, not an object
    speaker_nouns: frozenset[str] = frozenset()  # nouns after any cue that name its subject (الشرطة، الرقيب)
    name_breaks: frozenset[str] = frozenset()  # ل-words after an organisation's name, not in it (للمرة)
    not_said: frozenset[str] = frozenset()  # particles before a cue that say nothing was said (لم)
    clause_links: frozenset[str] = frozenset()  # words joining a clause without being its subject (حيث)
    body_heads: frozenset[str] = frozenset()  # nouns opening an unknown body's name (مجلس، الشرطة)
    adjunct_openers: frozenset[str] = frozenset()  # words opening "to whom / where / when" after a speaker
    addressee_heads: frozenset[str] = frozenset()  # nouns after ل naming who was told (لشبكة، لصحيفة)
    adjunct_max_words: int = 0
    object_first: frozenset[str] = frozenset()  # cue classes whose next name is an object after a named subject
    speaker_genitive: frozenset[str] = frozenset()  # nouns whose genitive is the speaker (على لسان X)
    occasions: frozenset[str] = frozenset()  # nouns after في that say when it was said (في تصريحات)
    not_before_that: frozenset[str] = frozenset()  # "بعد أن": the أن belongs to the adjunct
    impersonal: frozenset[str] = frozenset()  # "يذكر أن": a passive that reports no one
    statement_nouns: frozenset[str] = frozenset()  # "قال بيان …": what speaks for its issuer
    issued_by: tuple[tuple[str, ...], ...] = ()  # "صادر عن"
    relative_pronouns: frozenset[str] = frozenset()  # "فرنسا، التي …، أنها": a clause describing the speaker
    relative_max_words: int = 0
    class_complements: dict[str, frozenset[str]] = field(default_factory=dict)  # cue class -> what opens its content


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    raw = json.loads(resources.files("rasid").joinpath("data/quotes/cues.json").read_text("utf-8"))
    verbs = {fold(form): cls for cls, forms in raw["verbs"].items() for form in forms}
    attribution: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in raw["attribution"]:
        first, *rest = fold(phrase).split()
        attribution[first] = (*attribution.get(first, ()), tuple(rest))
    return Cues(
        verbs=verbs,
        attribution=attribution,
        weak_classes=frozenset(raw["weak_classes"]),
        participles=frozenset(fold(p) for p in raw["participles"]),
        min_direct_words_without_cue=int(raw["min_direct_words_without_cue"]),
        complementisers=frozenset(fold(c) for c in raw["complementisers"]),
        anonymous_heads=frozenset(fold(h) for h in raw["anonymous_heads"]),
        anonymous_max_words=int(raw["anonymous_max_words"]),
        anonymous_plural=frozenset(fold(h) for h in raw.get("anonymous_plural_heads", [])),
        content_breaks=tuple(tuple(fold(w).split()) for w in raw.get("content_breaks", [])),
        dropped_subject_next=frozenset(fold(w) for w in raw.get("dropped_subject_next", [])),
        subject_first=frozenset(raw.get("subject_first_classes", [])),
        speaker_nouns=_speaker_nouns(raw.get("speaker_nouns", [])),
        name_breaks=frozenset(fold(w) for w in raw.get("organisation_name_breaks", [])),
        not_said=frozenset(fold(w) for w in raw.get("not_said", [])),
        clause_links=frozenset(fold(w) for w in raw.get("clause_links", [])),
        body_heads=frozenset(fold(w) for w in raw.get("institution_heads", [])) | _org_heads(),
        window=int(raw["speaker_window_words"]),
        min_direct_words=int(raw["min_direct_words"]),
        adjunct_openers=frozenset(fold(w) for w in raw["adjuncts"]["openers"]),
        addressee_heads=frozenset(fold(w) for w in raw["adjuncts"]["addressee_heads"]),
        adjunct_max_words=int(raw["adjuncts"]["max_words"]),
        object_first=frozenset(raw.get("object_first_classes", [])),
        speaker_genitive=frozenset(fold(w) for w in raw.get("speaker_genitive_nouns", [])),
        occasions=frozenset(fold(w) for w in raw.get("speech_occasions", [])),
        not_before_that=frozenset(fold(w) for w in raw["adjuncts"]["not_before_that"]),
        impersonal=frozenset(fold(w) for w in raw.get("impersonal", [])),
        statement_nouns=frozenset(fold(w) for w in raw.get("statement_nouns", [])),
        issued_by=tuple(tuple(fold(p).split()) for p in raw.get("issued_by", [])),
        relative_pronouns=frozenset(fold(w) for w in raw["adjuncts"].get("relative_pronouns", [])),
        relative_max_words=int(raw["adjuncts"].get("relative_max_words", 0)),
        class_complements={cls: frozenset(fold(w) for w in words)
                          for cls, words in raw["adjuncts"].get("class_complements", {}).items()},
    )


def _speaker_nouns(listed: list[str]) -> frozenset[str]:
    """The listed nouns and the title and organisation-head triggers of the NER data, folded,
    without the article (the lookup strips it)."""
    from rasid.ner.resources import load_triggers

    words = {fold(w) for w in listed}
    words |= {w for w, cls in load_triggers().items() if cls in ("PER_TITLE", "ORG_HEAD")}
    return frozenset(w.removeprefix("ال") for w in words)


@dataclass
class Word:
    start: int
    end: int
    key: str  # folded, with a leading و/ف conjunction removed when the rest is a cue


def _words(text: str, cues: Cues) -> list[Word]:
    out = []
    for m in WORD.finditer(text):
        key = fold(m.group())
        if key not in cues.verbs and key not in cues.attribution and key[:1] in "وف" and len(key) > 3:
            rest = key[1:]
            if rest in cues.verbs or rest in cues.attribution:
                key = rest
        out.append(Word(m.start(), m.end(), key))
    return out


def _quote_regions(text: str) -> list[tuple[int, int, int, int]]:
    """(open_mark, content_start, content_end, close_end) for each quoted stretch.

    Marks toggle within a paragraph, which also copes with machine translation's mismatched
    “ “ pairs; a quote left open at the paragraph's end closes there.
    """
    regions = []
    for para in re.finditer(r"[^\n]+", text):
        open_at = -1
        for i in range(para.start(), para.end()):
            ch = text[i]
            if ch not in _ANY_MARK:
                continue
            if open_at < 0:
                if ch in _CLOSE_MARKS and i > para.start() and text[i - 1] not in " \t":
                    continue  # a stray closing mark glued to a word
                open_at = i
            else:
                regions.append((open_at, open_at + 1, i, i + 1))
                open_at = -1
        if open_at >= 0:
            end = para.end()
            while end > open_at + 1 and text[end - 1] in " \t":
                end -= 1
            regions.append((open_at, open_at + 1, end, end))
    return regions


class QuoteFinder:
    """Finds quotes in one document; holds the per-document state (the last speaker)."""

    def __init__(self, doc: Document, cues: Cues) -> None:
        self.doc = doc
        self.text = doc.text
        self.cues = cues
        self.words = _words(doc.text, cues)
        self.word_starts = [w.start for w in self.words]
        self.table = doc.objects.get("entities", {})
        # "خلال قمة واشنطن أكدوا": a summit's venue is no speaker
        # a city other than a capital never speaks ("مستشفى الدمام المركزي … ونقلت"); a capital
        # speaks for its government ("قالت موسكو")
        self.mentions = [m for m in actor_mentions(doc, _ACTOR_TYPES) if not names_a_venue(doc.text, m)
                         and not (m.attrs["id"].startswith("loc:")
                                  and not self.table.get(m.attrs["id"], {}).get("capital_of"))]
        self.mention_starts = [m.start for m in self.mentions]
        self.sentences = sorted((s.start, s.end) for s in doc.spans("sentences"))
        self.new_entities: list[Span] = []
        self.appositions: set[int] = set()  # starts of speakers named in apposition to a title
        self.open_appositions: set[int] = set()  # speaker phrases that end inside an apposition
        self.named_subjects: set[int] = set()  # cues whose subject the text names without an entity
        self.anon_seen: list[tuple[int, str, str]] = []  # (offset, head noun, id), in any order
        self.definites: list[tuple[int, str, str]] = []  # definite references, resolved again at the end

    # -- helpers ---------------------------------------------------------------------
    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentences, (pos, len(self.text) + 1)) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        line_start = self.text.rfind("\n", 0, pos) + 1
        line_end = self.text.find("\n", pos)
        return line_start, (len(self.text) if line_end < 0 else line_end)

    def words_in(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.word_starts, start)
        hi = bisect.bisect_left(self.word_starts, end)
        return list(range(lo, hi))

    def mentions_in(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def _mentions_just_before(self, pos: int) -> list[Span]:
        """The last few mentions starting at or before ``pos`` (nested and adjacent ones included)."""
        hi = bisect.bisect_right(self.mention_starts, pos)
        return self.mentions[max(0, hi - _NEARBY_MENTIONS):hi]

    def _inside_mention(self, start: int, end: int) -> bool:
        return any(m.start <= start and end <= m.end for m in self._mentions_just_before(start))

    def is_cue(self, wi: int) -> bool:
        key = self.words[wi].key
        if wi > 0 and self.words[wi - 1].key in _RELATIVES:
            # "التي تشير إلى": a relative clause, not a report; but "توم باراك، الذي قال إن" reports
            return key in self.cues.verbs and self.relative_report(wi) is not None
        if wi > 0 and self.words[wi - 1].key in self.cues.not_said:
            return False  # "لم يذكر البيان …": what was not said is no statement
        if key in self.cues.impersonal and wi + 1 < len(self.words) \
                and self.words[wi + 1].key in self.cues.complementisers:
            return False  # "يُذكر أن …", "يشار إلى أن": a passive that reports no one
        return key in self.cues.verbs or self.is_attribution(wi)

    def relative_report(self, wi: int) -> Span | None:
        """"المبعوث الأمريكي توم باراك، الذي قال إن …": a reporting verb (not a weak one) opening a
        relative clause set off by a comma reports what its antecedent, named right before the
        comma, said."""
        if wi < 2 or self.words[wi - 1].key not in _RELATIVES or self.is_weak(wi):
            return None
        before = self.words[wi - 2]
        gap = self.text[before.end:self.words[wi - 1].start]
        if "،" not in gap and "," not in gap:
            return None
        # a person or body, not a place a preposition governs ("مدير إحدى الوكالات في الدوحة، الذي رفض")
        return next((m for m in self.mentions_in(self.words[max(0, wi - 8)].start, before.end)
                     if m.end == before.end and m.attrs.get("type") in ("PER", "ORG")
                     and not governed_by_preposition(self.text, m)), None)

    def is_attribution(self, wi: int) -> bool:
        """An attribution phrase starts at word wi (وفقا ل…, بحسب, نقلا عن, على لسان)."""
        for rest in self.cues.attribution.get(self.words[wi].key, ()):
            following = [w.key for w in self.words[wi + 1:wi + 1 + len(rest)]]
            # the last word of a phrase may be a clitic ل attached to the next word
            if all(f == r or (r == "ل" and f.startswith("ل")) for f, r in zip(following, rest, strict=False)) \
                    and len(following) == len(rest):
                return True
        return False

    def is_weak(self, wi: int) -> bool:
        return self.cues.verbs.get(self.words[wi].key) in self.cues.weak_classes

    @staticmethod
    def pick_actor(mentions: list[Span]) -> Span | None:
        """The speaker among mentions near a cue: a person first, else the first actor."""
        people = [m for m in mentions if m.attrs.get("type") == "PER"]
        if people:
            return people[0]
        names = [m for m in mentions if m.attrs.get("_form") != "nisba"]
        return (names or mentions or [None])[0]

    def _anon_head(self, key: str) -> tuple[str, bool] | None:
        """(head noun, definite?) when a folded word is an anonymous-source noun, with ل/ال/لل stripped."""
        for prefix, definite in (("", False), ("ل", False), ("ال", True), ("لل", True)):
            if key.startswith(prefix) and key[len(prefix):] in self.cues.anonymous_heads:
                return key[len(prefix):], definite
        return None

    def anonymous_after(self, wi: int, limit: int) -> Span | None:
        """An anonymous-source phrase ("مسؤول فرنسي", "لأربعة مسؤولين مطلعين") starting near word wi.

        Its id is local to the document (``x:anon:<doc>:<head>``): two unnamed officials in
        two articles are never assumed to be one person.  A definite reference ("الدبلوماسي")
        links to the last anonymous source with the same head noun.
        """
        for j in range(wi, min(wi + 3, len(self.words))):
            if self.words[j].start >= limit:
                return None
            head = self._anon_head(self.words[j].key)
            if head is None:
                continue
            noun, definite = head
            first = j - 1 if j > wi and self._is_number_word(j - 1) else j
            last = j
            seen_fi = False
            while last + 1 < len(self.words) and last + 1 - j <= self.cues.anonymous_max_words:
                nxt = self.words[last + 1]
                if (nxt.start >= limit or nxt.key in self.cues.complementisers or self.is_cue(last + 1)
                        or self._punct_between(self.words[last].end, nxt.start)):
                    break
                if nxt.key == "في" and not seen_fi:
                    following = self.words[last + 2].key if last + 2 < len(self.words) else ""
                    if following in self.cues.occasions:
                        break  # "مسؤول في تصريحات …": when it was said, not where the source works
                    seen_fi = True
                elif nxt.key[:1] in "لب" or (not seen_fi and last - j >= 1):
                    break
                elif seen_fi and self.words[last].key.startswith("ال") and not nxt.key.startswith("ال"):
                    break  # "مسؤولون في الشرطة تسليم …": after a definite noun only its adjectives follow
                last += 1
            if self.words[last].key == "في":
                last -= 1
            start, end = self.words[first].start, self.words[last].end
            modifier = self.words[j + 1].key if j + 1 <= last else ""
            # a plural source named again without an adjective is the group named before
            definite = definite or (noun in self.cues.anonymous_plural and modifier in ("", "في"))
            eid = None
            if definite:
                here = self.words[j].start
                earlier = [(pos, e) for pos, n, e in self.anon_seen if n == noun and pos < here]
                eid = max(earlier)[1] if earlier else None
            if eid is None:
                eid = f"x:anon:{self.doc.id}:{noun}{'_' + modifier if modifier else ''}"
            self.anon_seen.append((self.words[j].start, noun, eid))
            if definite:
                self.definites.append((self.words[j].start, noun, eid))
            span = Span(start, end, "entity", {"id": eid, "type": "PER", "_form": "anonymous"}, STAGE)
            self.new_entities.append(span)
            self.doc.objects.setdefault("entities", {}).setdefault(
                eid, {"id": eid, "type": "PER", "name": self.text[start:end], "name_en": None,
                      "anonymous": True})
            return span
        return None

    def apposition_after(self, wi: int, limit: int) -> Span | None:
        """"اعترف الرقيب بالجيش الأمريكي، إيريك كانغ، …": a title the registry lacks right after the
        cue, then a person named between commas within a few words: that person."""
        if wi + 1 >= len(self.words) or self.words[wi + 1].key.removeprefix("ال") not in self.cues.speaker_nouns:
            return None
        for j in range(wi + 2, min(wi + 2 + _APPOSITION_WORDS, len(self.words))):
            if self.words[j].start >= limit:
                return None
            gap = self.text[self.words[j - 1].end:self.words[j].start]
            if "،" in gap or "," in gap:
                person = [m for m in self.mentions_in(self.words[j].start, limit)
                          if m.attrs.get("type") == "PER" and m.start == self.words[j].start]
                if person:
                    self.appositions.add(person[0].start)
                return person[0] if person else None
        return None

    def _genitive(self, start: int, m: Span) -> bool:
        """Whether ``m`` follows, after ``start``, a word in construct state governing it as a genitive
        ("مستشار الرئيس", "أسرة أدريان كينغ")."""
        between = self.words_in(start, m.start)
        return (bool(between) and not self._definite(between[-1])
                and self.words[between[-1]].key not in self.cues.speaker_genitive)

    def _definite(self, wi: int) -> bool:
        """A word that cannot govern a genitive: with the article, with a pronoun suffix (خارجيته،
        عنها), a name, or a hashtag (#وزير_الخزانة_البريطاني)."""
        w = self.words[wi]
        surface = self.text[w.start:w.end]
        return (w.key.startswith(("ال", "لل")) or surface.endswith(_PRONOUN_SUFFIXES) or "_" in surface
                or self.text[max(0, w.start - 1):w.start] == "#" or self._inside_mention(w.start, w.end))

    def named_after_title(self, wi: int, stop: int) -> Span | None:
        """"وقال المتحدث باسم الخارجية ماثيو ميلر إن …": a person named a few words after the cue,
        right after a word with the article, is in apposition to the title before (a noun governing
        a genitive never takes the article: in "مسؤول في مكتب ماكرون" Macron is not the speaker)."""
        if wi + 1 >= len(self.words):
            return None
        title = self.words[wi + 1].key
        if self._anon_head(title) is None and title.removeprefix("ال") not in self.cues.speaker_nouns:
            return None  # the title opens right after the cue ("بحضور وزير الخارجية …" is no title)
        start = self.words[wi].end
        for m in self.mentions_in(start, stop):
            if m.attrs.get("type") != "PER":
                continue
            between = self.words_in(start, m.start)
            if (not between or len(between) > _APPOSITION_WORDS + 1 or self._punct_between(start, m.start)
                    or not self._definite(between[-1])):
                return None
            return m
        return None

    def _named_right_before(self, wi: int) -> bool:
        """Whether an actor ends at most one word before cue wi, with no punctuation between."""
        if not wi:
            return False
        lo, cue_start = self.words[wi - 1].start, self.words[wi].start
        # a name ending right before the cue, or before one word ("بايدن قد وصف")
        before = [m for m in self._mentions_just_before(cue_start) if m.end <= cue_start and m.end >= lo - 1]
        return bool(before) and not self._punct_between(before[-1].end, cue_start)

    def subject_named(self, wi: int) -> bool:
        """Whether the text names the subject of cue wi, as a noun phrase that is no entity
        ("وقالت والدة الطفلة"): a noun that names speakers (الشرطة، الرقيب) after any cue; after a
        verb that takes no direct object (قال، أضاف, not وصف) any next word that is not a
        closed-class word that may follow a verb whose subject is dropped (a preposition, time word,
        adverb, complementiser), nor a preposition glued to the article (للصحفيين), nor across
        punctuation."""
        if wi in self.named_subjects:
            return True
        if wi + 1 >= len(self.words):
            return False
        nxt = self.words[wi + 1]
        key = nxt.key
        if self._punct_between(self.words[wi].end, nxt.start) or self.is_cue(wi + 1):
            return False
        if key.removeprefix("ال") in self.cues.speaker_nouns:  # "أعلنت الشرطة", "اعترف الرقيب"
            return True
        if self.cues.verbs.get(self.words[wi].key) not in self.cues.subject_first:
            return False
        if key in self.cues.complementisers or key in self.cues.dropped_subject_next:
            return False
        return not key.startswith(_NOT_SUBJECT_PREFIXES)

    def organisation_after(self, wi: int, limit: int) -> Span | None:
        """"ودعا مجلس النقابات المهنية الأردنية …", "حذرت المنظمة الأوروبية للسلامة الجوية …": an
        organisation the registry does not know, named right after the cue by an organisation head
        noun (data/entities/rules/head_nouns.json) and the definite words that follow it.  The
        subject is then not dropped, so the quote does not fall back to an earlier speaker; the
        phrase becomes an entity with a stable id."""
        if (wi >= len(self.words) or self.words[wi].start >= limit
                or self.words[wi].key.removeprefix("ال") not in self.cues.body_heads):
            return None
        last = wi
        while last + 1 < len(self.words) and last + 1 - wi < _ORG_MAX_WORDS:
            nxt = self.words[last + 1]
            # definite words of the name, also after ل ("المنظمة الأوروبية للسلامة الجوية")
            if (nxt.start >= limit or not nxt.key.startswith(("ال", "لل")) or nxt.key in self.cues.name_breaks
                    or nxt.key in self.cues.complementisers
                    or self.is_cue(last + 1) or self._punct_between(self.words[last].end, nxt.start)):
                break
            last += 1
        if last == wi:
            # "قالت شركة سوميتومو فورستري": the head noun before a name the entity stage found
            after = self.words[wi].end
            named_next = next((m for m in self._mentions_just_before(after + 2) if m.attrs.get("type") == "ORG"
                               and m.start > after and not self.text[after:m.start].strip()), None)
            if named_next is not None and not self.words[wi].key.startswith("ال"):
                return named_next
            # a bare "مجلس" names nothing; a bare definite "اللجنة" is the last such body named
            named = self._named_before(wi) if self.words[wi].key.startswith("ال") else None
            if named is None:
                return None
            word = self.words[wi]
            span = Span(word.start, word.end, "entity", {"id": named.attrs["id"], "type": "ORG", "_form": "described"},
                        STAGE)
            self.new_entities.append(span)
            return span
        start, end = self.words[wi].start, self.words[last].end
        eid = unknown_id("ORG", self.text[start:end])
        span = Span(start, end, "entity", {"id": eid, "type": "ORG", "_form": "described"}, STAGE)
        self.new_entities.append(span)
        self.doc.objects.setdefault("entities", {}).setdefault(
            eid, {"id": eid, "type": "ORG", "name": self.text[start:end], "name_en": None, "known": False})
        return span

    def _named_before(self, wi: int) -> Span | None:
        """"أعلنت لجنة الانتخابات المركزية … وقالت اللجنة إن": the last organisation named before word
        wi whose name the same head noun opens."""
        head = self.words[wi].key.removeprefix("ال")

        def headed(m: Span) -> bool:  # "لجنة الانتخابات", or "شركة" then a name ("شركة سوميتومو")
            return (fold(self.text[m.start:m.end]).split(" ", 1)[0].removeprefix("ال") == head
                    or fold(self.text[max(0, m.start - 20):m.start]).split()[-1:] in ([head], ["ال" + head]))

        before = [m for m in (*self.mentions, *self.new_entities) if m.end <= self.words[wi].start
                  and m.attrs.get("type") == "ORG" and headed(m)]
        return max(before, key=lambda m: m.end) if before else None

    def definite_fixes(self) -> dict[str, str]:
        """Re-resolve definite anonymous references ("الدبلوماسي") once every source is known:
        the passes run out of text order, so the latest source before each reference may have
        been found after it.  Returns {provisional id: final id}."""
        indefinite = [(pos, n, e) for pos, n, e in self.anon_seen if (pos, n, e) not in self.definites]
        fixes = {}
        for pos, noun, eid in self.definites:
            earlier = [(p, e) for p, n, e in indefinite if n == noun and p < pos]
            if earlier and max(earlier)[1] != eid:
                fixes[eid] = max(earlier)[1]
        return fixes

    def _is_number_word(self, wi: int) -> bool:
        key = self.words[wi].key
        return key.startswith("ل") and key[1:] in _SMALL_NUMBERS or key in _SMALL_NUMBERS

    def _punct_between(self, a: int, b: int) -> bool:
        return any(ch in "،,.:؛;؟?!" or ch in _ANY_MARK for ch in self.text[a:b])

    def issuer_after(self, wi: int, limit: int) -> Span | None:
        """"وقال بيان صادر عن وزارة الخارجية الروسية إن": a statement noun right after the cue speaks
        for whoever issued it: the name after it, after ل, or after صادر عن."""
        k = wi + 1
        if k >= len(self.words) or self.words[k].key not in self.cues.statement_nouns:
            return None
        k += 1
        for phrase in self.cues.issued_by:
            if tuple(self.words[j].key for j in range(k, min(k + len(phrase), len(self.words)))) == phrase:
                k += len(phrase)
                break
        if k >= len(self.words) or self.words[k].start >= limit:
            return None
        start = self.words[k].start
        return next((m for m in self.mentions_in(start, limit) if m.start - start <= 1), None)  # (ل glued)

    def speaker_after_cue(self, wi: int, limit: int) -> tuple[Span | None, int]:
        """Speaker named after the cue word wi (VSO order) and where its phrase ends."""
        if wi + 1 >= len(self.words):
            return None, self.words[wi].end
        issuer = self.issuer_after(wi, limit)
        if issuer is not None:
            return issuer, issuer.end
        if self.cues.verbs.get(self.words[wi].key) == "convey":
            relayed = self._relayed_speaker(wi, limit)
            if relayed[0] is not None:
                return relayed
        start = self.words[wi].end
        window_end = self.words[min(wi + self.cues.window, len(self.words) - 1)].end
        window_end = min(window_end, limit)
        # stop at the complementiser or a colon/quote: the speaker comes before the content
        stop = window_end
        for j in range(wi + 1, min(wi + self.cues.window + 1, len(self.words))):
            w = self.words[j]
            if w.start >= window_end:
                break
            if (w.key in self.cues.complementisers and not self._inside_mention(w.start, w.end)) \
                    or self.is_cue(j) or self._punct_between(start, w.start):
                stop = w.start  # not the إن of "سي إن إن" (CNN)
                break
        found = None
        # an anonymous head ("مسؤول", "المتحدث") names no one, unless the entity stage resolved it to a
        # person ("المتحدث باسم الكرملين" is Peskov's title)
        if not any(self._anon_head(self.words[k].key) and not any(
                m.attrs.get("type") == "PER" and m.end > self.words[k].start
                for m in self._mentions_just_before(self.words[k].start))
                for k in range(wi + 1, min(wi + 3, len(self.words)))):
            near = self.mentions_in(start, stop)
            if self.cues.verbs.get(self.words[wi].key) in self.cues.object_first and self._named_right_before(wi):
                near = []  # "روتي حثت أوروبا": the subject stood before the verb, the name after it is addressed
            # the subject follows its verb closely; a person may come after a title the registry
            # lacks, but an organisation or country further on is a genitive ("مضيف فوكس نيوز")
            if near:
                # a name standing right after the verb ("وتطالب أنقرة بتسليمها غولن"), else a person
                # up to three words on (after a title the registry lacks: "رئيس الحلف")
                # not a genitive: "مستشار الرئيس الأمريكي جاريد كوشنر" is the adviser, not the president
                people = [m for m in near if m.attrs.get("type") == "PER"
                          and len(self.words_in(start, m.start)) <= _PERSON_AFTER_CUE
                          and not self._genitive(start, m)]
                between = self.words_in(start, near[0].start)
                # "وفقا لصحيفة وول ستريت جورنال": the ل that ends an attribution phrase is glued to the name
                glued = len(between) == 1 and self.words[between[0]].start == near[0].start - 1 \
                    and self.text[near[0].start - 1] == "ل" and self.is_attribution(wi)
                if not between or glued:
                    found = near[0]
                elif people:
                    found = people[0]
        if found is None:
            named = self.apposition_after(wi, limit) or self.named_after_title(wi, stop)
            if named is not None:
                return named, named.end
            anon = self.anonymous_after(wi + 1, stop if stop > start else window_end)
            if anon is None:
                anon = self.organisation_after(wi + 1, stop if stop > start else window_end)
            if anon is not None:
                return anon, anon.end
            return None, start
        # the phrase runs to the last name of the subject and whom it was said to ("إيكليز لبي بي سي"),
        # not to a place a preposition governs further on ("حذرت روسيا من أي تدخل عسكري في النيجر")
        phrase_end = found.end
        for m in self.mentions_in(start, stop):
            if m.start <= found.start or not governed_by_preposition(self.text, m) \
                    or all(len(bit) <= 2 for bit in self.text[phrase_end:m.start].split()):  # "لبي بي سي"
                phrase_end = max(phrase_end, m.end)
        # "قال الرئيس السوري، بشار الأسد، إن …": the same person named again between commas, or
        # right after the title, past the window ("قال رئيس الوزراء القطري محمد بن عبد الرحمن آل ثاني إن")
        for m in self.mentions_in(phrase_end, limit)[:3]:
            gap = self.text[phrase_end:m.start].strip()
            if gap not in ("،", ",", "") or actor_id(m, self.table) != actor_id(found, self.table):
                break
            phrase_end = m.end
            if gap:  # "كافولي، القائد الأعلى لقوات الحلف في أوروبا، إن": the title's own words follow it
                self.open_appositions.add(phrase_end)
        return found, phrase_end

    def sentence_subjects(self) -> list[tuple[int, str]]:
        """(offset, id) of each person named among the first words of a sentence that is not
        itself inside a quote, before any complementiser: the antecedents a dropped subject can refer
        back to ("وذكر أن اجتماعه مع ماي …": May is in what he said, not its subject)."""
        out = []
        for start, end in self.sentences:
            first_words = self.words_in(start, end)[:_SUBJECT_WINDOW]
            that = next((i for i, k in enumerate(first_words) if self._is_that(self.words[k].key)), None)
            first_words = first_words[:that] if that is not None else first_words
            if not first_words:
                continue
            limit = self.words[first_words[-1]].end
            people = [m for m in self.mentions_in(start, limit) if m.attrs.get("type") == "PER"]
            if people and not self.doc.is_noise(start, end):
                out.append((people[0].start, actor_id(people[0], self.table)))
        return out

    def coordinated_subject(self, wi: int, sent_start: int, sent_end: int) -> Span | None:
        """The subject of an earlier cue verb in the sentence when cue wi is joined to it by و
        with no comma between: coordinated verbs share their subject."""
        w = self.words[wi]
        if not self._joined_by_wa(wi):
            return None
        earlier = [k for k in self.words_in(sent_start, w.start) if self.is_cue(k)]
        if not earlier or any(ch in "،,؛;:" for ch in self.text[self.words[earlier[-1]].end:w.start]):
            return None
        k = earlier[-1]
        found, _ = self.speaker_after_cue(k, sent_end)
        return found if found is not None else self.speaker_before_cue(k, sent_start)

    def _joined_by_wa(self, wi: int) -> bool:
        """Whether word wi carries a joining و ("وعدت" alone begins with the root's own و)."""
        w = self.words[wi]
        surface = fold(self.text[w.start:w.end])
        return surface.startswith("و") and surface[1:] == w.key

    def first_verbs_subject(self, wi: int, sent_start: int) -> Span | None:
        """"اتهم وزير الخارجية الإيراني عباس عراقجي الوكالة …، وقال إن …": a reporting verb joined by
        "، و" with no subject of its own shares that of the verb opening its sentence, the person named
        right after it (however long the title before the name)."""
        w = self.words[wi]
        if not self._joined_by_wa(wi) or not self._opens_clause(wi, sent_start):
            return None
        opening = self.words_in(sent_start, w.start)[:_SUBJECT_WINDOW]
        if not opening:
            return None
        limit = self.words[opening[-1]].end
        people = [m for m in self.mentions_in(sent_start, w.start) if m.attrs.get("type") == "PER" and m.start < limit]
        if people:
            return people[0]
        # "ورغم أسئلة الجمهوريين، دعا كارتر الكونغرس …، وقال إنه": the person right after the last
        # reporting verb before it in the sentence
        earlier = [k for k in self.words_in(sent_start, w.start) if self.is_cue(k)]
        if earlier:
            found, _ = self.speaker_after_cue(earlier[-1], w.start)
            if found is not None and found.attrs.get("type") == "PER":
                return found
        return None

    def past_dateline(self, sent_start: int, pos: int) -> int:
        """Where a sentence's own words start after a dateline ("لاهاي (أ ف ب) – ألقى …", "بروكسل - ",
        "(CNN)— "): a dash within the first few words, with no cue before it; ``sent_start`` otherwise.  The
        place and agency of a dateline are no subject of the sentence."""
        head = self.text[sent_start:min(pos, sent_start + _DATELINE_CHARS)]
        dash = _DATELINE_DASH.search(head)
        if dash is None or any(self.is_cue(k) for k in self.words_in(sent_start, sent_start + dash.start())):
            return sent_start
        return sent_start + dash.end()

    def participle_subject(self, wi: int, sent_start: int) -> Span | None:
        """A participle (مشيرا، قائلا) shares its sentence's subject: that of the sentence's first cue
        when there is one (None, to carry the previous speaker, when it has none), else
        the first actor named in the sentence."""
        earlier = [k for k in self.words_in(sent_start, self.words[wi].start) if self.is_cue(k)]
        if earlier:  # "رفضت الولايات المتحدة المقترح مشددة …": the sentence's main (first) verb's subject
            found, _ = self.speaker_after_cue(earlier[0], self.words[wi].start)
            return found if found is not None else self.speaker_before_cue(earlier[0], sent_start)
        # "وعبر القائم بالأعمال الأمريكي في تركيا، فيليب كونسيت، عن …، مشددا": the first name not
        # governed by a preposition and not a nisba adjective
        free = [m for m in self.mentions_in(self.past_dateline(sent_start, self.words[wi].start), self.words[wi].start)
                if not governed_by_preposition(self.text, m)]
        names = [m for m in free if m.attrs.get("_form") != "nisba"]  # the first name, not a genitive after it
        return (names or free or [None])[0]

    def speaker_before_cue(self, wi: int, sent_start: int) -> Span | None:
        """Subject named shortly before the cue (SVO order), inside the same sentence."""
        lo = self.words[max(0, wi - 5)].start
        near = [m for m in self.mentions_in(max(lo, sent_start), self.words[wi].start)
                if not self._punct_between(m.end, self.words[wi].start)]
        found = self.pick_actor(list(reversed(near)))
        if found is None and self.words[wi].start > sent_start and not self._own_clause_subject(wi, sent_start):
            # a coordinated clause ("وافق دبلوماسي …، وقال …"): the sentence's own subject
            for k in self.words_in(sent_start, self.words[wi].start)[:3]:
                if self._anon_head(self.words[k].key):
                    return self.anonymous_after(k, self.words[wi].start)
            own_start = self.past_dateline(sent_start, self.words[wi].start)
            opening = self.words_in(own_start, self.words[wi].start)[:_SUBJECT_OPENING_WORDS]
            if opening:  # the sentence's subject stands among its first words ("وفي نيامي" is none)
                free = [m for m in self.mentions_in(own_start, self.words[opening[-1]].end)
                        if not governed_by_preposition(self.text, m)]
                found = self.pick_actor(free[:1])
        return found

    def _own_clause_subject(self, wi: int, sent_start: int) -> bool:
        """Whether words stand between the last comma before cue wi and the cue ("، لكن البيان
        الختامي لم يذكر"): the clause has a subject of its own, not the sentence's."""
        before = self.text[sent_start:self.words[wi].start]
        cut = max(before.rfind("،"), before.rfind(","))
        if cut < 0:
            return False
        words = [self.words[k].key for k in self.words_in(sent_start + cut, self.words[wi].start)]
        return any(w not in self.cues.not_said and w not in self.cues.clause_links for w in words)

    def _is_that(self, key: str) -> bool:
        """A complementiser of the إن/أن family (أن، إنه، بأن …), not إلى or على, which open what
        was said only when أن follows them ("إلى أن")."""
        return key in self.cues.complementisers and key.startswith(("ان", "بان"))

    def _relayed_speaker(self, wi: int, limit: int) -> tuple[Span | None, int]:
        """"نقل التلفزيون الرسمي عن الناطق باسم الخارجية بهرام قاسمي قوله": after a verb of relaying,
        the one named after عن is the speaker (a person named there first, else an anonymous source or
        the first actor), and what was said follows "قوله" or the complementiser.  Returns the speaker
        and where its phrase ends (after "قوله")."""
        words = self.words_in(self.words[wi].end, limit)[:self.cues.window]
        at = next((j for j in words if self.words[j].key == "عن"), None)
        if at is None or self._punct_between(self.words[wi].end, self.words[at].start):
            return None, self.words[wi].end
        after = self.words_in(self.words[at].end, limit)[:self.cues.window]
        stop_word = next((j for j in after if self.words[j].key in _SAYING_NOUNS
                          or self.words[j].key in self.cues.complementisers), None)
        stop = self.words[stop_word].start if stop_word is not None else limit
        near = self.mentions_in(self.words[at].end, stop)
        people = [m for m in near if m.attrs.get("type") == "PER"]
        found = people[0] if people else self.anonymous_after(at + 1, stop) or (near or [None])[0]
        if found is None:
            return None, self.words[wi].end
        if stop_word is not None and self.words[stop_word].key in _SAYING_NOUNS:
            return found, self.words[stop_word].end
        # "عن وزير الخارجية سيرغي لافروف أن": the title and the name after it are one phrase
        same = [m.end for m in near if m.start >= found.start and actor_id(m, self.table) == actor_id(found, self.table)]
        return found, max(same, default=found.end)

    def _unnamed_subject(self, wi: int, limit: int) -> tuple[int, Span | None]:
        """"أعلن القضاء الأمريكي الجمعة أنه …", "وقال مرشد الثورة في إيران، آية الله علي خامنئي، إن …":
        after a cue with no speaker found right after it, the words up to a complementiser (أن، إنه …;
        commas allowed, no other punctuation or cue) are the subject and when it spoke; what was said
        starts after the complementiser, and the subject's speaker is the person named in it (not
        after a preposition), else the first actor, else none.  Returns (where the subject ends, the
        speaker); (the cue's end, None) when no complementiser follows."""
        end = self.words[wi].end
        for j in self.words_in(end, limit)[:_UNNAMED_SUBJECT_WORDS]:
            w = self.words[j]
            if any(ch in ".:؛;؟?!" or ch in _ANY_MARK for ch in self.text[end:w.start]) or self.is_cue(j):
                break
            if self._is_that(w.key) and not self._inside_mention(w.start, w.end):
                if j == wi + 1:
                    break
                start = self.words[wi].end
                free = [m for m in self.mentions_in(start, w.start) if not governed_by_preposition(self.text, m)]
                # a person, not a genitive ("أسرة سامي النجار"); else a name opening the subject
                people = [m for m in free if m.attrs.get("type") == "PER" and not self._genitive(start, m)]
                first = [m for m in free if not self.words_in(start, m.start) and m.attrs.get("_form") != "nisba"]
                found = (people or first or [None])[0]
                if found is not None and self._punct_between(start, found.start):
                    self.appositions.add(found.start)  # the comma set the name off: no joint statement
                return w.start, found
            end = w.end
        return self.words[wi].end, None

    def content_start_after(self, pos: int, limit: int) -> int:
        """Skip a complementiser and spaces after position pos."""
        for n, j in enumerate(self.words_in(pos, limit)[:2]):
            w = self.words[j]
            if n and not self._is_that(w.key):
                break  # "إلى أن" is one complementiser; the على of "إن على الاتحاد أن" is what was said
            if w.key in self.cues.complementisers or w.key in ("ب" + c for c in ("ان", "انه")):
                pos = w.end
            else:
                break
        while pos < limit and self.text[pos] in " \t:،,":
            pos += 1
        return pos

    def past_adjuncts(self, pos: int, limit: int, cue_class: str | None = None) -> int:
        """Where what was said starts when adjuncts stand between the speaker and the complementiser
        ("لشبكة CNN، إن …", "في مقابلة مع قناة فرانس 24 إن …"; for a call, إلى: "دعا عون يوم الأحد
        إلى …"); ``pos`` itself otherwise."""
        complements = self.cues.class_complements.get(cue_class or "", frozenset())
        pos = self.past_relative_clause(pos, limit)
        ahead = self.words_in(pos, limit)[: self.cues.adjunct_max_words + 1]
        # "يحذر الأوروبيين: لن نبقى …": one or two words (whom it is said to), then a colon
        for k in range(min(2, len(ahead) - 1)):
            if self.is_cue(ahead[k]):
                break
            gap = self.text[self.words[ahead[k]].end:self.words[ahead[k + 1]].start]
            if any(ch in gap for ch in '"«»“”'):
                break
            if ":" in gap:
                return self.content_start_after(self.words[ahead[k]].end, limit)
        if not ahead or not self._opens_adjunct(self.words[ahead[0]].key):
            return pos
        previous = self.words[ahead[0]].end
        for j in ahead[1:]:
            w = self.words[j]
            that = ((self._is_that(w.key) or w.key in complements)
                    and not self._inside_mention(w.start, w.end))  # not the إن of "سي إن بي سي"
            gap = self.text[previous:w.start]
            # quotation marks end the adjunct, unless they only enclose a name (لشبكة "إي بي سي")
            quoted = any(ch in '"«»“”' for ch in gap) and not (
                self._inside_mention(w.start, w.end) or self._inside_mention(self.words[j - 1].start, self.words[j - 1].end))
            if (self.is_cue(j) or quoted or w.key in self.cues.clause_links
                    or (that and self.words[j - 1].key in self.cues.not_before_that)):
                return pos
            if ":" in gap and not that:  # "في مقابلة: أوروبا …": the adjunct ends at the colon
                return self.content_start_after(previous, limit)
            if that:  # "لشبكة CNN، إن …", "لدى وصوله: إن …"
                return self.content_start_after(w.end if w.key in complements else w.start, limit)
            previous = w.end
        return pos

    def past_apposition(self, pos: int, limit: int) -> int:
        """"قال فيليبو غراندي، المفوض السامي لشؤون اللاجئين في الأمم المتحدة، إن …": a description of
        the speaker between commas, closed by "، إن/أن", is not what was said; ``pos`` otherwise. A
        speaker phrase that ends inside such a description (its title named after the comma) is
        read on to the closing comma too."""
        if not self.text[pos:limit].lstrip().startswith(("،", ",")) and pos not in self.open_appositions:
            return pos
        ahead = self.words_in(pos, limit)[: self.cues.relative_max_words + 1]
        for a, b in zip(ahead, ahead[1:], strict=False):
            gap = self.text[self.words[a].end:self.words[b].start]
            if self.is_cue(a) or any(ch in gap for ch in ':؛"«»“”'):
                return pos
            key = self.words[b].key
            if ("،" in gap or "," in gap) and self._is_that(key):
                return self.content_start_after(self.words[b].start, limit)
        return pos

    def past_relative_clause(self, pos: int, limit: int) -> int:
        """"أعلنت فرنسا، التي تنشر نحو 1500 جندي في النيجر، أنها …": a relative clause right after the
        speaker describes the speaker; what was said starts after the comma that closes it, when the
        complementiser follows that comma.
        ``pos`` itself when no such clause closes within ``relative_max_words``."""
        ahead = self.words_in(pos, limit)[: self.cues.relative_max_words + 1]
        if not ahead or self.words[ahead[0]].key not in self.cues.relative_pronouns:
            return pos
        for a, b in zip(ahead, ahead[1:], strict=False):
            gap = self.text[self.words[a].end:self.words[b].start]
            if any(ch in gap for ch in ':؛'):
                return pos
            if "،" in gap or "," in gap:  # (a quoted name inside the clause is no quote: جامعة “باث سبا”)
                key = self.words[b].key
                if self._is_that(key):
                    return self.content_start_after(self.words[b].start, limit)
                return pos  # "ينفي غولن الذي يعيش في …، ويقول": no complementiser, the clause's end unknown
        return pos

    def _opens_adjunct(self, key: str) -> bool:
        # a number: the tail of a name the registry matched without it ("فرانس 24 إن")
        return (key in self.cues.adjunct_openers or key.isdigit() or (key.startswith("لل") and len(key) > 4)
                or key in self.cues.statement_nouns  # "وقال بيان مشترك إن": the statement, then what it said
                or (key.startswith("ل") and key[1:] in self.cues.addressee_heads))

    # -- the two kinds ---------------------------------------------------------------
    def direct_quotes(self) -> tuple[list[Span], set[int]]:
        quotes: list[Span] = []
        used_cues: set[int] = set()
        for open_at, c0, c1, close_end in _quote_regions(self.text):
            if self.doc.is_noise(c0, max(c0, c1)) or c1 <= c0:
                continue
            n_words = len(self.words_in(c0, c1))
            colon_before = self.text[max(0, open_at - 3):open_at].strip().endswith(":")
            if not colon_before and any(m.start <= c0 and c1 <= m.end for m in self._mentions_just_before(c0)):
                continue  # a quoted name (شبكة "سي أن بي سي"), not a statement
            if n_words < self.cues.min_direct_words and not colon_before:
                continue
            short = n_words < self.cues.min_direct_words_without_cue and not colon_before
            sent_start, _ = self.sentence_of(open_at)
            cue_wi = None
            speaker = None
            # cue before the quote, in the same sentence
            left = self.words_in(min(sent_start, open_at), open_at)
            for j in reversed(left[-(self.cues.window + 6):]):
                if self.is_cue(j):
                    cue_wi = j
                    break
            if cue_wi is not None and self.words[cue_wi].key in self.cues.participles:
                speaker = self.participle_subject(cue_wi, sent_start)
            elif cue_wi is not None and (antecedent := self.relative_report(cue_wi)) is not None:
                speaker = antecedent  # "فيليب فيروني، الذي قال إن "…""
            elif cue_wi is not None:
                speaker, phrase_end = self.speaker_after_cue(cue_wi, open_at)
                if speaker is None:
                    speaker = self.speaker_before_cue(cue_wi, sent_start)
                if speaker is None:
                    speaker = self.first_verbs_subject(cue_wi, sent_start)
                gap = self.words_in(phrase_end, open_at)
                # (not the أن inside a name: شبكة "سي أن بي سي")
                gap_keys = [self.words[g].key for g in gap
                            if not self._inside_mention(self.words[g].start, self.words[g].end)]
                if any(self._is_that(k) if colon_before else k in self.cues.complementisers
                       for k in gap_keys[:-1]) and len(gap) > 2:
                    continue  # a quoted phrase inside reported speech: the indirect pass covers it
                    # (not after a colon: "في رسالة إلى قادة الدول: «…»" is an adjunct, then the quote)
            else:
                # cue right after the quote, in the same sentence: “…”، قال X / “…”، من المتوقع أن يخبر X
                _, sent_end = self.sentence_of(max(open_at, close_end - 1))
                right = self.words_in(close_end, sent_end)[:_CUE_AFTER_WORDS]
                for j in right:
                    if self.mentions_in(close_end, self.words[j].start):
                        break  # a name before any cue: the sentence goes on about someone else
                    if self.is_cue(j):
                        cue_wi = j
                        if self.words[j].key in self.cues.participles:
                            speaker = self.participle_subject(j, sent_start)
                        else:
                            speaker, _ = self.speaker_after_cue(j, sent_end)
            if short and cue_wi is None:
                continue  # a scare-quoted phrase, not a statement
            speaker_id = actor_id(speaker, self.table) if speaker is not None else None
            cue = None
            if cue_wi is not None:
                used_cues.add(cue_wi)
                cue = {"start": self.words[cue_wi].start, "end": self.words[cue_wi].end}
            quotes.append(Span(c0, c1, "quote", {"kind": "direct", "speaker": speaker_id, "cue": cue,
                                                 "_carry": speaker is None and not (
                                                     cue_wi is not None and self.subject_named(cue_wi))},
                                 STAGE))
        return quotes, used_cues

    def indirect_quotes(self, used_cues: set[int], direct: list[Span]) -> list[Span]:
        quotes: list[Span] = []
        inside_direct = sorted((q.start, q.end) for q in direct)
        direct_starts = [a for a, _ in inside_direct]

        def in_direct(pos: int) -> bool:
            i = bisect.bisect_right(direct_starts, pos) - 1
            return i >= 0 and inside_direct[i][0] <= pos < inside_direct[i][1]

        for j, w in enumerate(self.words):
            if j in used_cues or not self.is_cue(j) or self.doc.is_noise(w.start, w.end):
                continue
            if in_direct(w.start):
                continue
            sent_start, sent_end = self.sentence_of(w.start)
            antecedent = self.relative_report(j)
            if antecedent is not None:  # "توم باراك، الذي قال إن …"
                c0 = self.content_start_after(w.end, sent_end)
                self._emit(quotes, j, antecedent, c0, self._content_end(c0, sent_end), in_direct)
                continue
            attribution = self.is_attribution(j)
            if w.key in self.cues.participles:
                speaker = self.participle_subject(j, sent_start)
                c0 = self.content_start_after(w.end, sent_end)
                c1 = self._content_end(c0, sent_end)
                self._emit(quotes, j, speaker, c0, c1, in_direct)
                continue
            shared = None if attribution else self.coordinated_subject(j, sent_start, sent_end)
            if shared is not None:  # "أعرب هيلي عن تعاطفه مع مخاوف هيغسيث ووعدت …": the first verb's subject
                speaker, phrase_end = shared, w.end
            else:
                speaker, phrase_end = self.speaker_after_cue(j, sent_end)
            if attribution:
                if speaker is None:
                    continue
                if any(self.is_cue(k) and not self.is_weak(k) for k in self.words_in(sent_start, w.start)[-2:]):
                    continue  # "حذرت على لسان المتحدثة …": the verb right before reports, the phrase names who
                before = self.text[sent_start:w.start].strip(" ،,")
                if len(WORD.findall(before)) >= 3:
                    c0, c1 = sent_start, w.start
                else:
                    c0, c1 = self.content_start_after(phrase_end, sent_end), sent_end
            else:
                subject_end, named = self._unnamed_subject(j, sent_end) if phrase_end == w.end else (phrase_end, None)
                if self.cues.verbs.get(w.key) in self.cues.object_first:
                    named = None  # "إيران تصف نتنياهو بأنه …": the name after the verb is its object
                if speaker is None:
                    speaker = named
                nxt = self.words[j + 1].key if j + 1 < len(self.words) else ""
                if speaker is None and subject_end > w.end and not self._definite(j + 1) \
                        and nxt not in self.cues.dropped_subject_next and not nxt.startswith(_NOT_SUBJECT_PREFIXES):
                    # "نقلت وسائل إعلام أمريكية، عن مصادر، أن": an indefinite subject is no one named
                    # before; a definite one ("ويذكر التقرير أن") may be, and takes the earlier speaker
                    self.named_subjects.add(j)
                if speaker is None:
                    speaker = self.speaker_before_cue(j, sent_start)
                    if speaker is None and not self._opens_clause(j, sent_start):
                        continue
                if speaker is None:
                    speaker = self.first_verbs_subject(j, sent_start)
                phrase_end = subject_end
                if self.is_weak(j) and not self._complement_follows(phrase_end, sent_end):
                    continue
                c0 = self.content_start_after(self.past_apposition(phrase_end, sent_end), sent_end)
                following = self.words_in(phrase_end, sent_end)[:1]
                if not (following and self._is_that(self.words[following[0]].key)):
                    # "إن على اليونايتد أن": على is said, not an adjunct
                    c0 = self.past_adjuncts(c0, sent_end, self.cues.verbs.get(w.key))
                c1 = self._content_end(c0, sent_end)
            for each in self.coordinated_with(speaker):
                self._emit(quotes, j, each, c0, c1, in_direct)
        return quotes

    def coordinated_with(self, speaker: Span | None) -> list[Span | None]:
        """The speaker and the actors joined to it by و or a comma ("بولندا واليونان قالتا"):
        a joint statement is a quote of each of them."""
        if speaker is None or speaker not in self.mentions or speaker.start in self.appositions:
            return [speaker]  # "الرقيب بالجيش الأمريكي، إيريك كانغ": the comma opens an apposition
        i = self.mentions.index(speaker)
        group = [speaker]
        for step in (-1, 1):
            k = i
            while 0 <= k + step < len(self.mentions):
                a, b = sorted((self.mentions[k], self.mentions[k + step]), key=lambda m: m.start)
                if self.text[a.end:b.start].strip() not in ("و", "،", ","):
                    break
                k += step
                group.append(self.mentions[k])
        ids = []
        out = []
        for m in sorted(group, key=lambda m: m.start):
            if m.attrs["id"] not in ids:
                ids.append(m.attrs["id"])
                out.append(m)
        return out

    def _complement_follows(self, pos: int, limit: int) -> bool:
        rest = self.text[pos:limit].lstrip()
        if rest[:1] in ":" + _ANY_MARK:
            return True
        following = self.words_in(pos, limit)[:1]
        return bool(following) and self.words[following[0]].key in self.cues.complementisers

    def _emit(self, quotes: list[Span], cj: int, speaker: Span | None, c0: int, c1: int,
              in_direct: Callable[[int], bool]) -> None:
        cue = self.words[cj]
        if any(q.start <= cue.start and cue.end <= q.end for q in quotes):
            return  # a cue inside reported content ("… أنها ترفض دوما …") is part of that content
        while c1 > c0 and self.text[c1 - 1] in " \t.،,؛;":
            c1 -= 1
        if c1 <= c0 or len(self.words_in(c0, c1)) < 3:
            return
        if in_direct(c0):
            return
        quotes.append(Span(c0, c1, "quote", {
            "kind": "indirect", "speaker": actor_id(speaker, self.table) if speaker is not None else None,
            "cue": {"start": cue.start, "end": cue.end},
            "_carry": speaker is None and not self.subject_named(cj)}, STAGE))

    def _opens_clause(self, j: int, sent_start: int) -> bool:
        """A cue with a dropped subject: first word of its sentence or right after a comma."""
        before = self.text[sent_start:self.words[j].start]
        return not WORD.search(before) or before.rstrip().endswith(("،", ","))

    def _starts_comment(self, j: int) -> bool:
        """Whether the words from j on spell one of the content breaks ("مما", "الأمر الذي")."""
        return any(tuple(w.key for w in self.words[j:j + len(phrase)]) == phrase
                   for phrase in self.cues.content_breaks)

    def _content_end(self, c0: int, sent_end: int) -> int:
        """Reported content runs to the sentence end, or to a following participial cue, or to the
        writer's own comment after a comma ("، مما أثار مخاوف")."""
        verbs = self.cues.verbs
        for j in self.words_in(c0, sent_end):
            key = self.words[j].key
            # "، فيما قالت الأمم المتحدة إن …": a clause link and a reporting verb open another report
            linked = key in self.cues.clause_links and j + 1 < len(self.words) and self.words[j + 1].key in verbs
            if (key in verbs or self._starts_comment(j) or linked) and \
                    self.text[c0:self.words[j].start].rstrip().endswith(("،", ",")):
                return self.words[j].start
        return sent_end


_ORG_MAX_WORDS = 6
_NEARBY_MENTIONS = 8  # mentions looked at back from a position (a title, its nisba, a name …)
_SUBJECT_OPENING_WORDS = 4  # a coordinated clause's subject: named among its sentence's first words
#: endings of a pronoun suffix on the original letters (a ta marbuta is ة, not ه)
_PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "كم", "نا")
_APPOSITION_WORDS = 5  # words of an unknown title before the comma that opens the name in apposition


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    """Folded head nouns of organisation names (مجلس، وزارة، لجنة …), indefinite as after a verb."""
    return frozenset(noun for noun, cls in head_noun_classes().items() if "ORG" in cls["types"])


def build():
    cues = load_cues()

    def quotes_stage(doc: Document) -> None:
        finder = QuoteFinder(doc, cues)
        direct, used = finder.direct_quotes()
        indirect = finder.indirect_quotes(used, direct)
        merged = _merge_speakers(direct, indirect, finder.sentence_subjects())
        fixes = finder.definite_fixes()
        if fixes:
            merged = [_with_speaker(q, fixes.get(q.attrs.get("speaker"), q.attrs.get("speaker"))) for q in merged]
            finder.new_entities = [_with_speaker(m, fixes.get(m.attrs["id"], m.attrs["id"]), key="id")
                                   for m in finder.new_entities]
            table = doc.objects.get("entities", {})
            for stale in set(fixes) - {m.attrs["id"] for m in finder.new_entities}:
                table.pop(stale, None)
        doc.add("quotes", merged)
        if finder.new_entities:
            # a source found again by a second cue ("وقال محلل إن «…» وإن «…»") is one mention
            unique = {(m.start, m.end, m.attrs["id"]): m for m in finder.new_entities}
            doc.add("entities", list(unique.values()))

    return quotes_stage


def _merge_speakers(direct: list[Span], indirect: list[Span],
                    subjects: list[tuple[int, str]] | None = None) -> list[Span]:
    """In text order, give a quote whose subject the text drops the nearest antecedent:
    the previous quote's speaker, or a person who is the subject of a later sentence
    before it ("تبنى ستولتنبرغ لهجة متفائلة. وقال: …")."""
    merged = sorted(direct + indirect, key=lambda s: s.start)
    subjects = sorted(subjects or [])
    positions = [pos for pos, _ in subjects]
    out: list[Span] = []
    last: Any = None
    last_at = -1
    for q in merged:
        if q.attrs.get("speaker") is None and q.attrs.get("_carry"):
            i = bisect.bisect_left(positions, q.start) - 1  # the latest subject before the quote
            speaker = subjects[i][1] if i >= 0 and positions[i] > last_at else last
            if speaker is not None:
                q = Span(q.start, q.end, q.label, {**q.attrs, "speaker": speaker}, q.stage)
        if q.attrs.get("speaker") is not None or not q.attrs.get("_carry"):
            # a subject the text names but no entity is ("وقالت والدة الطفلة") is the antecedent too:
            # the next quote without a subject ("مضيفة …") is theirs, not an earlier speaker's
            last = q.attrs.get("speaker")
            last_at = q.start
        out.append(q)
    return out


def _with_speaker(span: Span, value: Any, key: str = "speaker") -> Span:
    if span.attrs.get(key) == value:
        return span
    return Span(span.start, span.end, span.label, {**span.attrs, key: value}, span.stage)
