"""Entity mentions of one document: registry matches, then within-document linking.

Order of work (each step only fills text the earlier ones left free):

1. registry matches (names, variants, nisba adjectives, dated role titles and "TITLE السابق" for
   the most recently ended holder, aliases), quotation marks inside a name ignored;
2. generic titles ("الوزير", "وزير الدفاع الأمريكي"): the holder of that role whose country or
   organisation is named right after the title (or in apposition after it), else the last entity
   in the document holding it; bare head nouns ("المجموعة", "الائتلاف", "اللقاء") refer back to the
   last name with that head (``rules/head_nouns.json``); "نظيره الروسي" is the holder of the same
   office as the person named before, in the adjective's country (``rules/titles.json``);
3. transliteration variants: multi-word names whose consonant skeleton equals one registry
   name's skeleton (one candidate, high rapidfuzz similarity); single words only when they are
   the surname of a person already found in the document;
4. the statistical tagger's names (``rasid.ner``) where it is installed, linked to the registry
   or to an earlier full name, else given a stable id from their folded canonical form.

Capitals used for governments (كييف, موسكو, واشنطن) keep the city's id; the entity table
records ``capital_of`` so that actor resolution (events, stances) can map them to the country.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from rasid.arabic.normalise import View, fold, normalise
from rasid.doc import Document
from rasid.entities.matcher import ARTICLE, Match, Matcher, newest_holder, role_active
from rasid.entities.registry import Registry
from rasid.entities.variants import (
    clitic_letters,
    clitic_prefixes,
    head_noun_classes,
    homographs,
    institution_words,
    near_countries,
    not_modifiers,
    phrase_skeleton,
    skeleton,
    title_rules,
    variant_rules,
    world_cities,
)
from rasid.ner.tokens import strip_proclitics

log = logging.getLogger(__name__)

WORD = re.compile(r"[^\W\d_]+")
#: a character that is neither a letter, a digit nor a space: a tagged name that holds one is no plain name
PUNCTUATION_INSIDE = re.compile(r"[^\w\s]")
#: an en or em dash with space on both sides: it parts a byline's name from its place ("عمر إبراهيم – عين");
#: a spaced hyphen may join a transliterated name ("كيم جونغ - أون")
SPACED_DASH = re.compile(r"\s[–—]\s")
#: "الأعلى" ("المجلس الأعلى"): the one non-nisba adjective that makes a council's short name another body's
ELATIVE_HIGHER = fold("الأعلى")
#: folded words that look like a word with the article but are particles ("إلا", "ألا", "إلى")
NOT_ARTICLE = frozenset({fold("إلا"), fold("ألا"), fold("إلى")})
#: a one-word place name is compared by skeleton only from this many skeleton letters
MIN_PLACE_SKELETON = 3
#: how long before a person's first registry office the news already names them by surname alone
ALIAS_YEARS_BEFORE = 2
#: a given name among this many most frequent news words is too common to stand for one person
COMMON_GIVEN_NAME_RANK = 3000
GOD = fold("الله")
#: a version number right after a name ("مينسك 3.0", "أوسلو 2"), not the start of a date or amount
VERSION = re.compile(r" ?[2-9](?:\.0)?(?![0-9\w]|[.,][0-9])")
TAGGER_TYPES = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG"}
#: how many view characters may separate a generic title from the country/organisation naming it
QUALIFIER_GAP = 3
#: how many view characters before "نظيره" the person whose counterpart it is may stand
COUNTERPART_REACH = 300
#: mention kinds that spell a name (a surname can be taken from them; not from titles)
NAME_KINDS = ("variant", "alias", "tagger")


@dataclass
class Mention:
    start: int  # original offsets
    end: int
    vstart: int  # view offsets
    vend: int
    entity_id: str
    etype: str
    kind: str


QUOTE_MARKS = "\"'«“‘„"  # marks that open a quotation
LAM_LAM = "لل"  # ل + the article, written as one لل ("للجيش")
#: endings that make a name another word: a nisba adjective ("ترامبية"), a feminine form ("بوتينا")
DERIVING_ENDINGS = frozenset({"ي", "يه", "يا", "ا", "ه", "يين", "يون", "يان"})
CONJUNCTIONS = frozenset("وف")  # proclitics that join a word on without governing it
TA_MARBUTA_FOLDED = fold("ة")  # the feminine ending once folded (ه)
FAMILY_PARTICLE = fold("آل")  # "آل ثاني", "آل سعود": a family name that may stand for its bearer


def unknown_id(etype: str, surface: str) -> str:
    """A stable id for a name the registry does not know: its folded canonical form."""
    key = "_".join(fold(surface).split())
    return f"x:{etype.lower()}:{key}"


class Linker:
    """Registry, matcher and (optionally) tagger, built once; ``annotate(doc)`` per document."""

    def __init__(self, registry: Registry, tagger: Any | None = None) -> None:
        self.registry = registry
        self.matcher = Matcher(registry)
        self.tagger = tagger
        rules = variant_rules()
        self.min_ratio = rules["fuzzy_min_ratio"]
        self.min_letters = rules["fuzzy_min_letters"]
        self.min_skeleton = rules["min_skeleton"]
        self.particles = {fold(w) for w in rules.get("name_particles", [])}
        self.compound_ends = {fold(w) for w in rules.get("compound_name_ends", [])}
        self.final_vowels = frozenset(fold(w) for w in rules["drop_final"])
        self.ordinals = frozenset(fold(w) for w in rules.get("regnal_ordinals", []))
        self.generations = frozenset(fold(w) for w in rules.get("generation_words", []))
        #: words before a bare title that make it the owner of another office (rules/titles.json)
        self.owned_by: frozenset[str] = title_rules()["owned_by"]
        self.new_words: frozenset[str] = frozenset(title_rules()["new"])
        self.prefixes = sorted(clitic_prefixes(), key=len, reverse=True)
        self.folded_forms: dict[str, list[str]] = {}
        #: a person's full role titles, folded ("نائب الرئيس الأمريكي" holds "الرئيس الأمريكي")
        self.role_titles: dict[str, list[str]] = {}
        for entry in registry.entries.values():
            self.folded_forms[entry["id"]] = [fold(x) for x in [entry["name"], *entry.get("variants", [])]]
            self.role_titles[entry["id"]] = [" ".join(fold(t).split()) for r in entry.get("roles", [])
                                             for t in r.get("title", [])]

    # -- helpers ------------------------------------------------------------------------
    def _mention(self, view: View, vstart: int, vend: int, entity_id: str, kind: str) -> Mention:
        start, end = view.to_original(vstart, vend)
        etype = self._type(entity_id)
        return Mention(start, end, vstart, vend, entity_id, etype, kind)

    def _type(self, entity_id: str) -> str:
        entry = self.registry.entries.get(entity_id)
        if entry:
            return entry["type"]
        return entity_id.split(":")[1].upper() if entity_id.startswith("x:") else "MISC"

    def _strip_clitics(self, word: str) -> list[tuple[int, str]]:
        """(offset, rest) readings of a folded word: as is, and after each proclitic sequence."""
        prefixes = self.prefixes
        if getattr(self, "_prefix_list", None) is not prefixes or len(prefixes) != len(self._prefix_tuple):
            self._prefix_list, self._prefix_tuple = prefixes, tuple(prefixes)
        return _readings(word, self._prefix_tuple)

    # -- the steps ------------------------------------------------------------------------
    def annotate(self, doc: Document) -> tuple[list[Mention], dict[str, dict[str, Any]]]:
        view = _hyphens_as_spaces(normalise(doc.text))
        published = doc.published
        noise = doc.noise_ranges()

        def is_noise(start: int, end: int) -> bool:
            return any(a <= start and end <= b for a, b in noise)

        resolved, generic = self.matcher.find(view.text, published)
        spans = self._tag(doc)  # the tagger reads the text alone; its spans serve the steps below
        places, persons = _tagged_ranges(spans, "LOC"), _tagged_ranges(spans, "PER")
        organisations = _tagged_ranges(spans, "ORG")
        mentions = [self._mention(view, m.start, m.end, m.form.entity_id, m.form.kind) for m in resolved]
        mentions = [m for m in mentions if not is_noise(m.start, m.end) and not self._modified_alias(doc.text, m)
                    and not self._other_institution(view, m) and not self._someone_elses_patronymic(view, m)
                    and not self._place_naming_institution(doc.text, view, m, organisations)
                    and not _in_idiom(doc.text, m) and doc.text[m.start:m.end] not in _words_as_written()
                    and not (self._given_name_after_title(view, m)
                             and not any(a <= m.start and m.end <= b for a, b in places))]
        in_registry = {p for m in mentions for p in range(m.vstart, m.vend)}  # view offsets a registry name covers
        tagged_names = _TaggedNames.of(doc.text, spans)
        mentions = [m for m in mentions if not self._someone_elses_surname(view, m, in_registry, tagged_names)]
        # an institution inside a person's title gives way to its adjective, unless that is already there
        in_titles = [m for m in mentions if self._institution_in_title(view, m)]
        if in_titles:
            present = {(m.vstart, m.vend) for m in mentions}
            mentions = [m for m in mentions if m not in in_titles] + [
                a for m in in_titles for a in self._adjective_of(view, m) if (a.vstart, a.vend) not in present]
            mentions.sort(key=lambda m: (m.vstart, m.vend))
        self._homographs(doc.text, mentions)
        self._versioned_places(view, mentions, published)
        mentions = self._aliases_in_their_time(view, mentions, published)
        mentions = self._events_in_their_time(mentions, published)
        mentions += self._generic_titles(view, generic, mentions, published)
        mentions += self._counterparts(view, mentions, published)
        mentions += self._fuzzy_names(doc.text, view, mentions)
        mentions = self._towns_read_as_names(doc.text, mentions, persons)
        mentions = self._nisbas_ending_names(doc.text, mentions, persons)
        mentions, blocked = self._towns_in_context(doc.text, mentions, spans)
        if self.tagger is not None:
            tagged = self._tagged(doc, view, mentions, spans, blocked)
            mentions += tagged
            mentions += self._carried(view, mentions, tagged)
            mentions += self._unknown_heads_again(view, mentions)
        mentions += self._calques(view, mentions, published)  # after the tagger: "محمد الأمين" is a name
        mentions = [m for m in mentions if not is_noise(m.start, m.end) and m.end > m.start
                    and not self._named_after(doc.text, view, m)]
        mentions.sort(key=lambda m: (m.start, m.end))
        deputies = self._deputy_titles(view, mentions)
        self._titles_named_after(view, mentions)
        # "قال نائب رئيس الوزراء الروسي إن …" with no name after it: not the prime minister, no one known
        mentions = [m for m in mentions if deputies.get(id(m), "") != m.entity_id]
        return mentions, self._table(doc.text, mentions, published)

    def _named_after(self, text: str, view: View, m: Mention) -> bool:
        """"مطار الملك فهد الدولي", "مركز الملك سلمان للإغاثة", "شارع خالد بن الوليد": a person's name
        right after a noun of the places and institutions named after people (rules/titles.json
        'named_after'), a title between or not, names that place, not the person."""
        if m.etype != "PER":
            return False
        rules = title_rules()
        end = m.vstart
        word = _previous_word(view.text, end)
        if self._trigger(word) == "PER_TITLE":
            end -= len(word) + 1
            word = _previous_word(view.text, end)
        start = end - len(word) - 1
        if f"{_previous_word(view.text, start)} {word}" in rules["named_after_idioms"]:
            return False
        return self._noun_in_construct(text, view, word, end, rules["named_after"])

    def _noun_in_construct(self, text: str, view: View, word: str, end: int, nouns: frozenset[str]) -> bool:
        """Whether the view's word ending one space before ``end`` is one of ``nouns`` in the construct
        state: proclitics off, but never the article ("المستشفى"), and a noun in ة written with ة
        ("مكتبه" is 'his office', "مؤسسه" 'its founder')."""
        start = end - len(word) - 1
        if word.endswith(TA_MARBUTA_FOLDED) and text[view.to_original(start, end - 1)[1] - 1] != "ة":
            return False
        return any(rest in nouns for offset, rest in self._strip_clitics(word)
                   if ARTICLE not in word[:offset] and not word[:offset].endswith(LAM_LAM))

    def _place_naming_institution(self, text: str, view: View, m: Mention,
                                  organisations: list[tuple[int, int]]) -> bool:
        """"جامعة ماساتشوستس", "بنك إنجلترا", "نادي ليفربول": a place right after the noun of an
        institution named after places (rules/titles.json 'named_after_places'), in the construct
        state, names the institution when the tagger reads an organisation over the place: the
        tagger's name stands and the place is no mention.  Without the tagger's organisation the
        place stays ("جامعة في القاهرة" is not read this way anyway: the noun must touch the name)."""
        if m.etype not in ("GPE", "LOC"):
            return False
        word = _previous_word(view.text, m.vstart)
        return self._noun_in_construct(text, view, word, m.vstart, title_rules()["named_after_places"]) \
            and any(a <= m.start and m.end <= b for a, b in organisations)

    def _deputy_titles(self, view: View, mentions: list[Mention]) -> dict[int, str]:
        """"نائب رئيس الوزراء الروسي ألكسندر نوفاك": a person's title after a deputy word names
        another office.  The deputy word joins the mention (so a name in apposition after it
        relinks the whole title); returns id(mention) -> the holder it was first linked to."""
        words = title_rules()["deputies"]
        out: dict[int, str] = {}
        for m in mentions:
            if m.etype != "PER" or m.kind not in ("title", "generic"):
                continue
            previous = _previous_word(view.text, m.vstart)
            joined = previous[:1] in ("و", "ف") and previous[1:] in words  # "ونائب رئيس الوزراء"
            if previous not in words and not joined:
                continue
            vstart = m.vstart - 1 - len(previous) + (1 if joined else 0)
            m.start, _ = view.to_original(vstart, m.vend)
            m.vstart = vstart
            out[id(m)] = m.entity_id
        return out

    def _someone_elses_patronymic(self, view: View, m: Mention) -> bool:
        """"وزير الطاقة الأمير عبد العزيز بن سلمان" is not "بن سلمان" (Mohammed bin Salman): an alias
        that is a patronymic (بن، ابن …) right after a given name belongs to that name's bearer.  A
        given name is a person-name word of the tagger's gazetteer that is not a title (الأمير)."""
        if m.kind != "alias" or m.etype != "PER" or self.tagger is None:
            return False
        first = view.text[m.vstart:m.vend].split(" ", 1)[0]
        if first not in self.particles:
            return False
        return self._given_name(_previous_word(view.text, m.vstart))

    def _given_name(self, word: str) -> bool:
        """A person-name word of the tagger's gazetteer that is no trigger word (not a title: الأمير)."""
        return bool(word) and "PER" in self._name_classes(word) and self._trigger(word) is None

    def _joined_names(self, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """"محمد آل فتيل وكامل الموسى": two people the tagger ran into one name are two: a person's
        span parts before a later word that is a joining و on a given name of the tagger's gazetteer
        when the word with it is no name ("وليد" and "ولد" stay inside a name), and the second
        person starts after the و."""
        out = []
        for a, b, label in spans:
            words = list(WORD.finditer(text, a, b)) if TAGGER_TYPES.get(label) == "PER" else []
            for i in range(1, len(words) - 1):
                folded = fold(words[i].group())
                if folded.startswith("و") and self._given_name(folded[1:]) and not self._name_classes(folded) \
                        and folded[1:] not in self.particles:
                    out += [(a, words[i - 1].end(), label), (words[i].start() + 1, b, label)]
                    break
            else:
                out.append((a, b, label))
        return out

    def _past_joining_wa(self, text: str, start: int, end: int) -> int:
        """"وكريم بنزيمة": a tagged person's name does not start with a joining و/ف when the word
        without it is a given name of the tagger's gazetteer and the word with it is not (وليد
        and وائل keep theirs)."""
        first = WORD.match(text, start)
        if first is None or first.end() >= end or text[start] not in "وف":
            return start
        word = fold(first.group())
        if "PER" in self._name_classes(word[1:]) and "PER" not in self._name_classes(word):
            return start + 1
        return start

    def _before_trailing_title(self, text: str, start: int, end: int) -> int:
        """"المتحدث الإعلامي للجامعة الدكتور محمد": a person's title (PER_TITLE trigger) ending an
        organisation the tagger found, with a given name right after it, belongs to that person;
        the name ends before it, and what is left is no name when it is only a head noun ("للجامعة":
        start == end).  "ائتلاف آبي الحاكم بأغلبية" ('ruling') keeps its word."""
        words = list(WORD.finditer(text, start, end))
        if not self._given_name(fold(_next_word(text, end))):
            return end
        cut = len(words)
        while cut > 1 and self._trigger(fold(words[cut - 1].group())) == "PER_TITLE":
            cut -= 1
        if cut == len(words):
            return end
        if cut == 1 and any(self._trigger(r) in ("ORG_HEAD", "LOC_HEAD")
                            for _, r in self._strip_clitics(fold(words[0].group()))):
            return start
        return words[cut - 1].end()

    def _past_clitic_of_head(self, text: str, start: int, end: int) -> int:
        """"وحزب العمل الوطني", "ووزارة الخارجية", "أعرب لمجلس الأمن القومي": an organisation or
        place the tagger starts on a proclitic (و ف ب ل ك, no article) glued to the head noun of its
        name (trigger classes ORG_HEAD, LOC_HEAD) starts after it."""
        m = WORD.match(text, start)
        if m is None or m.end() > end or len(m.group()) < 3:
            return start
        heads = ("ORG_HEAD", "LOC_HEAD")
        word = fold(m.group())
        if self._trigger(word) in heads:
            return start  # "بنك" is a head itself
        for offset, rest in self._strip_clitics(word):
            if offset and ARTICLE not in word[:offset] and LAM_LAM not in word[:offset] \
                    and self._trigger(rest) in heads:
                return start + offset
        return start

    def _without_titles(self, text: str, start: int, end: int) -> tuple[int, int]:
        """"محمد بن نايف ولي العهد", "ولي ولي العهد": the tagger takes a title of two or more words
        (trigger words of class PER_TITLE, data/ner/triggers.tsv) into a person's name; the name
        ends before it, and a span of such a title alone is no name (start == end).  A single
        title word may be a name's own ("سوزان الحاج", "آل الشيخ", "أمير حاتمي") and stays, unless
        it opens the span with the article before a name of two words or more ("السيناتور بن ساسي")."""
        words = list(WORD.finditer(text, start, end))
        titles = [self._trigger(fold(w.group())) == "PER_TITLE" and not self._given_name(fold(w.group()))
                  for w in words]
        lead = 0
        while lead < len(words) - 2 and titles[lead] and _definite(fold(words[lead].group())):
            lead += 1
        if lead:
            start, words, titles = words[lead].start(), words[lead:], titles[lead:]
        cut = len(words)
        while cut > 0 and titles[cut - 1]:
            cut -= 1
        if len(words) - cut < 2:
            return start, end
        return (start, words[cut - 1].end()) if cut else (start, start)

    @staticmethod
    def _before_addressee(text: str, start: int, end: int, eulogy_only: bool = False) -> int:
        """"مايكل كوهين لشبكة", "الملك عبد الله - رحمه الله": a tagged person's name ends before a
        word saying to whom the person spoke or a eulogy (rules/variant_rules.json 'not_name_ends');
        a "name" that starts with one ("رحمه الله") is none.  Names the tagger calls places or
        organisations are only cut before a eulogy."""
        words = list(WORD.finditer(text, start, end))
        ends, eulogy = (frozenset() if eulogy_only else _not_name_ends()), _eulogy_words()
        for i, word in enumerate(words):
            if fold(word.group()) in ends or (word.group() in eulogy and _next_word(text, word.end()) == "الله"):
                return words[i - 1].end() if i else start
            if not eulogy_only and i and (word.group().startswith(LAM_LAM) and len(word.group()) > 4 or SPACED_DASH.search(
                    text, words[i - 1].end(), word.start())):
                # "سواريز للنادي القطالوني" ("to the club"), "عمر إبراهيم – عين": a word with ل and the
                # article ("للا سلمى" is a title of three letters), or a spaced dash, never stands
                # inside a person's name
                return words[i - 1].end()
        return end

    def _unknown_heads_again(self, view: View, mentions: list[Mention]) -> list[Mention]:
        """"وزارة الخارجية في كوريا الشمالية … وذكرت الوزارة": a bare definite head noun refers back to
        the last organisation the tagger found whose name it heads, as registry names already do
        (rules/head_nouns.json; a noun followed by a modifier with the article names something else)."""
        classes = head_noun_classes()
        heads: list[tuple[int, str, str]] = []  # (view end, class nouns key, id) of unknown organisations
        for m in mentions:
            if m.entity_id.startswith("x:org:"):
                first = view.text[m.vstart:m.vend].split(" ", 1)[0]
                cls = classes.get(first)
                if cls is not None and "ORG" in cls["types"] and " " in view.text[m.vstart:m.vend]:
                    heads.append((m.vend, " ".join(cls["nouns"]), m.entity_id))
        if not heads:
            return []
        taken = [(m.vstart, m.vend) for m in mentions]
        out: list[Mention] = []
        for ws, we, word in self._words(view):
            for off, rest in self._strip_clitics(word):
                noun = rest[2:] if rest.startswith("ال") else None
                cls = classes.get(noun) if noun else None
                if cls is None or any(a < we and ws + off < b for a, b in taken):
                    continue
                following = _next_word(view.text, we)
                if following.startswith("ال") and following not in not_modifiers():
                    break  # "الوزارة الروسية" is another ministry
                key = " ".join(cls["nouns"])
                earlier = [(end, eid) for end, k, eid in heads if k == key and end <= ws]
                if earlier:
                    out.append(self._mention(view, ws + off, we, max(earlier)[1], "generic"))
                break
        return out

    def _with_fathers_name(self, key: str) -> str | None:
        """"بشار حافظ الأسد" is "بشار الأسد": a three-word name whose middle word is a given name (the
        father's) and whose other two are a registry person's two-word name."""
        parts = key.split()
        if len(parts) != 3 or "PER" not in self._name_classes(parts[1]):
            return None
        ids = {f.entity_id for f in self.matcher.forms.get(f"{parts[0]} {parts[2]}", [])
               if self._type(f.entity_id) == "PER"}
        return ids.pop() if len(ids) == 1 else None

    def _given_name_after_title(self, view: View, m: Mention) -> bool:
        """"للرئيس بشار حافظ الأسد" names no Algerian town: a one-word place right after a person's
        title (a PER_TITLE trigger word, "لل" read as "ال") that is also a given name in the tagger's
        gazetteer is that given name, unless the tagger reads a place there ("محافظ عدن", the
        governor of Aden: ``annotate`` keeps it)."""
        if self.tagger is None or m.etype not in ("LOC", "GPE") or " " in view.text[m.vstart:m.vend] \
                or not m.entity_id.startswith("loc:"):
            return False
        word = _previous_word(view.text, m.vstart)
        if word.startswith("ال") and self._nisba_before(view, m.vstart):
            word = _previous_word(view.text, m.vstart - len(word) - 1)  # "الرئيس السوري بشار"
        for title in (*_conjunction_readings(word), "ال" + word[2:] if word.startswith("لل") else word):
            if self._trigger(title) == "PER_TITLE":
                return "PER" in self._name_classes(view.text[m.vstart:m.vend])
        return False

    def _nisba_before(self, view: View, pos: int) -> bool:
        """Whether the word before ``pos`` is a country adjective ("السوري")."""
        return self._is_nisba(_previous_word(view.text, pos))

    def _is_nisba(self, word: str) -> bool:
        """Whether a folded word is one of a country's adjectives in the registry ("السوري")."""
        return any(f.kind == "nisba" for f in self.matcher.forms.get(word, []))

    def _name_classes(self, word: str) -> str:
        """The tagger gazetteer's classes of a folded word ("PER", "LOC,PER" …), '' without one."""
        gazetteer = getattr(self.tagger, "gazetteer", None)
        return (gazetteer.entries.get(word) or "") if gazetteer is not None else ""

    def _trigger(self, word: str) -> str | None:
        """The tagger's trigger class of a folded word (PER_TITLE, SPEECH …), None without one."""
        extractor = getattr(self.tagger, "extractor", None)
        return extractor.triggers.get(word) if extractor is not None else None

    def _modified_alias(self, text: str, m: Mention) -> bool:
        """"مجلس الأمن القومي" is not "مجلس الأمن": an organisation's short name of several words,
        followed by an adjective that no longer registry name took in, names another body.  The
        adjective is a definite nisba ("القومي", "الوطنية") or "الأعلى"; any other word after the
        name is its verb's object or the next phrase ("ويكلف مجلس الأمن الوكالة", "قرار مجلس الأمن
        الرقم 2231"), and "إلا" only looks like the article once hamza is folded."""
        if m.kind != "alias" or m.etype != "ORG" or " " not in text[m.start:m.end].strip():
            return False
        return _modifying_adjective(_next_word(text, m.end))

    def _state_body_head(self, view: View, m: Mention) -> str | None:
        """The head noun ("الخارجية", "الحكومة" …) a country's state body is named by here, None when
        the mention is no such body (rules/institutions.json; generated and curated bodies alike)."""
        entry = self.registry.entries.get(m.entity_id)
        if not entry or entry.get("type") != "ORG" or not entry.get("country"):
            return None
        text = view.text[m.vstart:m.vend]
        if view.text[max(0, m.vstart - 2):m.vstart] == LAM_LAM:  # "للجيش السوري": the article merged into لل
            text = ARTICLE + text
        return next((h for h in institution_words().heads if text.startswith(h + " ")), None)

    def _other_institution(self, view: View, m: Mention) -> bool:
        """"الجيش السوري الحر" is not Syria's army, nor "الحكومة الليبية المؤقتة" Libya's government: a
        state body followed by an adjective that makes it another body.  Nor is "السياسة الخارجية
        التركية" Türkiye's foreign ministry: an adjective head after a noun with the article describes it."""
        head = self._state_body_head(view, m)
        if head is None:
            return False
        if _next_word(view.text, m.vend) in institution_words().other_body_after:
            return True
        before = _previous_word(view.text, m.vstart)
        return head in institution_words().adjective_heads and _definite(before) and before not in not_modifiers() \
            and before not in NOT_ARTICLE

    def _other_body_adjective(self, word: str) -> bool:
        """Whether a folded adjective after an organisation's one-word short name makes it name
        another body: a country's ("الاتحاد البلغاري") or a scope's ("الاتحاد الدولي للصحفيين",
        rules/institutions.json other_body_after); "التحالف العسكري" still describes the alliance."""
        return word in institution_words().other_body_after or self._is_nisba(word)

    def _institution_in_title(self, view: View, m: Mention) -> bool:
        """"وزير الخارجية الإيرانية", "رئيس الحكومة التركية": a state body right after a person's title
        word is part of that person's title, which the titles stage reads with the adjective as the
        office's country."""
        if self._state_body_head(view, m) is None:
            return False
        return any(w in institution_words().offices for w in _conjunction_readings(_previous_word(view.text, m.vstart)))

    def _adjective_of(self, view: View, m: Mention) -> list[Mention]:
        """The mention of the country whose adjective ends an institution's name ("الإيرانية")."""
        country = self.registry.entries[m.entity_id]["country"]
        text = view.text[m.vstart:m.vend]
        for i, c in enumerate(text):
            if c == " " and any(f.kind == "nisba" and f.entity_id == country
                                for f in self.matcher.forms.get(text[i + 1:], [])):
                return [self._mention(view, m.vstart + i + 1, m.vend, country, "nisba")]
        return []

    def _titles_named_after(self, view: View, mentions: list[Mention]) -> None:
        """"المستشار الألماني المقبل فريدريش ميرتس", "رئيس الوزراء البريطاني السابق بوريس جونسون": a
        person's title followed by a name in apposition (at most an adjective with the article, or a
        comma, between) describes that person, whoever held the office at the date; so does a bare
        title ("الرئيس روحاني", "الملك فيصل بن عبدالعزيز"), but not one owned by another office
        ("المتحدث باسم الرئيس يون يونغ تشان")."""
        for i, title in enumerate(mentions):
            if title.kind not in ("title", "generic") or title.etype != "PER":
                continue
            # past the nisba inside, and past the place an envoy is sent to ("لأوكرانيا")
            name = next((m for m in mentions[i + 1:] if m.vstart >= title.vend and not (
                m.etype in ("GPE", "LOC") and view.text[m.vstart - 1:m.vstart] == "ل")), None)
            if name is None or name.etype != "PER" or name.kind not in (*NAME_KINDS, "surname") \
                    or name.entity_id == title.entity_id:
                continue
            if not self._apposition_gap(view.text, title.vend, name.vstart, mentions):
                continue
            if title.kind == "generic" and fold(_previous_word(view.text, title.vstart)) in self.owned_by:
                continue  # "المتحدث باسم الرئيس يون يونغ تشان": the name is the spokesman's
            if view.text[title.vstart - 1:title.vstart] in ("ل", "ب") and name.entity_id.startswith("x:") \
                    and "," in view.text[title.vend:name.vstart]:
                # "كبير المستشارين المرافقين لوزير الخارجية الأميركي، براين هوك": after a title that is a
                # genitive, a name set off by a comma is the head noun's (the adviser), not the minister
                continue
            surface = " ".join(view.text[title.vstart:title.vend].split())
            if any(t in surface and not surface.startswith(t) for t in self.role_titles.get(name.entity_id, [])):
                continue  # "نائب الرئيس الأمريكي دونالد ترامب": the name is the president's, inside the title
            spelled = " ".join(view.text[name.vstart:name.vend].split())
            if name.entity_id.startswith("x:") and any(
                    fuzz.partial_ratio(spelled, f) >= self.min_ratio
                    and fuzz.ratio(self._first_name(spelled), self._first_name(f)) >= self.min_ratio
                    for f in self.folded_forms.get(title.entity_id, [])):
                # "كيم يونغ اون", "رجب طيب", "الملك عبدالله" (a name cut short): the holder, respelt; the
                # given name must agree ("الملك فيصل بن عبدالعزيز" is not "سلمان بن عبد العزيز")
                name.entity_id, name.etype = title.entity_id, title.etype
                continue
            title.entity_id = name.entity_id

    @staticmethod
    def _apposition_gap(text: str, a: int, b: int, mentions: list[Mention]) -> bool:
        """Whether the words in text[a:b], between a title and a name, leave them in apposition:
        none, one adjective with the article ("السابق"), or up to three words that are such
        adjectives and titles ("الجنرال المتقاعد") and one place with a glued ل, where an envoy is
        sent ("المبعوث الأمريكي لأوكرانيا الجنرال المتقاعد كيث كيلوغ")."""
        gap = text[a:b]
        if any(ch in gap for ch in ".:؛"):
            return False
        words = [(m.start() + a, m.group()) for m in re.finditer(r"[^\s،,]+", gap)]
        if len(words) <= 1:
            return all(w.startswith("ال") for _, w in words)
        if len(words) > 3:
            return False
        places = {m.vstart for m in mentions if m.etype in ("GPE", "LOC")}
        glued = [(at, w) for at, w in words if not w.startswith("ال")]
        return len(glued) == 1 and glued[0][1].startswith("ل") and not glued[0][1].startswith("لل") \
            and glued[0][0] + 1 in places

    def _homographs(self, text: str, mentions: list[Mention]) -> None:
        """"عمان" is Oman or Amman (data/entities/rules/homographs.json): a diacritised spelling
        decides; else the alternative when the document names its country and nothing that is the
        default's alone.  Changes the mentions' ids in place."""
        rules = homographs()
        hits = [(m, rules[key]) for m in mentions
                if m.kind == "variant" and (key := fold(text[m.start:m.end])) in rules]
        if not hits:
            return

        def anchor(eid: str) -> str:  # a place stands for its country
            entry = self.registry.entries.get(eid, {})
            return entry.get("country") if eid.startswith("loc:") and entry.get("country") else eid

        ambiguous = {id(m) for m, _ in hits}
        named = {anchor(m.entity_id) for m in mentions if id(m) not in ambiguous}
        for m, rule in hits:
            surface = text[m.start:m.end].replace("\u0640", "")
            chosen = next((a["id"] for a in rule["alternatives"] if surface in a["marked"]), None)
            if chosen is None and surface not in rule["default_marked"] and anchor(rule["default"]) not in named:
                fits = [a["id"] for a in rule["alternatives"] if anchor(a["id"]) in named]
                chosen = fits[0] if len(fits) == 1 else None
            if chosen is not None and chosen in self.registry.entries:
                m.entity_id, m.etype = chosen, self._type(chosen)

    def _aliases_in_their_time(self, view: View, mentions: list[Mention], published: str | None) -> list[Mention]:
        """A person's surname alone ("هاريس", "روبيو") is that person only from ALIAS_YEARS_BEFORE
        years before their first registry office on (the news keeps naming them by it after they
        leave: الخميني), or whenever the document names them in full.  "هاريس" in a 2018 story is
        someone else.  Undated documents, and people with no office in the registry, keep them.
        A short name that is also a function word (data/ner/not_names.txt: "لولا" is "if not for")
        is the person only where the document names them in full, at any date."""
        named = {m.entity_id for m in mentions if m.kind != "alias"}
        year = int(published[:4]) if published else None
        out = []
        for m in mentions:
            if m.kind == "alias" and m.entity_id not in named:
                roles = self.registry.entries.get(m.entity_id, {}).get("roles") or []
                starts = [int(r["start"][:4]) for r in roles if r.get("start")]
                if m.etype == "PER" and year is not None and starts and year < min(starts) - ALIAS_YEARS_BEFORE:
                    continue
                if m.etype == "PER" and view.text[m.vstart:m.vend] in _not_names():
                    continue
            out.append(m)
        return out

    def _events_in_their_time(self, mentions: list[Mention], published: str | None) -> list[Mention]:
        """A dated event is no reading of a name in a document written more than
        EVENT_FORESIGHT_DAYS before it began: "قمة مجموعة السبع في كندا" in 2018 is that year's
        summit, not the 2025 one, and "حرب غزة" in 2018 not the war of October 2023."""
        if not published:
            return mentions
        import datetime as dt

        try:
            day = dt.date.fromisoformat(published[:10])
        except ValueError:
            return mentions
        horizon = (day + dt.timedelta(days=EVENT_FORESIGHT_DAYS)).isoformat()
        entries = self.registry.entries
        return [m for m in mentions if entries.get(m.entity_id, {}).get("type") != "EVENT"
                or _full(entries[m.entity_id].get("start") or "0000", "01") <= horizon]

    def _versioned_places(self, view: View, mentions: list[Mention], published: str | None) -> None:
        """"مينسك 3.0": a city's name with a version number after it stands for the numbered
        agreements named after the city (registry LAWs whose 'city' it is and that are called by the
        city's name and a number: "مينسك 2"), the latest one signed by the publication date, and the
        mention takes the number in.  "جنيف 2" (a conference) is no Geneva Convention."""
        by_city = self._laws_by_city
        for m in mentions:
            laws = by_city.get(m.entity_id)
            if not laws:
                continue
            number = VERSION.match(view.text, m.vend)
            if number is None:
                continue
            signed = [e for e in laws if published is None or (e.get("start") or "") <= published] or laws
            law = max(signed, key=lambda e: e.get("start") or "")
            m.entity_id, m.etype, m.kind = law["id"], law["type"], "variant"
            m.start, m.end = view.to_original(m.vstart, number.end())
            m.vend = number.end()

    @cached_property
    def _place_skeletons(self) -> dict[str, set[str]]:
        """Skeleton of each name of a country, city or region -> ids, for a place the tagger finds
        spelt otherwise than the registry ("شنغهاي" / "شانغهاي", "جاكرتا" / "جاكارتا", "بيونغ يانج" /
        "بيونغ يانغ"); skeletons
        of fewer than MIN_PLACE_SKELETON letters say too little.  Only countries and towns beyond the
        Arab world and its neighbours: Arabic names are spelt one way, and their skeletons collide
        ("الشرقية" is no "الشارقة").  Built on first use, once per linker."""
        out: dict[str, set[str]] = {}
        near = near_countries()
        for entry in self.registry.entries.values():
            country = entry.get("country") or (entry["id"] if entry.get("iso2") else None)
            if entry.get("type") not in ("GPE", "LOC") or country is None or country in near:
                continue
            for name in self.folded_forms.get(entry["id"], []):
                sk = skeleton(name)
                # a name with the article is an Arabic exonym (اليونان), spelt one way: "الليوان" is no Greece
                if not name.startswith("ال") and len(sk.replace(" ", "")) >= MIN_PLACE_SKELETON:
                    out.setdefault(sk, set()).add(entry["id"])
        return out

    @cached_property
    def _ambiguous_places(self) -> dict[str, set[str]]:
        """Folded name -> the places whose name it is but which the matcher does not take on sight,
        being an ordinary word too (``ambiguous_names``: "مالي" is Mali and 'financial')."""
        out: dict[str, set[str]] = {}
        for entry in self.registry.entries.values():
            if entry.get("type") in ("GPE", "LOC"):
                for name in entry.get("ambiguous_names", []):
                    out.setdefault(" ".join(fold(name).split()), set()).add(entry["id"])
        return out

    @cached_property
    def _laws_by_city(self) -> dict[str, list[dict[str, Any]]]:
        """City id -> the registry LAWs numbered after it ("مينسك 2"), built on first use."""
        out: dict[str, list[dict[str, Any]]] = {}
        for entry in self.registry.entries.values():
            city = self.registry.entries.get(entry.get("city") or "")
            if entry.get("type") != "LAW" or city is None:
                continue
            city_names = {fold(n) for n in [city["name"], *city.get("variants", [])]}
            numbered = any(VERSION.fullmatch(" " + rest) for v in entry.get("variants", [])
                           for name in city_names if (rest := fold(v).removeprefix(name + " ")) != fold(v))
            if numbered:
                out.setdefault(entry["city"], []).append(entry)
        return out

    def _generic_titles(self, view: View, generic: list[Match], mentions: list[Mention],
                        published: str | None) -> list[Mention]:
        by_span: dict[tuple[int, int], list[Match]] = {}
        for g in generic:
            by_span.setdefault((g.start, g.end), []).append(g)
        out: list[Mention] = []
        covered = _Intervals((m.vstart, m.vend) for m in mentions if m.kind in ("title", "variant", "alias"))
        added = _Intervals()  # the generic mentions of this step
        main_countries = self._main_countries(mentions) if by_span else set()
        span_keys = sorted(by_span)  # to find the generic form right after a title by bisection
        for (gs, ge), hits in sorted(by_span.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            # a name overlapping the generic form wins, unless the form contains it ("اجتماع في البيت الأبيض")
            if any(a < ge and gs < b and not (gs <= a and b <= ge) for a, b in covered.near(gs, ge)) \
                    or any(a < ge and gs < b and (a, b) != (gs, ge) for a, b in added.near(gs, ge)):
                continue
            following = _next_word(view.text, ge)
            if all(h.form.anaphor for h in hits) and following.startswith("ال") and following not in not_modifiers() \
                    and following not in NOT_ARTICLE:
                continue  # "المحادثات الثلاثية": a modified head noun names something else
            if all(h.form.role < 0 and self._type(h.form.entity_id) == "ORG" for h in hits) \
                    and " " not in view.text[gs:ge] and self._other_body_adjective(following):
                continue  # "الاتحاد الدولي للصحفيين" is not the EU that "الاتحاد" stands for alone
            if following in self.new_words and all(h.form.role >= 0 for h in hits):
                # "وقال المستشار الجديد": the holder who took office last, not the one named last, among
                # those the story names or of the country it is about
                named = {m.entity_id for m in mentions + out if m.vend <= gs}
                near = [h for h in hits if h.form.entity_id in named or self._role(h).get("country") in main_countries]
                newest = newest_holder(self.registry.entries, near, published)
                if newest is not None:
                    out.append(self._mention(view, gs, ge, newest.form.entity_id, "generic"))
                    added.add(out[-1].vstart, out[-1].vend)
                continue
            holders = {h.form.entity_id: self._role(h) for h in hits}
            # "وزير الدفاع البريطاني", "وزير الدفاع في المملكة المتحدة": the country or organisation named
            qualifier = next((m for m in mentions if 0 < m.vstart - ge and m.etype in ("GPE", "ORG", "LOC")
                              and _qualifier_gap(view.text[ge:m.vstart], m.etype)), None)
            chosen, end = None, ge
            if qualifier is not None:
                fits = [eid for eid, role in holders.items()
                        if qualifier.entity_id in (role.get("country"), role.get("org"))]
                if len(fits) == 1:
                    chosen, end = fits[0], qualifier.vend
                elif not fits and qualifier.kind == "nisba" and all(h.form.role >= 0 for h in hits):
                    continue  # "رئيس الوزراء الباكستاني" is Pakistan's, whom the registry lacks: not India's
            elif all(h.form.role >= 0 for h in hits):
                # "الأمين العام للحلف": the organisation's own short form right after the title, the
                # story having named it before ("المدير العام للمنظمة" is not WHO's in a story about the OPCW)
                k = bisect.bisect_right(span_keys, (ge, len(view.text)))
                later = by_span[span_keys[k]] if k < len(span_keys) and _qualifier_gap(
                    view.text[ge:span_keys[k][0]], "ORG") else []
                if later:
                    orgs = {h.form.entity_id for h in later} & {m.entity_id for m in mentions if m.vend <= gs}
                    fits = [eid for eid, role in holders.items() if role.get("org") in orgs]
                    if len(fits) == 1:
                        chosen = fits[0]
            # "… جون هيلي": a person named right after the title is the one it describes
            title_end = qualifier.vend if qualifier is not None else ge
            named_after = next((m for m in mentions if m.etype == "PER" and m.kind in NAME_KINDS
                                and m.vstart > title_end
                                and self._apposition_gap(view.text, title_end, m.vstart, mentions)), None)
            titles = all(h.form.role >= 0 for h in hits)  # a person's office, not an organisation's short name
            if titles and named_after is not None and chosen != named_after.entity_id:
                if named_after.entity_id not in holders:
                    continue
                chosen, end = named_after.entity_id, title_end
            if chosen is None:
                earlier = [m for m in mentions + out if m.vend <= gs and m.entity_id in holders]
                if earlier:
                    chosen = max(earlier, key=lambda m: m.vstart).entity_id
            if chosen is None:  # a bare head noun ("المجموعة") only refers back
                holders = {h.form.entity_id: self._role(h) for h in hits if not h.form.anaphor}
            if chosen is None:  # an organisation's own generic form ("الحلف") named later in the text
                named = {m.entity_id for m in mentions if holders.get(m.entity_id) == {}}
                if len(named) == 1:
                    chosen = named.pop()
            if chosen is None:  # "الحرب", "القمة", "المادة 5": the one entity of that kind the story is about
                chosen = self._generic_by_context(
                    [eid for eid, role in holders.items() if role == {}], mentions, published,
                    main_countries, view.text, gs)
            if chosen is not None:
                out.append(self._mention(view, gs, end, chosen, "generic"))
                added.add(out[-1].vstart, out[-1].vend)
        return out

    def _counterparts(self, view: View, mentions: list[Mention], published: str | None) -> list[Mention]:
        """"الرئيس الأمريكي … ونظيره الروسي": the holder, in the adjective's country, of the office
        that the last person named before holds (offices match by a shared generic title)."""
        nouns = title_rules()["counterpart"]
        nisba_at = {m.vstart: m for m in mentions if m.kind == "nisba" and m.etype == "GPE"}
        out: list[Mention] = []
        for ws, we, word in self._words(view):
            rest = next((r for _, r in self._strip_clitics(word) if r in nouns or r.removeprefix("ال") in nouns), None)
            if rest is None:
                continue
            nisba = nisba_at.get(we + 1)
            persons = [m for m in mentions if m.etype == "PER" and m.vend <= ws and ws - m.vend < COUNTERPART_REACH]
            if nisba is None or not persons:
                continue
            antecedent = max(persons, key=lambda m: m.vend)
            offices = {fold(t) for r in self._active_roles(antecedent.entity_id, published)
                       for t in r.get("generic", [])}
            # the same office first; else, for leaders, the other system's leader (president ↔ prime minister)
            for wanted in (offices, self._leader_class(offices)):
                holders = {eid for eid, role in self._roles_in(nisba.entity_id)
                           if role_active(role, published) and wanted & {fold(t) for t in role.get("generic", [])}}
                holders.discard(antecedent.entity_id)
                if holders:
                    break
            if len(holders) == 1:
                out.append(self._mention(view, ws + len(word) - len(rest), nisba.vend, holders.pop(), "title"))
        return out

    def _calques(self, view: View, mentions: list[Mention], published: str | None) -> list[Mention]:
        """"طلب الأمين من الحلفاء": a word machine translation puts for an English office word
        ("the Secretary") stands for the person named most recently before it whose office at the
        date has that word in its English title (data/entities/rules/titles.json, 'calques')."""
        calques = {c["form"]: c for c in title_rules()["calques"]}
        if not calques:
            return []
        taken = [(m.vstart, m.vend) for m in mentions]
        out: list[Mention] = []
        for ws, we, word in self._words(view):
            found = next(((off, calques[r]) for off, r in self._strip_clitics(word) if r in calques), None)
            if found is None or any(a < we and ws < b for a, b in taken):
                continue
            off, calque = found
            if _next_word(view.text, we) in calque["unless_next"]:
                continue
            # "الوزير القطري": a country adjective right after makes it that country's office
            nisba = next((m for m in mentions if m.etype == "GPE" and m.vstart > we
                          and view.text[we:m.vstart] == " " and m.vend > m.vstart), None)
            country = nisba.entity_id if nisba is not None else None

            def holds(eid: str, calque: dict[str, Any] = calque, country: str | None = country) -> bool:
                return any(any(w in (t := r.get("title_en") or "") for w in calque["title_en"])
                           and not any(u in t for u in calque["unless_en"])
                           and (country is None or r.get("country") == country)
                           for r in self._active_roles(eid, published))

            persons = [m for m in mentions if m.etype == "PER" and m.vend <= ws and holds(m.entity_id)]
            if persons:
                end = nisba.vend if nisba is not None else we
                out.append(self._mention(view, ws + off, end, max(persons, key=lambda m: m.vend).entity_id, "title"))
        return out

    @staticmethod
    def _leader_class(offices: set[str]) -> set[str]:
        leaders = title_rules()["leaders"]
        return leaders if offices & leaders else set()

    def _active_roles(self, eid: str, published: str | None) -> list[dict[str, Any]]:
        return [r for r in self.registry.entries.get(eid, {}).get("roles", []) if role_active(r, published)]

    def _roles_in(self, country: str) -> list[tuple[str, dict[str, Any]]]:
        """(person id, role) for every registry role whose country is ``country``."""
        index = getattr(self, "_role_index", None)
        if index is None:
            index = {}
            for entry in self.registry.entries.values():
                for role in entry.get("roles", []):
                    if role.get("country"):
                        index.setdefault(role["country"], []).append((entry["id"], role))
            self._role_index = index
        return index.get(country, [])

    def _generic_by_context(self, candidates: list[str], mentions: list[Mention], published: str | None,
                            main_countries: set[str], text: str, at: int) -> str | None:
        """Among entities sharing a generic form, the single one that is current at the
        publication date and whose related entities (place, organiser, parties, country) the
        document names; None when none or several fit.  A national body's name (its country its only
        relation) needs the country among ``main_countries`` (``_main_countries``) or named in the
        sentence of the generic name at ``at``."""
        named = {m.entity_id for m in mentions}
        fits = []
        for eid in candidates:
            entry = self.registry.entries.get(eid, {})
            related = {entry.get("place"), entry.get("org"), entry.get("country"), entry.get("city"),
                       *(entry.get("parties") or [])} - {None}
            if not related & named:
                continue
            if not _current(entry, published):
                continue
            country = entry.get("country")
            if related == {country} and country not in main_countries \
                    and not self._country_in_sentence(country, mentions, text, at):
                continue  # "مجلس النواب" in a story about Lebanon that names America once is Lebanon's
            fits.append(eid)
        return fits[0] if len(fits) == 1 else None

    def _country_of(self, m: Mention) -> str | None:
        """The country a mention stands for or belongs to (a registry person's or body's country)."""
        if m.entity_id.startswith("gpe:"):
            return m.entity_id
        return self.registry.entries.get(m.entity_id, {}).get("country")

    def _main_countries(self, mentions: list[Mention]) -> set[str]:
        """The countries a document is most about: those named most often, a registry person's or
        body's mention counting for its country."""
        tally = Counter(c for c in map(self._country_of, mentions) if c)
        top = max(tally.values(), default=0)
        return {c for c, n in tally.items() if n == top}

    def _country_in_sentence(self, country: str | None, mentions: list[Mention], text: str, at: int) -> bool:
        """"هيلاري كلينتون، مرشحة الحزب الديمقراطي" in a story about Russia: the country, or someone
        or something of it, is named in the same sentence as the generic name at ``at``."""
        lo = max(text.rfind(ch, 0, at) for ch in ".؟!\n") + 1
        hi = min((i for i in (text.find(ch, at) for ch in ".؟!\n") if i >= 0), default=len(text))
        return any(lo <= m.vstart < hi and self._country_of(m) == country for m in mentions)

    def _surname(self, folded_name: str, min_letters: int | None = None) -> str | None:
        """The last word of a multi-word name when it can stand alone for the person; a monarch's
        name ("الملك محمد السادس") has none, and "جورج بوش الابن" has بوش."""
        parts = folded_name.split()
        if parts and parts[-1] in self.ordinals:
            return None  # a monarch's name: "الملك محمد السادس" has no surname
        while parts and parts[-1] in self.generations:
            parts.pop()
        if len(parts) < 2 or len(parts[-1]) < (self.min_letters if min_letters is None else min_letters):
            return None
        if parts[-1] in self.compound_ends or parts[-2] in self.particles:
            return None
        return parts[-1]

    def _same_surname(self, word: str, persons: dict[str, str]) -> str | None:
        """The one person whose surname is this word, exactly or as a transliteration variant."""
        if word in persons:
            return persons[word]
        sk = skeleton(word)
        if len(sk) < self.min_skeleton:
            return None
        ids = {eid for s, eid in persons.items()
               if skeleton(s) == sk and fuzz.ratio(word, s) >= self.min_ratio - 10}
        return ids.pop() if len(ids) == 1 else None

    def _role(self, hit: Match) -> dict[str, Any]:
        """The role a generic hit stands for ({} for an entity's own generic form)."""
        if hit.form.role < 0:
            return {}
        return self.registry.entries[hit.form.entity_id]["roles"][hit.form.role]

    def _head_firsts(self) -> frozenset[str]:
        """The first words of the matcher's ``heads`` keys (names but their last word)."""
        heads = self.matcher.heads
        if getattr(self, "_heads_seen", None) is not heads or len(heads) != self._heads_size:
            self._heads_seen, self._heads_size = heads, len(heads)
            self._heads_firsts = frozenset(key.split(" ")[0] for key in heads)
        return self._heads_firsts

    def _words(self, view: View) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in WORD.finditer(view.text)]

    def _fuzzy_names(self, text: str, view: View, mentions: list[Mention]) -> list[Mention]:
        taken = _Intervals((m.vstart, m.vend) for m in mentions)
        # one-word place names inside a longer transliterated name ("فلاديمير" in a person's name)
        # give way to that name
        yielding = {(m.vstart, m.vend): m for m in mentions
                    if m.entity_id.startswith("loc:") and " " not in view.text[m.vstart:m.vend]}

        def free(a: int, b: int) -> bool:
            return not any(a < y and x < b and not ((x, y) in yielding and a <= x and y <= b)
                           for x, y in taken.near(a, b))

        def claim(a: int, b: int) -> None:
            for x, y in [t for t in taken.near(a, b) if (t in yielding and a <= t[0] and t[1] <= b)]:
                taken.remove(x, y)
                mentions.remove(yielding.pop((x, y)))
            taken.add(a, b)

        words = self._words(view)
        out: list[Mention] = []
        firsts = self.matcher.first_skeletons
        # multi-word names against the registry's skeletons (skeletons are per word, so the first
        # word's skeleton filters the candidates before any phrase is built)
        all_readings = [self._strip_clitics(w[2]) for w in words]  # (offset, rest) readings per word
        word_readings = [[(o, f) for o, f in r if skeleton(f) in firsts] for r in all_readings]
        for n in (3, 2):
            for i, group in _spaced_groups(view.text, words, n):
                readings = word_readings[i]
                if not readings:
                    continue
                for offset, first in readings:
                    ids = self.matcher.skeletons.get(phrase_skeleton([first] + [w[2] for w in group[1:]]))
                    if not ids or len(ids) != 1:
                        continue
                    phrase = " ".join([first] + [w[2] for w in group[1:]])
                    eid = next(iter(ids))
                    forms = self.folded_forms.get(eid, [phrase])
                    best = max(fuzz.ratio(phrase, f) for f in forms)
                    vs, ve = group[0][0] + offset, group[-1][1]
                    if best >= self.min_ratio and free(vs, ve) and not self._other_arabic_word(eid, phrase, forms):
                        out.append(self._mention(view, vs, ve, eid, "variant"))
                        claim(vs, ve)
                        break
        # long names spelt differently only in their last word (حلف شمال الأطلنطي / الأطلسي)
        head_firsts = self._head_firsts()
        for n in (4, 3):
            for i in range(len(words) - n + 1):
                group = words[i:i + n]
                for offset, first in all_readings[i]:
                    if first not in head_firsts:
                        continue  # no registry name starts with this word
                    options = self.matcher.heads.get(" ".join([first] + [w[2] for w in group[1:-1]]))
                    if not options:
                        continue
                    last = group[-1][2]
                    near = {eid for word, eid in options if fuzz.ratio(last, word) >= self.min_ratio - 5}
                    vs, ve = group[0][0] + offset, group[-1][1]
                    # a short last word needs the longer head: "أورسولا فون دير لين" for "… لاين"
                    if len(near) == 1 and free(vs, ve) and (len(last) >= self.min_letters or n == 4):
                        out.append(self._mention(view, vs, ve, near.pop(), "variant"))
                        claim(vs, ve)
                        break
        # single words: surnames of persons already in this document
        surnames: dict[str, set[str]] = {}
        for m in mentions + out:
            if m.etype != "PER" or m.kind not in NAME_KINDS:
                continue
            surface = " ".join(view.text[m.vstart:m.vend].split())
            forms = [surface] + self.folded_forms.get(m.entity_id, [])
            for form in forms:
                surname = self._surname(form)
                if surname:
                    surnames.setdefault(surname, set()).add(m.entity_id)
        by_skeleton: dict[str, set[str]] = {}
        for word, ids in surnames.items():
            by_skeleton.setdefault(skeleton(word), set()).update(
                eid for eid in ids if self.matcher.spelt_variously(self.registry.entries.get(eid, {})))
        if not surnames:
            return out
        # "وقال روت" after "مارك روتي": a surname one letter too short to stand alone is still the
        # person when it is a surname of this document without its final vowel letter, comes after
        # the person's first mention and is not followed by a definite noun ("روت الصحيفة" is a verb)
        clipped: dict[str, set[str]] = {}
        for word, ids in surnames.items():
            if word[-1] in self.final_vowels and len(word) - 1 < self.min_letters:
                clipped.setdefault(word[:-1], set()).update(ids)
        first_seen: dict[str, int] = {}
        for m in mentions + out:
            if m.etype == "PER":
                first_seen[m.entity_id] = min(first_seen.get(m.entity_id, m.vend), m.vend)
        for (ws, we, _), readings in zip(words, all_readings, strict=True):
            for offset, rest in readings:
                if len(rest) < self.min_letters:
                    ids = clipped.get(rest) if len(rest) >= self.min_letters - 1 else None
                    if (ids and len(ids) == 1 and free(ws + offset, we)
                            and first_seen.get(next(iter(ids)), len(view.text)) <= ws
                            and not _next_word(view.text, we).startswith("ال")):
                        out.append(self._mention(view, ws + offset, we, next(iter(ids)), "surname"))
                        taken.add(ws + offset, we)
                        break
                    continue
                if offset and self._common(rest) and not set(view.text[ws:ws + offset]) <= CONJUNCTIONS \
                        and _next_word(view.text, we):
                    # "لصالح تنظيم الدولة" after "برهم صالح" is "in favour of": a preposition on a
                    # common word with its complement after it ("المؤيد لصالح،" and "وصالح" may be him)
                    continue
                ids = surnames.get(rest)
                if ids is None:
                    sk = skeleton(rest)
                    ids = by_skeleton.get(sk)
                    # a short skeleton ("روتيه" and "روته" are both ر-ت) needs a near-identical spelling
                    # and no common word ("هائل" 'huge' is not Haley's "هايلي")
                    margin = 10 if len(sk) >= self.min_skeleton else 0
                    if len(sk) < self.min_skeleton and self._common(rest):
                        ids = None
                    if ids and not any(fuzz.ratio(rest, s) >= self.min_ratio - margin for s in surnames
                                       if surnames[s] & ids):
                        ids = None
                    # a final ه is the folded ة of an ending only where the text writes ة ("روتيه" is Rutte)
                    if ids and any(rest.startswith(s) and rest[len(s):] in DERIVING_ENDINGS
                                   and not (rest.endswith(TA_MARBUTA_FOLDED)
                                            and text[view.to_original(ws, we)[1] - 1] != "ة")
                                   for s in surnames if len(s) >= self.min_letters):
                        ids = None  # "الترامبية" (Trumpian), "لبوتينا" (Butina): the name and an ending
                if ids and self._family_name_after(view.text, we):
                    ids = None  # "قالت هيلي السعدني": a given name here, another person's
                if ids and len(ids) == 1 and free(ws + offset, we) \
                        and not self._after_another_given_name(view, ws, next(iter(ids))):
                    out.append(self._mention(view, ws + offset, we, next(iter(ids)), "surname"))
                    taken.add(ws + offset, we)
                    break
        return out

    def _currencies_in_use(self, text: str) -> frozenset[str]:
        """The currency names (``data/amounts/currencies.json``, folded, no article) that this article
        uses as currencies somewhere: after a number ("90,000 ريال") or before a country's adjective
        ("للريال الإيراني"); such a word is no name anywhere in the article."""
        names = _currency_names()
        out = set()
        for m in WORD.finditer(text):
            word = fold(m.group())
            key = next((r.removeprefix(ARTICLE) for _, r in self._strip_clitics(word)
                        if r.removeprefix(ARTICLE) in names), None)
            if key is None or key in out:
                continue
            if re.search(r"\d\s*$", text[max(0, m.start() - 4):m.start()]) or self._is_nisba(fold(_next_word(text, m.end()))):
                out.add(key)
        return frozenset(out)

    def _family_name_after(self, text: str, end: int) -> bool:
        """Whether the word after ``end`` is a family name with the article ("السعدني"): a name word
        of the tagger's gazetteer or a nisba-like word in ي, but no country's adjective ("الفرنسي")."""
        word = _next_word(text, end)
        if not word.startswith("ال") or not text[end:end + 1].isspace() or self._is_nisba(word):
            return False
        return "PER" in self._name_classes(word) or (word.endswith("ي") and len(word) > 4)

    def _after_another_given_name(self, view: View, ws: int, eid: str) -> bool:
        """"الروسية ماريا بوتينا" is not Putin: a surname right after a given name (``_given_name``,
        or a compound one: "عبد السلام هنية") that is none of the person's own names, in any spelling,
        belongs to someone else."""
        word = _previous_word(view.text, ws)
        compound = _previous_word(view.text, ws - len(word) - 1) in self.particles  # "عبد السلام هنية"
        if not (compound or self._given_name(word)):
            return False
        if self._own_first_name(word, eid):  # "ايمانوال ماكرون"
            return False
        # "بشار حافظ الأسد": a father's name between the person's own given name and surname
        own = {w for form in self.folded_forms.get(eid, []) for w in form.split()}
        return _previous_word(view.text, ws - len(word) - 1) not in own

    def _someone_elses_surname(self, view: View, m: Mention, in_registry: set[int],
                               tagged_names: _TaggedNames) -> bool:
        """"السيدة الأولى ميلانيا ترامب", "أحمد قديروف" (the father): a registry person's one-word
        name right after another given name is another person's family name.  The word before must
        be no registry mention itself ("التقى بوتين ترامب"), no word of another person the tagger
        read in the article (a verb, its subject and its object: "شبه كومي ترامب" after "جيمس كومي",
        anywhere; "ورافق برات أردوغان" after a bare "برات", before it and not yet with this surname),
        no name's last word ("بويو بوريسوف أردوغان") and no word the news mostly uses outside names."""
        if m.etype != "PER" or " " in view.text[m.vstart:m.vend]:
            return False
        # "فايز كاكار" is not ك + "اكار" (Akar): the whole word after another given name
        ws = _word_start(view.text, m.vstart)
        word = _previous_word(view.text, ws)
        before = ws - len(word) - 1
        if ws < m.vstart:
            # only a glued ك ("like") is read off a name this way; و, ف, ب, ل join names every day
            # ("روحاني لترامب", "وأوباما وميركل"); a given name that is also a word ("فايز") counts
            return view.text[ws:m.vstart] == "ك" and bool(word) and self._given_name(word) \
                and before not in in_registry \
                and not self._own_first_name(word, m.entity_id)
        if not word or before in in_registry:
            return False
        first = _previous_word(view.text, before)
        if first in self.particles:
            return self._after_another_given_name(view, m.vstart, m.entity_id)
        if self._common(word):
            return False
        surname = view.text[m.vstart:m.vend]
        if tagged_names.last_words.get(word, set()) - {surname}:
            return False
        if self._given_name(first):
            return False  # "هنأ رئيس وزراء بلغاريا بويو بوريسوف أردوغان": a whole name, then the object
        paired = view.text.find(f"{word} {surname}")
        if tagged_names.first_alone.get(word, len(view.text) + 1) < m.start and not 0 <= paired < before:
            return False
        return self._after_another_given_name(view, m.vstart, m.entity_id)

    def _tag(self, doc: Document) -> list[tuple[int, int, str]]:
        if self.tagger is None:
            return []
        try:
            return self.tagger.tag_spans(doc.text)
        except Exception as err:  # a tagger bug must not lose the registry's mentions
            log.warning("NER tagger failed on %s: %s", doc.id, err)
            return []

    def _towns_read_as_names(self, text: str, mentions: list[Mention],
                             persons: list[tuple[int, int]]) -> list[Mention]:
        """"بشار الجعفري", "علي بشار", "وزير المالية هايكو ماس": a one-word town (not a capital) that
        the tagger reads inside a person's name of two or more words is that name's word, not the
        town, near the Arab world or far from it; a lone word the tagger calls a person is the
        person when it is a name of the tagger's gazetteer and no place or organisation head
        stands before it ("محكمة كيروف" is the town's court).  A town with a proclitic glued to it
        ("بجازان عيسى الحكمي") stays the town: a clitic opens no name."""
        from rasid.stages.actors import LOCATIVE_PREPOSITIONS as locative_words

        if self.tagger is None:
            return mentions
        entries = self.registry.entries
        out = []
        for m in mentions:
            entry = entries.get(m.entity_id, {})
            town = "population" in entry and "capital_of" not in entry and " " not in text[m.start:m.end]
            span = next(((a, b) for a, b in persons if a <= m.start and m.end <= b), None) if town else None
            if span is not None and _word_start(text, m.start) == m.start:
                name = text[span[0]:span[1]].strip()
                if " " in name and not PUNCTUATION_INSIDE.search(name):  # "صقر خالد – جدة" is a byline
                    continue
                before = fold(_previous_word(text, m.start))
                if name == text[m.start:m.end] and "PER" in self._name_classes(fold(name)) \
                        and self._trigger(before) not in ("ORG_HEAD", "LOC_HEAD") and before not in locative_words:
                    continue
            out.append(m)
        return out

    def _nisbas_ending_names(self, text: str, mentions: list[Mention],
                             persons: list[tuple[int, int]]) -> list[Mention]:
        """"الشيخ عبدالله التركي", "اللاعب محمد المصري": a country's definite adjective right after a
        given name (a name of the tagger's gazetteer without the article), inside a name the tagger
        reads as a person's, is that person's family name, not the country ("الرئيس العراقي حيدر
        العبادي" keeps Iraq: a title stands before the adjective)."""
        if self.tagger is None:
            return mentions
        out = []
        person_spans = _Intervals(persons)
        for m in mentions:
            if m.kind == "nisba" and text.startswith(ARTICLE, m.start) and any(
                    a < m.start and m.end <= b for a, b in person_spans.near(m.start, m.end)):
                first = fold(_previous_word(text, m.start))
                if first == GOD:  # "عبد الله التركي"
                    first = fold(_previous_word(text, m.start - len(first) - 1)) + " " + first
                classes = self._name_classes(first).split(",")
                if ("PFIRST" in classes or "PER" in classes) and not first.startswith(ARTICLE) \
                        and self._trigger(first) is None:
                    continue
            out.append(m)
        return out

    def _towns_in_context(self, text: str, mentions: list[Mention],
                          spans: list[tuple[int, int, str]]) -> tuple[list[Mention], list[tuple[int, int]]]:
        """A one-word name of a town far from the Arab world is taken only when the document names
        its country or the tagger reads the word as a place: GeoNames holds thousands of such towns
        whose Arabic spelling is also a word or a name ("فوجئ" is Fukui, "ترمز" Termez, "ميري" Miri,
        "تولوا" Tuluá).  Capitals, the towns of the Arab world and its neighbours, and the world
        cities the news names bare (rules/world_cities.json: جنيف، لاهاي) are kept as they are.  Without a tagger nothing is dropped.  A dropped word still bars the tagger's own
        names over it (its "وفاكهة وأبا" is no organisation) unless the tagger reads a person there:
        the word is then a name, not a town ("نيكولا ميري")."""
        if self.tagger is None:
            return mentions, []
        entries = self.registry.entries
        near, bare = near_countries(), world_cities()
        # the country itself, its nisba or its capital ("في مدينة لوبيك شمالي ألمانيا")
        named = {m.entity_id for m in mentions} | {entries[m.entity_id]["capital_of"] for m in mentions
                                                   if "capital_of" in entries.get(m.entity_id, {})}
        places = _tagged_ranges(spans, "LOC")

        def doubtful(m: Mention) -> bool:
            entry = entries.get(m.entity_id)
            if not entry or "population" not in entry or "capital_of" in entry or m.entity_id in bare \
                    or " " in text[m.start:m.end]:
                return False
            country = entry.get("country")
            return country not in near and country not in named \
                and not any(a < m.end and m.start < b for a, b in places)

        persons = _tagged_ranges(spans, "PER")
        doubts = [doubtful(m) for m in mentions]
        blocked = [(m.start, m.end) for m, doubt in zip(mentions, doubts, strict=True) if doubt
                   and not any(a < m.end and m.start < b for a, b in persons)]
        return [m for m, doubt in zip(mentions, doubts, strict=True) if not doubt], blocked

    def _names_after_registry(self, text: str, spans: list[tuple[int, int, str]],
                              mentions: list[Mention]) -> list[tuple[int, int, str]]:
        """"رئيس سياسة البنتاغون كولين كال", "مراسل بي بي سي ويل غرانت": the tagger runs a body and the
        person named right after it into one name, which the registry's mention of the body then
        bars.  The two to four words after the last registry mention inside such a span are a
        person of their own when they read as a name (``_person_after``) and the span is a person's,
        or an organisation's after a person's title ("موقع جوجل دوت كوم" is no person).  A registry
        person's name carried on ("سلمان صباح السالم الحمود الصباح") stays as it is, and so does an
        indefinite nisba opening a person's name (``_nisba_as_given_name``: "تركي رضيمان العنزي")."""
        out = []
        ordered = sorted(mentions, key=lambda m: m.start)
        starts = [m.start for m in ordered]
        longest = max((m.end - m.start for m in ordered), default=0)
        for a, b, label in spans:
            inside = [m for m in ordered[bisect.bisect_left(starts, a - longest):bisect.bisect_left(starts, b)]
                      if a < m.end]
            last = max((m.end for m in inside), default=b)
            words = list(WORD.finditer(text, last, b))
            if inside and last > a and 2 <= len(words) <= 4 and not any(
                    m.etype == "PER" or m.kind == "nisba" and not fold(text[m.start:m.end]).startswith("ال")
                    for m in inside) \
                    and (TAGGER_TYPES.get(label) == "PER" or label == "ORG" and self._after_title(text, a)) \
                    and self._person_after([fold(w.group()) for w in words]):
                out.append((words[0].start(), b, "PERS"))
            else:
                out.append((a, b, label))
        return out

    def _after_title(self, text: str, pos: int, reach: int = 4) -> bool:
        """Whether a person's title (a PER_TITLE trigger word, or its feminine: "سفيرة") stands among
        the few words before ``pos``."""
        before = [fold(w.group()) for w in WORD.finditer(text, max(0, pos - 80), pos)][-reach:]
        return any(self._trigger(t) == "PER_TITLE" for w in before for r in _conjunction_readings(w)
                   for t in (r, r[:-1] if r.endswith(TA_MARBUTA_FOLDED) else r))

    def _person_after(self, words: list[str]) -> bool:
        """Whether folded words read as a person's name: no ordinary word or trigger word among them
        but name particles ("بن"), none of those first, no article on the first ("الشمالي والوسطى"),
        and the first a given name or the last a name of the tagger's gazetteer ("سامنتا باور")."""
        first = words[0]
        if first in self.particles or first == FAMILY_PARTICLE or first.startswith("ال") \
                or any(self._common(w) or self._trigger(w) not in (None, "PER_REL") for w in words):
            return False
        return self._given_name(first) or "PER" in self._name_classes(words[-1])

    def _tagged(self, doc: Document, view: View, mentions: list[Mention],
                spans: list[tuple[int, int, str]], blocked: list[tuple[int, int]]) -> list[Mention]:
        spans = self._joined_names(doc.text, self._names_after_registry(doc.text, spans, mentions))
        taken = _Intervals([(m.start, m.end) for m in mentions] + blocked)
        persons: dict[str, str] = {}  # folded surname -> id of a full name seen in this doc

        compounds: dict[str, set[str]] = {}  # "عبد المهدي" -> ids of the people it ends the name of
        given: dict[str, set[str]] = {}  # folded first word -> ids of the people it is the given name of

        def add_person(name: str, eid: str) -> None:
            # a word the tagger itself calls a person may be a short surname (بوش); after "لل" the
            # tagger's span leaves the article out ("للطراونة" → طراونة for "عاطف الطراونة")
            surname = self._surname(name, min_letters=3)
            if surname:
                persons.setdefault(surname, eid)
                if surname.startswith("ال") and len(surname) > 4:
                    persons.setdefault(surname[2:], eid)
            parts = name.split()
            # "عادل عبد المهدي" is then "عبد المهدي": a compound family name after a given name
            # (not a father's name after بن, and not "عبد الله", which is many people's given name)
            if len(parts) == 3 and parts[1] in self.particles and parts[0] not in self.particles \
                    and parts[2] != GOD:
                compounds.setdefault(" ".join(parts[1:]), set()).add(eid)
            if len(parts) >= 2 and parts[0] not in self.particles:
                given.setdefault(parts[0], set()).add(eid)

        for m in mentions:
            if m.etype == "PER" and m.kind in NAME_KINDS:
                add_person(fold(doc.text[m.start:m.end]), m.entity_id)
        # surnames of every registry spelling of the people this document names: a word the tagger
        # calls a person and that is exactly one of them is that person, however short ("روت")
        variant_surnames: dict[str, set[str]] = {}
        # "آل ثاني" after "محمد بن عبد الرحمن آل ثاني": a family name (آل + word) ending a full name
        family_names: dict[str, set[str]] = {}

        def add_family(parts: list[str], eid: str) -> None:
            if len(parts) >= 3 and parts[-2] == FAMILY_PARTICLE:
                family_names.setdefault(" ".join(parts[-2:]), set()).add(eid)

        family_first = set(variant_rules().get("family_name_first", []))
        for eid in {m.entity_id for m in mentions if m.etype == "PER" and m.entity_id in self.registry.entries}:
            first_is_family = self.registry.entries[eid].get("country") in family_first
            for form in self.folded_forms.get(eid, []):
                parts = form.split()
                if len(parts) >= 2:
                    # "كيم" after "كيم جونغ أون": the family name stands first in some countries
                    variant_surnames.setdefault(parts[0] if first_is_family else parts[-1], set()).add(eid)
                add_family(parts, eid)
        # the names of this article, to tell a glued clitic from a name's own first letter
        known_keys = {" ".join(fold(doc.text[a:b]).split()) for a, b, _ in spans} \
            | {" ".join(fold(doc.text[m.start:m.end]).split()) for m in mentions}
        name_words = {w for k in known_keys if " " in k for w in k.split()}
        nisba_at = {m.start: m for m in mentions if m.kind == "nisba"}
        registry_person_at = {m.start: m.entity_id for m in mentions
                              if m.etype == "PER" and m.kind in NAME_KINDS and m.entity_id in self.registry.entries}
        currencies: frozenset[str] | None = None  # scanned for only once a tagged name is a currency's
        registry_end_at = {m.end: (m.start, m.entity_id) for m in mentions
                           if m.etype == "PER" and m.entity_id in self.registry.entries}
        out: list[Mention] = []
        for start, end, label in sorted(spans):
            etype = TAGGER_TYPES.get(label)
            if etype == "PER":
                start = self._compound_start(doc.text, start)
                # "وأضاف كلابر": the tagger took ك for a clitic, but the whole word is a surname named before
                whole = _word_start(doc.text, start)
                if whole < start and fold(doc.text[whole:end]) in persons:
                    start = whole
            start = _past_leading_particles(doc.text, start, end)
            if etype == "PER":  # "سي آي أي" ends on a letter name, not on "أي" (any)
                end = _before_trailing_particles(doc.text, start, end)
            if etype is not None:
                end = self._before_addressee(doc.text, start, end, eulogy_only=etype != "PER")
            if etype == "PER":
                start, end = self._without_titles(doc.text, start, end)
                start = self._past_joining_wa(doc.text, start, end)
            if etype in ("ORG", "LOC"):
                start = self._past_clitic_of_head(doc.text, start, end)
            if etype == "ORG":
                end = self._before_trailing_title(doc.text, start, end)
                end = self._definite_nisba_end(doc.text, start, end, mentions, taken)
            if etype == "PER" and start in nisba_at:
                self._nisba_as_given_name(doc.text, start, end, nisba_at[start], mentions, taken)
            if etype == "PER":
                end = self._before_registry_person(doc.text, start, end, registry_end_at.get(end))
            if etype is None or any(start < b and a < end for a, b in taken.near(start, end)):
                continue
            surface = doc.text[start:end]
            key = " ".join(fold(surface).split())
            whole = _word_start(doc.text, start)
            if whole < start and "ال" not in fold(doc.text[whole:start]) \
                    and self.matcher.glued_word(fold(doc.text[whole:end]), key):
                continue  # "بكسل" (pixel) is no ب + كسل
            if whole < start and doc.text[whole:start] in ("و", "ف") and whole > 0 \
                    and doc.text[whole - 1] in QUOTE_MARKS:
                # "الوكالة الأوروبية "فرونتكس"": a name opening a quotation keeps its first letter
                # (a conjunction stands outside the marks: و"فرونتكس")
                start = whole
                surface = doc.text[start:end]
                key = " ".join(fold(surface).split())
            # "فلوريكس" opening a quotation keeps its ف, and a registry name its first letter ("نادي ليفربول")
            if (start == 0 or doc.text[start - 1] not in QUOTE_MARKS) and key not in self.matcher.forms:
                start, key = self._past_a_clitic(start, key, known_keys, name_words)  # "ليوفنتوس", "للأهلي"
            if len(key.replace(" ", "")) < 2 or key in _not_names() or _month_in_date(doc.text, start, end, key):
                continue
            if key.removeprefix(ARTICLE) in _currency_names():
                if currencies is None:
                    currencies = self._currencies_in_use(doc.text)
                if key.removeprefix(ARTICLE) in currencies:
                    continue  # "للريال الإيراني", "90,000 ريال": the currency, not the football club
            eid = None
            ids = self.matcher.skeletons.get(skeleton(key)) if " " in key else None
            if etype == "LOC" and " " not in key:
                # "شنغهاي" for "شانغهاي": of the places sharing the skeleton, the one spelt close enough
                near_spelt = [i for i in self._place_skeletons.get(skeleton(key), ())
                              if max(fuzz.ratio(key, f) for f in self.folded_forms.get(i, [""])) >= self.min_ratio]
                ids = set(near_spelt)
            if not ids and " " in key:
                # "بيونغ يانج" (tagged a person) for "بيونغ يانغ": a place of several words spelt close enough
                ids = {i for i in self._place_skeletons.get(skeleton(key), ())
                       if max(fuzz.ratio(key, f) for f in self.folded_forms.get(i, [""])) >= self.min_ratio}
            if ids and len(ids) == 1:
                cand = next(iter(ids))
                if max(fuzz.ratio(key, f) for f in self.folded_forms.get(cand, [key])) >= self.min_ratio:
                    eid = cand
            if eid is None and etype == "LOC" and len(self._ambiguous_places.get(key, ())) == 1:
                eid = next(iter(self._ambiguous_places[key]))  # "انسحبوا من مالي": the tagger reads the place
            if eid is None and etype == "PER":
                eid = self._with_fathers_name(key)
            if eid is None and etype in ("LOC", "ORG") and " " not in key:
                # "بيترو" tagged a place after "غوستافو بيترو", "ماي" an organisation after "تيريزا
                # ماي": one word, one name, one person (a longer organisation keeps its reading: "مجموعة
                # داسو" is the firm named after the family; a "person" that is a title and a place,
                # "أمير عسير", leaves the place a place)
                same = persons.get(key) or (next(iter(variant_surnames[key]))
                                            if len(variant_surnames.get(key, ())) == 1 else None)
                if same and self._trigger(self._names_of(same)[0].split()[0]) is None:
                    eid, etype = same, "PER"
            if eid is None and etype == "PER":
                # "لويس إيناسيو لولا دا سيلفا": given names the registry's name leaves out, right before it
                nxt = end
                while nxt < len(doc.text) and doc.text[nxt] == " ":
                    nxt += 1
                eid = registry_person_at.get(nxt) if nxt > end else None
                if eid is not None and " " not in doc.text[nxt:next(
                        (m.end for m in mentions if m.start == nxt and m.entity_id == eid), nxt)].strip() \
                        and not self._own_first_name(key.split()[0], eid):
                    eid = None  # "هنأ الرئيس الصربي ألكسندر فوسيتش أردوغان": a verb's subject and object
            if eid is None and etype == "PER":
                start, key, eid = self._past_a_verb(doc.text, start, key, persons)  # "تيار أوريبي"
                surface = doc.text[start:end]
            if eid is None and etype == "PER":
                parts = key.split()
                if len(parts) == 1:
                    eid = self._same_surname(key, persons)
                    if eid is None and len(variant_surnames.get(key, ())) == 1:
                        eid = next(iter(variant_surnames[key]))
                    if eid is None:
                        eid = self._given_name_alone(key, given)
                elif len(family_names.get(key, ())) == 1:
                    eid = next(iter(family_names[key]))
                elif len(compounds.get(key, ())) == 1:
                    eid = next(iter(compounds[key]))
                else:
                    eid = self._spelled_again(key, persons)  # "غوستاف بيترو" after "غوستافو بيترو"
                    add_person(key, eid or unknown_id(etype, key))
                    add_family(parts, eid or unknown_id(etype, key))
            if eid is None:
                eid = unknown_id(etype, key)
            vs, ve = _view_range(view, start, end)
            out.append(Mention(start, end, vs, ve, eid, self._type(eid) if eid in self.registry.entries else etype,
                               "tagger"))
            taken.add(start, end)
        _one_type_per_name(out)
        return out

    def _before_registry_person(self, text: str, start: int, end: int, other: tuple[int, str] | None) -> int:
        """"هنأ الرئيس الصربي ألكسندر فوسيتش أردوغان": a person the tagger runs into a registry
        person's name that ends its span is a name of two words or more of its own before it (the
        verb's subject before its object), unless it opens with that person's own given name
        ("باراك حسين أوباما") or a word the news mostly uses outside names; a single word before it
        is left to the other passes."""
        if other is None or other[0] <= start:
            return end
        head = text[start:other[0]].rstrip()
        if len(head.split()) < 2 or not text[start + len(head):other[0]].isspace() \
                or self._own_first_name(fold(head.split()[0]), other[1]) or self._common(head.split()[0]):
            return end  # "شبه كومي ترامب": a verb first, the span is no name
        return start + len(head)

    def _own_first_name(self, word: str, eid: str) -> bool:
        """Whether a folded word is, in any spelling, a word of one of the registry person's names."""
        own = {w for form in self.folded_forms.get(eid, []) for w in form.split()}
        return word in own or skeleton(word) in {skeleton(w) for w in own}

    def _nisba_as_given_name(self, text: str, start: int, end: int, m: Mention, mentions: list[Mention],
                             taken: _Intervals) -> None:
        """"العقيد تركي المالكي", "الأمير تركي بن فيصل": an indefinite nisba that opens a name the
        tagger reads as a person's is that person's given name (تركي, a common given name), not
        the country's adjective; the person's name takes its place."""
        words = text[start:end].split()
        if len(words) < 2 or words[1].startswith(("و", "ف")) or self._common(words[1]):
            return  # "«تركي وهاشم»": two people; "مسؤول تركي كبير": an adjective follows
        if m.end < end and not fold(text[m.start:m.end]).startswith("ال") and m in mentions:
            mentions.remove(m)
            taken.remove(m.start, m.end)

    def _common(self, word: str) -> bool:
        """A word the news mostly uses outside names (``rasid.ner.common_words``)."""
        return fold(word) in getattr(self.tagger, "common_words", frozenset())  # not "فيدل" as ف + يدل

    def _past_a_verb(self, text: str, start: int, key: str, persons: dict[str, str]) -> tuple[int, str, str | None]:
        """"تيار أوريبي" ("Uribe's movement"): a two-word person the tagger found whose first word is
        one the news mostly uses outside names and whose second is the surname of a person this
        document named before is that person, with the first word left out.  Any other first word
        may be a given name the gazetteer lacks ("فيدل كاسترو" beside "راوول كاسترو"), and a family
        name with the article may be many people's (a tribe's: "ملفي الحربي" beside "سعود الحربي")."""
        parts = key.split()
        if len(parts) != 2 or parts[1] not in persons or parts[1].startswith("ال") \
                or not self._common(parts[0]) or self._given_name(parts[0]) or self._trigger(parts[0]) is not None:
            return start, key, None
        eid = persons[parts[1]]
        if any(f.split()[0] == parts[0] for f in self._names_of(eid)):
            return start, key, None  # the person's own given name, spelled as before
        second = start
        while not text[second].isspace():
            second += 1
        while text[second].isspace():
            second += 1
        return second, parts[1], eid

    def _names_of(self, eid: str) -> list[str]:
        """Folded names of a registry entity, or the name an unknown entity's id was made from."""
        if eid in self.folded_forms:
            return self.folded_forms[eid]
        return [eid.split(":", 2)[2].replace("_", " ")]

    @staticmethod
    def _past_a_clitic(start: int, key: str, known: set[str], name_words: set[str]) -> tuple[int, str]:
        """"انتقل ليوفنتوس", "يمكن للأهلي": the tagger took a proclitic into a name; when the article
        names it without the letter elsewhere ("يوفنتوس", "الأهلي"), the name starts after it (after
        "لل" the name is the article's: "للأهلي" is ل + الأهلي, its span "أهلي" as the registry's).
        ``name_words``: the words of the article's names of several words."""
        if " " in key or key in name_words:
            return start, key  # the word is a name's own word elsewhere: "خيري بوزاني" keeps its ب
        if key.startswith("لل") and "ال" + key[2:] in known:
            return start + 2, "ال" + key[2:]
        if key[:1] in clitic_letters() and key[1:] in known and len(key) > 3:
            return start + 1, key[1:]
        return start, key

    def _given_name_alone(self, word: str, given: dict[str, set[str]]) -> str | None:
        """"آينور" after "آينور غوموسوي", "مورغان" after "مورغان بيشوب": features name people by
        the given name alone once they are introduced.  Only a given name of exactly one person named
        before, and not one the news uses often (``word_ranks``: محمد, أحمد and علي are many
        people's, and often a prophet's or a caliph's)."""
        ids = given.get(word, set())
        if len(ids) != 1:
            return None
        rank = self.matcher.word_ranks.get(word)
        return next(iter(ids)) if rank is None or rank > COMMON_GIVEN_NAME_RANK else None

    def _spelled_again(self, key: str, persons: dict[str, str]) -> str | None:
        """The unknown person named before with the same surname and nearly the same full name
        (a transliteration twice in one article: غوستافو / غوستاف بيترو)."""
        eid = persons.get(key.split()[-1])
        if eid is None or not eid.startswith("x:per:"):
            return None
        before = self._names_of(eid)[0]
        # the given names alike too: a long shared family name makes any two full names look alike
        return eid if before != key and fuzz.ratio(self._first_name(before), self._first_name(key)) >= self.min_ratio \
            else None

    def _other_arabic_word(self, eid: str, phrase: str, forms: list[str]) -> bool:
        """Whether an organisation's name is matched by its skeleton through a different Arabic
        word: "الجمعية العربية" (a society) has the skeleton of "الجامعة العربية" (the League),
        since skeletons drop long vowels.  Only a word the news rarely uses (a transliteration:
        فايننشيال / فاينانشال) may differ; the spellings of a person's name are left to the
        skeleton alone."""
        if self._type(eid) != "ORG":
            return False
        words = phrase.split()
        for form in forms:
            other = form.split()
            if len(other) == len(words) and all(a == b or a not in self.matcher.word_ranks
                                                for a, b in zip(words, other, strict=True)):
                return False
        return True

    def _first_name(self, folded_name: str) -> str:
        """The given name of a folded full name, one opened by a particle written as one word ("عبد
        الله" as "عبدالله", "ابو بكر" as "ابوبكر") so that both spellings compare alike."""
        parts = folded_name.split()
        if len(parts) >= 2 and parts[0] in self.particles:
            return parts[0] + parts[1]
        return parts[0]

    def _definite_nisba_end(self, text: str, start: int, end: int, mentions: list[Mention],
                            taken: _Intervals) -> int:
        """"منظمة الدول الأمريكية", "حزب المؤتمر الوطني الأفريقي": an organisation the tagger ends on a
        definite noun, followed by a country's nisba adjective, takes the adjective into its name (an
        adjective agreeing with a definite noun continues the phrase); the adjective is then no
        mention of the country.  After an indefinite name ("تسلا الأمريكية") it only describes."""
        words = text[start:end].split()
        if len(words) < 2 or not fold(words[-1]).startswith("ال"):
            return end
        for m in mentions:
            if m.kind == "nisba" and m.start == end + 1 and text[end] == " ":
                mentions.remove(m)
                taken.remove(m.start, m.end)
                return m.end
        # "أعرب لمجلس الأمن القومي": any other adjective that makes a short name another body's
        # (``_modifying_adjective``, written with the article: "آلية" is no adjective) belongs to
        # the name as well
        nxt = WORD.match(text, end + 1) if text[end:end + 1] == " " else None
        if nxt and _modifying_adjective(nxt.group()) and not any(
                a < nxt.end() and nxt.start() < b for a, b in taken.near(nxt.start(), nxt.end())):
            return nxt.end()
        return end

    def _carried(self, view: View, mentions: list[Mention], tagged: list[Mention]) -> list[Mention]:
        """Names the tagger found somewhere, found again where it missed them (one name per article):
        an unknown name wherever it recurs, and an unknown person's surname standing alone, when the
        word is not one the news mostly uses otherwise (``rasid.ner.common_words``: "لصالح", "حوالي")
        and no other unknown person of the article has it."""
        common = getattr(self.tagger, "common_words", frozenset())
        not_names = _not_names()

        def plain(word: str) -> bool:
            return len(word) < 3 or word in not_names or strip_proclitics(word) in common

        names: dict[tuple[str, ...], set[str]] = {}
        surnames: dict[tuple[str, ...], set[str]] = {}
        for m in tagged:
            # a registry name is matched wherever it occurs already; a spelling the registry lacks
            # that the tagger read as a registry person ("ماي" after "تيريزا ماي") is carried as well
            words = tuple(view.text[m.vstart:m.vend].split())
            if not words or (len(words) == 1 and plain(words[0])):
                continue
            names.setdefault(words, set()).add(m.entity_id)
            if not m.entity_id.startswith("x:"):
                continue
            surname = self._surname(" ".join(words)) if m.etype == "PER" and len(words) > 1 else None
            if surname and not plain(surname):
                surnames.setdefault((surname,), set()).add(m.entity_id)
        for words, ids in surnames.items():
            names.setdefault(words, set()).update(ids)
        if not names:
            return []
        taken = [(m.vstart, m.vend) for m in mentions]
        words = self._words(view)
        readings = [self._strip_clitics(w[2]) for w in words]
        out: list[Mention] = []
        for n in sorted({len(k) for k in names}, reverse=True):
            for i, group in _spaced_groups(view.text, words, n):
                rest = tuple(w[2] for w in group[1:])
                for offset, first in readings[i]:
                    ids = names.get((first, *rest))
                    vs, ve = group[0][0] + offset, group[-1][1]
                    if ids and len(ids) == 1 and not any(vs < b and a < ve for a, b in taken):
                        kind = "surname" if (first, *rest) in surnames else "tagger"
                        out.append(self._mention(view, vs, ve, next(iter(ids)), kind))
                        taken.append((vs, ve))
                        break
        return out

    def _compound_start(self, text: str, start: int) -> int:
        """"فتح الله غولن" tagged from "الله": a name that begins with the second half of a compound
        given name (الله، الدين …) or follows a particle (عبد، أبو) starts one word earlier."""
        first = WORD.match(text, start)
        prev = _previous_word(text, start)
        if first is None or not prev:
            return start
        if fold(first.group()) in self.compound_ends or fold(prev) in self.particles:
            return start - len(prev) - 1
        return start

    def _table(self, text: str, mentions: list[Mention], published: str | None) -> dict[str, dict[str, Any]]:
        table: dict[str, dict[str, Any]] = {}
        # an unknown entity is called by its first name-like mention, not by a title before it
        # ("نائب رئيس الوزراء الروسي ألكسندر نوفاك" is called ألكسندر نوفاك)
        first_named: dict[str, Mention] = {}
        for m in mentions:
            if m.kind in NAME_KINDS:
                first_named.setdefault(m.entity_id, m)
        for m in mentions:
            if m.entity_id in table:
                continue
            entry = self.registry.entries.get(m.entity_id)
            if entry is None:
                named = first_named.get(m.entity_id, m)
                table[m.entity_id] = {"id": m.entity_id, "type": m.etype,
                                      "name": text[named.start:named.end], "name_en": None, "known": False}
                continue
            info: dict[str, Any] = {"id": entry["id"], "type": entry["type"], "name": entry["name"],
                                    "name_en": entry.get("name_en")}
            for key in ("country", "capital_of", "capital", "iso2", "wikidata", "agent", "target"):
                if entry.get(key):
                    info[key] = entry[key]
            roles = [r for r in entry.get("roles", []) if role_active(r, published)]
            if roles:
                info["roles"] = [{k: r.get(k) for k in ("title_en", "org", "country", "start", "end")} | {
                    "title": (r.get("title") or r.get("generic") or [None])[0]} for r in roles]
            table[m.entity_id] = info
        return table


_NAME_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


class _TaggedNames(NamedTuple):
    """The tagger's person names of an article, indexed for ``Linker._someone_elses_surname``:
    each word of a name of several words -> the last words of those names, and each name of one
    word -> where it first stands alone."""

    last_words: dict[str, set[str]]
    first_alone: dict[str, int]

    @classmethod
    def of(cls, text: str, spans: list[tuple[int, int, str]]) -> _TaggedNames:
        last_words: dict[str, set[str]] = {}
        first_alone: dict[str, int] = {}
        for a, b, label in spans:
            if TAGGER_TYPES.get(label) != "PER":
                continue
            name = fold(text[a:b]).split()
            if len(name) > 1:
                for word in name:
                    last_words.setdefault(word, set()).add(name[-1])
            elif name:
                first_alone[name[0]] = min(first_alone.get(name[0], a), a)
        return cls(last_words, first_alone)


def _hyphens_as_spaces(view: View) -> View:
    """"كيم جونغ-أون" is "كيم جونغ أون": a hyphen between two letters joins the parts of a
    transliterated name; the entity view reads it as a space (one character for one, so the
    offset map is unchanged).  Numbers keep theirs ("1-3", "2018-2019")."""
    if "-" not in view.text:
        return view
    return View(_NAME_HYPHEN.sub(" ", view.text), view.starts, view.ends, view.original_length)


def _one_type_per_name(mentions: list[Mention]) -> None:
    """One unknown name is one entity: when the tagger calls "سامسونغ" an organisation twice and a
    person once, every mention takes the type it got most often."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        if m.entity_id.startswith("x:"):
            votes.setdefault(m.entity_id.split(":", 2)[2], Counter())[m.etype] += 1
    for m in mentions:
        if m.entity_id.startswith("x:"):
            (top, n), *rest = votes[m.entity_id.split(":", 2)[2]].most_common()
            if rest and n > rest[0][1]:  # a tie ("#ريك_مشار" a place once, "ريك مشار" a person once) decides nothing
                m.etype = top
                m.entity_id = f"x:{m.etype.lower()}:{m.entity_id.split(':', 2)[2]}"


@lru_cache(maxsize=1)
def _currency_names() -> frozenset[str]:
    """Folded currency names without the article (the amounts stage's ``data/amounts/currencies.json``)."""
    import json
    from importlib import resources

    raw = json.loads(resources.files("rasid").joinpath("data/amounts/currencies.json").read_text("utf-8"))
    return frozenset(fold(n).removeprefix(ARTICLE) for c in raw["currencies"] for n in c["names"])


@lru_cache(maxsize=1)
def _month_names() -> frozenset[str]:
    from rasid.dates.lexicon import lexicon

    lex = lexicon()
    return frozenset(p[0] for table in (lex.greg_months, lex.hijri_months) for p in table if len(p) == 1)


_DAY_BEFORE = re.compile(r"\d{1,2}\s*$")
_YEAR_OR_PAIR_AFTER = re.compile(r"\s*(?:/|\d{4}\b)")


def _month_in_date(text: str, start: int, end: int, key: str) -> bool:
    """"في نيسان/أبريل", "5 ماي 2018": a one-word month name (either system, ``data/dates``) with a
    day before it, a year after it or the other system's name across a slash is a date, not the
    firm or the person the tagger took it for."""
    if key not in _month_names():
        return False
    before = text[max(0, start - 8):start]
    return bool(_DAY_BEFORE.search(before) or before.rstrip().endswith("/")
                or _YEAR_OR_PAIR_AFTER.match(text, end))


@lru_cache(maxsize=1)
def _words_as_written() -> frozenset[str]:
    """Surfaces that fold to a name's form but are ordinary words as written ("اليمنى", the right one)."""
    return frozenset(variant_rules().get("words_as_written", {}).get("words", []))


@lru_cache(maxsize=1)
def _idioms() -> dict[str, frozenset[str]]:
    raw = variant_rules().get("idioms", {})
    return {fold(k): frozenset(fold(w) for w in v) for k, v in raw.items() if not k.startswith("_")}


def _in_idiom(text: str, m: Mention) -> bool:
    """"للنيل منها" (to undermine it) is no mention of the Nile: a name form, article aside,
    followed by a word that makes it a common phrase (``variant_rules.json`` 'idioms')."""
    key = fold(text[m.start:m.end]).strip()
    key = key[len(ARTICLE):] if key.startswith(ARTICLE) else key
    after = _idioms().get(key)
    return bool(after) and fold(_next_word(text, m.end)) in after


@lru_cache(maxsize=1)
def _not_name_ends() -> frozenset[str]:
    return frozenset(fold(w) for w in variant_rules().get("not_name_ends", []))


@lru_cache(maxsize=1)
def _eulogy_words() -> frozenset[str]:
    return frozenset(variant_rules().get("eulogy_words", []))


@lru_cache(maxsize=1)
def _not_name_openers() -> frozenset[str]:
    """Particles that never open a name, as written, hamza included (data/ner/not_name_openers.txt)."""
    return frozenset(_ner_word_list("not_name_openers.txt"))


def _ner_word_list(name: str) -> list[str]:
    """The words of a data/ner word list, one a line, '#' lines being comments."""
    from importlib import resources

    text = resources.files("rasid").joinpath(f"data/ner/{name}").read_text("utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def _past_leading_particles(text: str, start: int, end: int) -> int:
    """Where a tagged name really starts when the tagger took a particle into it ("فإن سامسونغ"):
    past each leading word that is, with or without a joined و/ف, one of ``_not_name_openers``."""
    openers = _not_name_openers()
    while True:
        m = WORD.match(text, start)
        if m is None or m.end() >= end:
            return start
        word = m.group()
        if word not in openers and not (word[0] in "وف" and word[1:] in openers):
            return start
        start = m.end()
        while start < end and text[start].isspace():
            start += 1


def _before_trailing_particles(text: str, start: int, end: int) -> int:
    """Where a tagged name really ends when the tagger took a particle after it ("كوفمان بأن"):
    before each trailing word that is one of ``_not_name_openers``."""
    openers = _not_name_openers()
    while True:
        words = list(WORD.finditer(text, start, end))
        if len(words) < 2 or words[-1].end() != end or words[-1].group() not in openers:
            return end
        end = words[-2].end()


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Folded words never taken as a one-word tagged name (data/ner/not_names.txt, stopwords.txt)."""
    return frozenset(fold(w) for name in ("not_names.txt", "stopwords.txt") for w in _ner_word_list(name))


@lru_cache(maxsize=65536)
def _readings(word: str, prefixes: tuple[str, ...]) -> list[tuple[int, str]]:
    out = [(0, word)]
    for p in prefixes:
        if word.startswith(p) and len(word) - len(p) >= 3:
            out.append((len(p), word[len(p):]))
    return out


def _view_range(view: View, start: int, end: int) -> tuple[int, int]:
    """The view range covering original [start, end) (first view char at or after start)."""
    vs = bisect.bisect_left(view.starts, start)  # view offsets map to non-decreasing original ones
    return vs, bisect.bisect_right(view.ends, end, lo=vs)


#: how far from its dates an event still counts as the one a generic "القمة" refers to
EVENT_WINDOW_DAYS = 14
#: how long before a dated event began the news may already name it (a summit announced for next year)
EVENT_FORESIGHT_DAYS = 365


def _qualifier_gap(gap: str, etype: str) -> bool:
    """Whether the text between a title and a country/organisation lets the latter qualify it:
    nothing but spaces, the preposition في ("وزير الدفاع في المملكة المتحدة"), or, before an
    organisation, ل glued to it ("المديرة العامة للصندوق"; "الحليف الرئيس للولايات المتحدة" is
    the main ally, not a president)."""
    words = gap.split()
    if not words:
        return len(gap) <= QUALIFIER_GAP
    if words in (["ل"], ["لل"]) and etype == "ORG":
        return gap.endswith(words[0]) and len(gap) <= QUALIFIER_GAP + len(words[0])
    return words == ["في"] and len(gap) <= QUALIFIER_GAP + len("في") + 1


class _Intervals:
    """Spans [x, y) kept sorted by start, so that the ones overlapping a range are found by bisection
    rather than by scanning them all: names are short, so only spans starting less than the longest
    span's length before the range can reach into it (a names-only article has thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)
        self.longest = max((y - x for x, y in self.spans), default=0)

    def add(self, x: int, y: int) -> None:
        bisect.insort(self.spans, (x, y))
        self.longest = max(self.longest, y - x)

    def remove(self, x: int, y: int) -> None:
        i = bisect.bisect_left(self.spans, (x, y))
        if i == len(self.spans) or self.spans[i] != (x, y):
            raise ValueError(f"no span {(x, y)}")  # as list.remove: never delete another span
        del self.spans[i]

    def near(self, a: int, b: int) -> list[tuple[int, int]]:
        """The spans that may overlap [a, b): every one that does, and a few that do not."""
        lo = bisect.bisect_left(self.spans, (a - self.longest + 1,))
        return self.spans[lo:bisect.bisect_left(self.spans, (b,))]


def _tagged_ranges(spans: list[tuple[int, int, str]], etype: str) -> list[tuple[int, int]]:
    """The (start, end) of the tagger's spans of one rasid type ("PER" takes PERS)."""
    return [(a, b) for a, b, label in spans if TAGGER_TYPES.get(label) == etype]


def _modifying_adjective(written: str) -> bool:
    """Whether a word after an organisation's short name, as written, is an adjective that makes it
    name another body: a definite nisba ("القومي", "الدولي", "الوطنية") or "الأعلى", not a relative
    pronoun or an evaluative adjective, and written with the article ("إلا", "آلية" only look like
    it once hamza and madda are folded away)."""
    word = fold(written)
    return written.startswith(ARTICLE) and word not in not_modifiers() and word not in NOT_ARTICLE \
        and (word.endswith(("ي", "يه")) or word == ELATIVE_HIGHER)


def _conjunction_readings(word: str) -> tuple[str, ...]:
    """A folded word as written and, when it opens with و or ف, without it: the letter may be a
    joining conjunction ("ووزير") or the word's own ("وزير")."""
    return (word, word[1:]) if word[:1] and word[0] in CONJUNCTIONS else (word,)


def _definite(word: str) -> bool:
    """Whether a folded word carries the article, behind a conjunction or preposition ("وللسياسة")."""
    return any(w.startswith(("ال", "لل")) or (w[:1] in ("ب", "ك") and w[1:].startswith("ال"))
               for w in _conjunction_readings(word))


def _next_word(text: str, pos: int) -> str:
    """The word that follows position pos (after spaces), or ''."""
    m = WORD.match(text, len(text) - len(text[pos:].lstrip()))
    return m.group() if m else ""


def _spaced_groups(text: str, words: list[tuple[int, int, str]], n: int,
                   ) -> Iterator[tuple[int, list[tuple[int, int, str]]]]:
    """(index, words) of every run of n words that single spaces join."""
    for i in range(len(words) - n + 1):
        group = words[i:i + n]
        if all(text[group[k][1]:group[k + 1][0]] == " " for k in range(n - 1)):
            yield i, group


def _word_start(text: str, pos: int) -> int:
    """Where the word that ``pos`` lies in starts: the letters a tagged span may have left off."""
    while pos > 0 and text[pos - 1].isalpha():
        pos -= 1
    return pos


def _previous_word(text: str, pos: int) -> str:
    """The word that ends one space before position pos, or ''."""
    m = re.search(r"(\w+) $", text[max(0, pos - 30):pos])
    return m.group(1) if m else ""


def _current(entry: dict[str, Any], published: str | None) -> bool:
    """Whether an event or instrument can be what a document of that date calls by a generic name:
    in force at the date (instruments, long wars) or within EVENT_WINDOW_DAYS of it (meetings)."""
    import datetime as dt

    if not published:
        return entry.get("type") == "LAW"
    try:
        day = dt.date.fromisoformat(published)
        start = dt.date.fromisoformat(_full(entry.get("start"), "01")) if entry.get("start") else None
        end = dt.date.fromisoformat(_full(entry.get("end"), "28")) if entry.get("end") else None
    except ValueError:
        return False
    window = dt.timedelta(days=EVENT_WINDOW_DAYS)
    if start and day < start - window:
        return False
    if entry.get("type") == "EVENT" and end is not None and day > end + window:
        return False
    if entry.get("type") == "EVENT" and end is None and start and (day - start).days > EVENT_WINDOW_DAYS:
        # open-ended events are long ones (a war): current while they last
        return entry.get("generic") is not None
    return True


def _full(value: str, day: str) -> str:
    parts = value.split("-")
    while len(parts) < 3:
        parts.append("01" if len(parts) == 1 else day)
    return "-".join(parts)
