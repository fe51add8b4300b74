"""The compiled registry matcher: one Aho-Corasick automaton over folded name keys.

Matches are whole words of the normalised view, optionally after attached proclitics
(و ف ب ل ك, ال, لل); the mention covers the name without those letters and never starts or
ends inside a longer word.  Overlapping candidates are resolved longest first.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import ahocorasick

from rasid.arabic.normalise import fold
from rasid.entities.registry import Registry
from rasid.entities.variants import (
    article_of_prefix,
    clitic_prefixes,
    head_noun_classes,
    skeleton,
    title_rules,
    variant_rules,
)
from rasid.ner.resources import word_ranks

#: how strongly a kind of form denotes its entity (higher wins a tie on length)
KIND_RANK = {"name": 4, "variant": 4, "title": 4, "nisba": 3, "alias": 2, "generic": 1}
#: which type wins when two entities share a key
TYPE_RANK = {"PER": 5, "ORG": 5, "EVENT": 5, "LAW": 5, "GPE": 3, "LOC": 2}
ARTICLE = "ال"
#: every quotation mark folds to this one in the normalised view
QUOTE = '"'
#: names of these types may contain other names that get their own mention ("وزارة الخارجية الأوكرانية")
CONTAINER_TYPES = ("ORG", "EVENT", "LAW")


@dataclass(frozen=True, slots=True)
class Form:
    """One key of the automaton: which entity it names and how."""

    entity_id: str
    kind: str
    role: int = -1  # index into the entry's roles for "title" and "generic"
    needs_article: bool = False  # key had its article removed: it must follow لل / ال
    anaphor: bool = False  # a bare head noun ("المجموعة"): only refers back to an earlier mention
    former: bool = False  # a title with "السابق": a role that ended before the publication date
    incoming: bool = False  # a title with "المنتخب": a role that starts after the publication date
    new: bool = False  # a title with "الجديد": the role taken up last, within a year of the publication date


@dataclass(frozen=True, slots=True)
class Match:
    """A registry hit in view coordinates."""

    start: int
    end: int
    form: Form
    key: str


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def role_active(role: dict, published: str | None) -> bool:
    """Whether a role is held on the publication date (undated documents: current roles only)."""
    start, end = role.get("start"), role.get("end")
    if published is None:
        return end is None
    if start and published < start:
        return False
    return not (end and published > end)


class Matcher:
    """Folded registry keys compiled once; ``find(view_text)`` gives word-bounded matches."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.forms: dict[str, list[Form]] = {}
        self.skeletons: dict[str, set[str]] = {}  # skeleton of a PER/ORG full form -> ids
        # names of three or more words: all words but the last -> {(last word, id)}
        self.heads: dict[str, set[tuple[str, str]]] = {}
        native_org = registry.entries.get(variant_rules().get("native_names_of", ""), {})
        self.native_countries = frozenset(native_org.get("members", []))
        for entry in registry.entries.values():
            self._add_entry(entry)
        self.first_skeletons = {sk.split()[0] for sk in self.skeletons if sk}
        self.prefixes = clitic_prefixes()
        self.word_ranks = word_ranks()
        #: names that are also ordinary words: with the article they are the word ("الحماس")
        self.never_with_article = frozenset(fold(w) for w in variant_rules().get("never_with_article", []))
        self.automaton = ahocorasick.Automaton()
        for key in self.forms:
            self.automaton.add_word(key, key)
        if self.forms:
            self.automaton.make_automaton()

    def spelt_variously(self, entry: dict) -> bool:
        """Whether an entry's names may be spelt several ways in Arabic, so that transliteration
        skeletons may link them: not a person of a country whose names are Arabic to begin with (the
        members of ``native_names_of`` in rules/variant_rules.json, the Arab League), whose spelling
        varies only as fold() absorbs — "عبدالإله السناني" is not a spelling of "عبدالله الثاني"."""
        return entry.get("type") != "PER" or entry.get("country") not in self.native_countries

    def _add(self, text: str, form: Form) -> None:
        key = " ".join(fold(text).split())
        if len(key.replace(" ", "")) < 2:
            return
        self.forms.setdefault(key, []).append(form)
        if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 2:
            stripped = Form(form.entity_id, form.kind, form.role, needs_article=True, anaphor=form.anaphor,
                            former=form.former, incoming=form.incoming, new=form.new)
            self.forms.setdefault(key[len(ARTICLE):], []).append(stripped)

    def _add_entry(self, entry: dict) -> None:
        eid = entry["id"]
        ambiguous = {fold(n) for n in entry.get("ambiguous_names", [])}
        names = [entry["name"]] + entry.get("variants", [])
        if entry.get("name_en"):
            names.append(entry["name_en"])
        for text in names:
            if fold(text) not in ambiguous:
                self._add(text, Form(eid, "variant"))
                if entry["type"] in ("PER", "ORG") and " " in text.strip() and self.spelt_variously(entry):
                    self.skeletons.setdefault(skeleton(text), set()).add(eid)
                words = fold(text).split()
                if entry["type"] not in ("GPE", "LOC") and len(words) >= 3:
                    self.heads.setdefault(" ".join(words[:-1]), set()).add((words[-1], eid))
        for text in entry.get("nisba", []):
            self._add(text, Form(eid, "nisba"))
        for text in entry.get("aliases", []):
            self._add(text, Form(eid, "alias"))
        if entry["type"] == "PER" and entry.get("name_en"):
            latin_surname = entry["name_en"].split()[-1]
            if len(latin_surname) >= 4 and latin_surname.isalpha():
                self._add(latin_surname, Form(eid, "alias"))
        for text in entry.get("generic", []):  # "الحلف" for NATO: only where NATO is named
            self._add(text, Form(eid, "generic"))
        own = {fold(t) for t in entry.get("generic", [])}
        anaphors, paraphrases = head_forms(entry)
        for key in sorted(anaphors - own):
            self._add(key, Form(eid, "generic", anaphor=True))
        for key in sorted(paraphrases - own):
            self._add(key, Form(eid, "generic"))
        rules = title_rules()
        former, incoming = rules["former"], rules["incoming"]
        for i, role in enumerate(entry.get("roles", [])):
            for text in role.get("title", []):
                self._add(text, Form(eid, "title", i))
                if role.get("end"):  # "وزير الدفاع الأمريكي السابق"
                    for word in former:
                        self._add(f"{text} {word}", Form(eid, "title", i, former=True))
                if role.get("start"):  # "الرئيس الأمريكي المنتخب", "المستشار الألماني الجديد"
                    for word in incoming:
                        self._add(f"{text} {word}", Form(eid, "title", i, incoming=True))
                    for word in rules["new"]:
                        self._add(f"{text} {word}", Form(eid, "title", i, new=True))
            for text in role.get("generic", []):
                self._add(text, Form(eid, "generic", i))

    # -- matching ------------------------------------------------------------------------
    def candidates(self, view_text: str) -> list[Match]:
        """Every word-bounded hit (before overlap resolution); generic titles included.

        Quotation marks at a word's edge do not break a name (scraped and machine-translated
        text quotes one word of it: “التحالف” الراغبين); hits are mapped back to view offsets.
        """
        out: list[Match] = []
        if not self.forms:
            return out
        view_text, back = _without_edge_quotes(view_text)
        n = len(view_text)
        for last, key in self.automaton.iter(view_text):
            end = last + 1
            start = end - len(key)
            if end < n and _is_word_char(view_text[end]):
                continue
            word_start = start
            while word_start > 0 and _is_word_char(view_text[word_start - 1]):
                word_start -= 1
            prefix = view_text[word_start:start]
            if prefix and prefix not in self.prefixes:
                continue
            # (the article makes a noun's definite form more frequent than its bare one, so only
            # clitics without it are put to the test)
            glued = bool(prefix) and not article_of_prefix(prefix) and self.glued_word(view_text[word_start:end], key)
            for form in self.forms[key]:
                if form.needs_article and not (prefix and article_of_prefix(prefix)):
                    continue
                if glued and not form.needs_article:
                    continue
                if prefix.endswith(ARTICLE) and not form.needs_article:
                    entry = self.registry.entries[form.entity_id]
                    if "population" in entry:
                        continue  # a city's name never takes the article: "الألم" is pain, not Ulm (ألم)
                    if not key.startswith(ARTICLE) and (entry["type"] == "PER" or key in self.never_with_article
                                                        or form.kind in ("nisba", "title", "generic")):
                        continue  # "الماكرون" is no name; nisba forms list their article themselves
                if back is None:
                    out.append(Match(start, end, form, key))
                else:
                    out.append(Match(back[start], back[end - 1] + 1, form, key))
        return out

    def glued_word(self, whole: str, key: str) -> bool:
        """Whether the letters before a name are part of another word, not clitics: "بلاتر"
        (Blatter) is not ب + لاتر, "باولو" not ب + اولو, "بنوك" not ب + نوك.  The news decides:
        the whole word (its first word, for a name of several) is more frequent there than the
        name's own first word, or the name's word is not among the 50,000 most frequent at all
        (``rasid.ner.resources.word_ranks``).  A word outside that list is given the benefit."""
        cut = len(whole) - len(key)
        first = key.split(" ", 1)[0]
        whole_rank = self.word_ranks.get(whole[:cut + len(first)])
        if whole_rank is None:
            return False
        key_rank = self.word_ranks.get(first)
        return key_rank is None or whole_rank < key_rank

    def rank(self, match: Match, published: str | None) -> tuple:
        entry = self.registry.entries[match.form.entity_id]
        return (match.end - match.start, KIND_RANK[match.form.kind], TYPE_RANK.get(entry["type"], 0),
                entry.get("population", 0))

    def find(self, view_text: str, published: str | None = None) -> tuple[list[Match], list[Match]]:
        """(resolved non-overlapping matches, generic-title hits for context resolution)."""
        resolved: list[Match] = []
        generic: list[Match] = []
        usable = []
        latest_former: dict[tuple[int, int], Match] = {}
        next_holder: dict[tuple[int, int], Match] = {}
        incoming_spans: set[tuple[int, int]] = set()
        new_titles: dict[tuple[int, int], list[Match]] = {}
        for m in self.candidates(view_text):
            if m.form.new:
                new_titles.setdefault((m.start, m.end), []).append(m)
                continue
            if m.form.incoming:
                incoming_spans.add((m.start, m.end))
                role = self.registry.entries[m.form.entity_id]["roles"][m.form.role]
                if published is not None and _within_a_year(published, role["start"]):
                    best = next_holder.get((m.start, m.end))
                    if best is None or _start_of(self.registry, best) > role["start"]:
                        next_holder[(m.start, m.end)] = m
                continue
            if m.form.former:
                role = self.registry.entries[m.form.entity_id]["roles"][m.form.role]
                if role_ended(role, published):
                    best = latest_former.get((m.start, m.end))
                    if best is None or _end_of(self.registry, best) < role["end"]:
                        latest_former[(m.start, m.end)] = m
                continue
            if m.form.kind in ("title", "generic") and m.form.role >= 0:
                role = self.registry.entries[m.form.entity_id]["roles"][m.form.role]
                if not role_active(role, published):
                    continue
            if m.form.kind == "generic":
                generic.append(m)
            else:
                usable.append(m)
        usable.extend(latest_former.values())  # the most recently ended holder of a former title
        usable.extend(next_holder.values())  # the next holder of an incoming title
        for span, hits in new_titles.items():  # "المستشار الألماني الجديد": who took office last
            newest = newest_holder(self.registry.entries, hits, published)
            if newest is not None:
                usable.append(newest)
            else:
                incoming_spans.add(span)  # no one new: nobody, not the current holder
        # "الرئيس الأمريكي المقبل" with no holder known within a year: nobody, not the current one
        unknown_next = incoming_spans - set(next_holder)

        def inside_unknown_next(m: Match) -> bool:
            return m.form.role >= 0 and any(a <= m.start and m.end <= b and (m.start, m.end) != (a, b)
                                            for a, b in unknown_next)
        usable = [m for m in usable if not inside_unknown_next(m)]
        generic = [m for m in generic if not inside_unknown_next(m)]
        usable.sort(key=lambda m: self.rank(m, published), reverse=True)
        resolved = _non_overlapping(usable)
        # a title or an organisation names a country or organisation inside it ("وزير الدفاع الأمريكي"): keep those
        # too; not a medium's name, a transliteration whose parts name nothing ("إن بي سي" in "سي إن بي سي"),
        # nor a club's, whose city names the club, not the place ("ريال مدريد")
        by_start = sorted(range(len(usable)), key=lambda i: usable[i].start)
        usable_starts = [usable[i].start for i in by_start]
        for title in [m for m in resolved if m.form.kind == "title"
                      or (self.registry.entries[m.form.entity_id]["type"] in CONTAINER_TYPES
                          and self.registry.entries[m.form.entity_id].get("kind") not in ("media", "club"))]:
            lo = bisect.bisect_left(usable_starts, title.start)
            hi = bisect.bisect_left(usable_starts, title.end)
            within = [usable[i] for i in sorted(by_start[lo:hi])]  # in rank order, as usable is
            # not a shorter name the container begins with ("صندوق النقد" in "صندوق النقد العربي",
            # "الاتحاد الأوروبي" in "الاتحاد الأوروبي لكرة القدم"), with or without its article
            inner = [m for m in within if m.end <= title.end and m.start != title.start
                     and not (m.form.needs_article and m.start == title.start + len(ARTICLE))
                     and m.form.entity_id != title.form.entity_id
                     and self.registry.entries[m.form.entity_id]["type"] != "PER"]
            resolved.extend(_non_overlapping(inner))
        resolved.sort(key=lambda m: (m.start, m.end))
        generic.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return resolved, generic


def role_ended(role: dict, published: str | None) -> bool:
    """Whether a role had ended by the publication date (undated documents: any ended role)."""
    end = role.get("end")
    return bool(end) and (published is None or end <= published)


def newest_holder(entries: dict, hits: list[Match], published: str | None) -> Match | None:
    """The hit whose role was taken up last, within a year before the publication date (the
    current holders' latest start for an undated document), else the one starting soonest
    within a year after it: "the new chancellor" is the one who took office, or the elect."""
    def start(hit: Match) -> str:
        return entries[hit.form.entity_id]["roles"][hit.form.role].get("start") or ""

    if published is None:
        current = [h for h in hits if role_active(entries[h.form.entity_id]["roles"][h.form.role], None)]
        return max(current, key=start, default=None)
    recent = [h for h in hits if start(h) and 0 <= _days(start(h), published) <= 366]
    if recent:
        return max(recent, key=start)
    elect = [h for h in hits if start(h) and _within_a_year(published, start(h))]
    return min(elect, key=start, default=None)


def _days(earlier: str, later: str) -> int:
    """Days from one ISO date (or year-month, or year) to another."""
    from datetime import date

    def day(value: str) -> date:
        parts = (value[:10].split("-") + ["01", "01"])[:3]
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    return (day(later) - day(earlier)).days


def _within_a_year(published: str, start: str) -> bool:
    """Whether a role starts after the publication date and within a year of it: an "elect" or
    "incoming" holder is known by then, a later one is not."""
    return 0 < _days(published, start) <= 366


def _start_of(registry: Registry, match: Match) -> str:
    return registry.entries[match.form.entity_id]["roles"][match.form.role].get("start") or ""


def _end_of(registry: Registry, match: Match) -> str:
    return registry.entries[match.form.entity_id]["roles"][match.form.role].get("end") or ""


def head_forms(entry: dict) -> tuple[set[str], set[str]]:
    """Forms an entry gets from the head noun of its names (data/entities/rules/head_nouns.json):
    the definite nouns of the head's class as anaphors ("المجموعة" for a group), and for
    meetings the paraphrases of its generic names with the class's other nouns and "في"
    ("اجتماع البيت الأبيض" → "المحادثات في البيت الأبيض")."""
    classes = head_noun_classes()
    anaphors: set[str] = set()
    paraphrases: set[str] = set()
    generic = {fold(t) for t in entry.get("generic", [])}
    names = {fold(t) for t in [entry["name"], *entry.get("variants", [])]}
    for text in names | generic:
        words = text.split()
        if words and words[0].startswith(ARTICLE) and words[0] not in classes:
            words[0] = words[0][len(ARTICLE):]  # "الاتحاد الأوروبي": the head noun is اتحاد
        cls = classes.get(words[0]) if words else None
        if cls is None or entry["type"] not in cls["types"]:
            continue
        if text in names:  # a short form the entry is only called by in context ("التحالف") gives none
            anaphors.update(ARTICLE + noun for noun in cls["nouns"] + cls["anaphors"])
        joiner = cls.get("paraphrase_with")
        if joiner and text in generic and len(words) >= 2 and words[1] != joiner:
            rest = " ".join(words[1:])
            for noun in cls["nouns"]:
                for head in (noun, ARTICLE + noun):
                    paraphrases.update({f"{head} {rest}", f"{head} {joiner} {rest}"})
    return anaphors, paraphrases


def _without_edge_quotes(text: str) -> tuple[str, list[int] | None]:
    """The text without quotation marks that touch a space or the text's edge, and for each
    kept character its index in ``text`` (None when nothing was removed)."""
    if QUOTE not in text:
        return text, None
    kept: list[int] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch == QUOTE and (i == 0 or i == n - 1 or text[i - 1].isspace() or text[i + 1].isspace()):
            continue
        kept.append(i)
    if len(kept) == n:
        return text, None
    return "".join(text[i] for i in kept), kept


def _non_overlapping(ranked: list[Match]) -> list[Match]:
    """Greedy choice in rank order: a match is kept when it overlaps none kept before.  The kept
    spans never overlap, so sorted by start they are sorted by end too, and only the neighbours of
    a new span's place in that order can overlap it (a document of 5,000 names stays fast)."""
    kept: list[Match] = []
    starts: list[int] = []  # starts of the kept spans, sorted
    ends: list[int] = []  # their ends, in the same order
    for m in ranked:
        i = bisect.bisect_left(starts, m.end)  # kept spans starting before m ends: indices < i
        if i > 0 and ends[i - 1] > m.start:
            continue  # the last of them ends after m starts: they overlap
        kept.append(m)
        j = bisect.bisect_left(starts, m.start)
        starts.insert(j, m.start)
        ends.insert(j, m.end)
    return kept
