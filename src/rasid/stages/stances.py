"""Stances: who supports, opposes or hesitates on which proposition, with the evidence.

A stance needs three things in one sentence: a proposition of a topic profile
(``data/topics/*.json``), a stance cue (``data/stances/cues.json``; a negation before a cue
flips support and oppose) and an actor — the subject of the cue (named before it, or after
it in verb-first order, or after "من" of a passive participle: مدعوم من بولندا), else the
speaker of the quote the sentence belongs to.  A sentence with a cue but no proposition of
its own ("المجر وسلوفاكيا معارضة بحزم") may take the previous sentence's proposition when
it refers back to it.  Evidence is the sentence; the date is the document's published date.

A proposition counts only where the profile's context words (Ukraine, Kyiv …) occur in the
sentence or a few before it; a neutral cue (تنفي) governs a proposition without a stance; a
general cue right before a proposition's own verbal noun governs it ("تحفظات على إرسال"); a
clause-opening conjunction (بينما) or a comma before a و-verb changes whose subject a cue has;
a speaker's "we" is also their organisation's position.  All of these words are data.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasid.arabic.normalise import fold
from rasid.arabic.wordmatch import Match, PhraseMatcher, Word, stems, words
from rasid.doc import Document, Span
from rasid.stages.actors import actor_id, actor_mentions, outermost

STAGE = "stances@1"
_ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC")
_GOVERNED_REACH = 3  # names and loose words at most between a cue and a cue word it governs (its subject)
_JOINERS = frozenset({"و", ",", "،"})
#: endings of a nisba in the plural or dual of people (الغربيين، الأوروبيون، الفرنسيان)
_PEOPLE = ("يين", "يون", "يان")


@dataclass(frozen=True)
class Proposition:
    id: str
    label: str
    topic: str


@dataclass(frozen=True)
class Near:
    proposition: str
    groups: tuple[frozenset[str], ...]
    window: int
    unless: frozenset[str] = frozenset()  # words that, anywhere in the sentence, cancel the rule


@dataclass
class Profile:
    propositions: dict[str, Proposition]
    phrases: PhraseMatcher
    near: list[Near]
    excludes: dict[str, frozenset[str]]
    near_words: frozenset[str] = frozenset()
    prop_cues: PhraseMatcher | None = None  # cues that count for some propositions only (value: (stance, ids))
    context: dict[str, frozenset[str]] = field(default_factory=dict)  # proposition -> words one of which
    # the text must name near it ("القوات الأمريكية" is this topic's proposition only near أوكرانيا)
    context_sentences: dict[str, int] = field(default_factory=dict)  # how far back (None: whole document)
    by_sender: dict[str, dict[str, str]] = field(default_factory=dict)  # proposition -> sender id -> proposition


@dataclass
class StanceCues:
    cues: PhraseMatcher
    negations: frozenset[str]
    negation_window: int
    anaphora: PhraseMatcher
    addressee: frozenset[str]
    default_in_quotes: str | None
    holders: PhraseMatcher
    alternatives: PhraseMatcher
    openers: frozenset[str]
    we: frozenset[str] = frozenset()
    breaks: PhraseMatcher | None = None
    heads: frozenset[str] = frozenset()  # the first word of every cue phrase
    continuatives: frozenset[str] = frozenset()  # "لا تزال": a negation word before them negates nothing
    verb_particles: frozenset[str] = frozenset()  # "سوف", "قد": may stand between a sender and its verb
    transparent: frozenset[str] = frozenset()  # "الحديث عن", "فكرة": between a cue verb and the noun it governs


def crosses_clause(between: str) -> bool:
    """Whether text between a name and a cue leaves the name's clause: a sentence stop, a colon,
    or a quotation opened or closed in it (a quoted title like “السلام من خلال القوة” is balanced)."""
    if any(ch in ".؟!:" for ch in between):
        return True
    depth = 0
    for ch in between:
        if ch in "“«":
            depth += 1
        elif ch in "”»":
            depth -= 1
            if depth < 0:
                return True
    return depth != 0 or between.count('"') % 2 == 1


def profile_paths(extra_dirs: list[Path] | None = None) -> list[Path]:
    """The shipped topic profiles plus any in RASID_TOPICS (a folder of *.json)."""
    import os

    shipped = resources.files("rasid").joinpath("data/topics")
    paths = [Path(str(shipped.joinpath(name.name))) for name in shipped.iterdir() if name.name.endswith(".json")]
    dirs = list(extra_dirs or [])
    if os.environ.get("RASID_TOPICS"):
        dirs.append(Path(os.environ["RASID_TOPICS"]))
    for folder in dirs:
        paths.extend(sorted(folder.glob("*.json")))
    return sorted(paths)


@lru_cache(maxsize=8)
def load_profiles(paths: tuple[Path, ...] | None = None) -> Profile:
    from rasid.errors import ResourceError

    propositions: dict[str, Proposition] = {}
    phrase_entries: list[tuple[str, object]] = []
    near: list[Near] = []
    excludes: dict[str, frozenset[str]] = {}
    prop_cue_entries: list[tuple[str, object]] = []
    context: dict[str, frozenset[str]] = {}
    context_sentences: dict[str, int] = {}
    by_sender: dict[str, dict[str, str]] = {}
    for path in paths or tuple(profile_paths()):
        try:
            raw = json.loads(Path(path).read_text("utf-8"))
            topic = raw["id"]
            for prop in raw["propositions"]:
                pid = prop["id"]
                propositions[pid] = Proposition(pid, prop["label"], topic)
                words_needed = prop.get("context", raw.get("context", []))
                if words_needed:
                    context[pid] = frozenset(fold(w) for w in words_needed)
                    reach = prop.get("context_sentences", raw.get("context_sentences"))
                    if reach is not None:
                        context_sentences[pid] = int(reach)
                phrase_entries += [(p, pid) for p in prop.get("phrases", [])]
                for rule in prop.get("near", []):
                    groups = tuple(frozenset(fold(w) for w in group) for group in rule["groups"])
                    near.append(Near(pid, groups, int(rule.get("window", 6)),
                                     frozenset(fold(w) for w in rule.get("unless", []))))
                excludes[pid] = frozenset(prop.get("excludes", []))
                if prop.get("by_sender"):
                    by_sender[pid] = {str(k): str(v) for k, v in prop["by_sender"].items()}
                prop_cue_entries += [(c, ("support", pid)) for c in prop.get("support_cues", [])]
        except (KeyError, TypeError, ValueError) as err:
            raise ResourceError(f"topic profile is malformed: {err}", path=str(path)) from err
    near_words = frozenset(w for rule in near for group in rule.groups for w in group)
    # a cue several propositions list ("يرسل" for European and for US troops) counts for each of them
    owners: dict[str, set[str]] = {}
    for cue, (_, pid) in prop_cue_entries:
        owners.setdefault(" ".join(fold(cue).split()), set()).add(pid)
    return Profile(propositions, PhraseMatcher(phrase_entries), near, excludes, near_words,
                   PhraseMatcher((cue, ("support", frozenset(pids))) for cue, pids in owners.items()),
                   context, context_sentences, by_sender)


@lru_cache(maxsize=1)
def load_cues() -> StanceCues:
    raw = json.loads(resources.files("rasid").joinpath("data/stances/cues.json").read_text("utf-8"))
    entries = [(c, kind) for kind in ("support", "oppose", "hesitant", "neutral") for c in raw.get(kind, [])]
    cues = PhraseMatcher(entries)
    return StanceCues(cues, frozenset(fold(n) for n in raw["negations"]),
                      int(raw["negation_window"]), PhraseMatcher((a, True) for a in raw["anaphora"]),
                      frozenset(fold(a) for a in raw["addressee_cues"]), raw.get("default_in_quotes"),
                      PhraseMatcher((h, True) for h in raw["position_holders"]),
                      PhraseMatcher((a, True) for a in raw["alternatives"]),
                      frozenset(fold(w) for w in raw["clause_openers"]),
                      frozenset(" ".join(fold(w).split()) for w in raw.get("we_cues", [])),
                      PhraseMatcher((w, True) for w in raw.get("clause_breaks", [])), frozenset(cues.first_words()),
                      frozenset(fold(w) for w in raw.get("not_negated_after", [])),
                      frozenset(fold(w) for w in raw.get("verb_particles", [])),
                      frozenset(fold(w) for w in raw.get("transparent_nouns", [])))


@dataclass(frozen=True, slots=True)
class NearMatch(Match):
    """A proposition found by words of its groups near each other: ``words`` are their indices, so
    a cue between them ("أوكرانيا تأمل في الانضمام إلى الحلف") is not one of its own words."""

    words: frozenset[int] = frozenset()


def _tightest(hits: list[list[int]]) -> tuple[int, int]:
    """The narrowest (first, last) word range holding one hit of every group: each hit of the
    first group with the nearest hit of each other group ("وزير الدفاع … إنفاقها الدفاعي")."""
    best = (0, 1 << 30)
    for anchor in hits[0]:
        chosen = [anchor] + [min(group, key=lambda i: abs(i - anchor)) for group in hits[1:]]
        span = (min(chosen), max(chosen))
        if span[1] - span[0] < best[1] - best[0]:
            best = span
    return best


def find_propositions(ws: list[Word], lo: int, hi: int, profile: Profile) -> list[Match]:
    """Proposition mentions among ws[lo:hi]: phrases first, then word-group co-occurrences."""
    found = profile.phrases.find(ws, lo, hi)
    covered = {m.value for m in found}
    keys = [(i, stems(ws[i].key)) for i in range(lo, hi)]
    keys = [(i, k) for i, k in keys if not profile.near_words.isdisjoint(k)]
    for rule in profile.near:
        if rule.proposition in covered or not keys:
            continue
        if rule.unless and any(not rule.unless.isdisjoint(stems(ws[i].key)) for i in range(lo, hi)):
            continue
        hits: list[list[int]] = [[] for _ in rule.groups]
        for i, word_keys in keys:
            for g, group in enumerate(rule.groups):
                if not group.isdisjoint(word_keys):
                    hits[g].append(i)
        if all(hits):
            first, last = _tightest(hits)
            if last - first <= rule.window:
                words = frozenset(i for group in hits for i in group if first <= i <= last)
                found.append(NearMatch(first, last, rule.proposition, words=words))
                covered.add(rule.proposition)
    # a more specific proposition excludes a general one on the same words (US troops vs troops)
    ids = {m.value for m in found}
    return [m for m in found if not (profile.excludes.get(str(m.value), frozenset()) & ids)]


class StanceFinder:
    def __init__(self, doc: Document, profile: Profile, cues: StanceCues) -> None:
        self.doc = doc
        self.profile = profile
        self.cues = cues
        self.ws = words(doc.text)
        self.starts = [w.start for w in self.ws]
        self.table = doc.objects.get("entities", {})
        self.mentions = actor_mentions(doc, _ACTOR_TYPES, subjects_only=True)
        self.mentions_all = actor_mentions(doc, _ACTOR_TYPES)
        spans = doc.spans("entities")
        self.nisba = [m for m in outermost(spans) if m.attrs.get("_form") == "nisba"]
        self.quotes = sorted(doc.spans("quotes"), key=lambda q: q.start)
        self._context_hits: dict[frozenset[str], list[int]] = {}  # per word set: profiles share one
        self._sentence_starts = sorted(self.word_range(s.start, s.start)[0] for s in doc.spans("sentences"))

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def is_negation(self, i: int) -> bool:
        """Word i negates: a negation word not followed by a continuative ("لا تزال" is 'still')."""
        return self.ws[i].key in self.cues.negations and not (
            i + 1 < len(self.ws) and self.ws[i + 1].key in self.cues.continuatives)

    def negated(self, cue_first: int, lo: int) -> bool:
        return any(self.is_negation(i) for i in range(max(lo, cue_first - self.cues.negation_window), cue_first))

    def actors_near(self, a: int, b: int, exclude: tuple[int, int]) -> list[Span]:
        """Actor mentions between original offsets a and b, outside the proposition span."""
        return [m for m in self.mentions if a <= m.start and m.end <= b
                and not (m.start < exclude[1] and exclude[0] < m.end)]

    def coordinated(self, group: list[Span]) -> list[Span]:
        """The first actor and those joined to it by و or a comma (فرنسا والمملكة المتحدة)."""
        if not group:
            return []
        chain = [group[0]]
        for m in group[1:]:
            between = self.doc.text[chain[-1].end:m.start].strip()
            if between in ("و", "،", ",") or (between == "" and m.attrs["id"] == chain[-1].attrs["id"]):
                chain.append(m)
            else:
                break
        return chain

    def speaker_of_cue(self, cue_start: int) -> str | None:
        """The speaker of a quote whose cue word starts at cue_start."""
        for q in self.quotes:
            cue = q.attrs.get("cue")
            if isinstance(cue, dict) and cue.get("start") == cue_start and q.attrs.get("speaker"):
                return str(q.attrs["speaker"])
        return None

    def speaker_at(self, pos: int, kinds: tuple[str, ...] = ("direct", "indirect")) -> str | None:
        for q in self.quotes:
            if q.start <= pos < q.end and q.attrs.get("speaker") and q.attrs.get("kind") in kinds:
                return q.attrs["speaker"]
        return None

    def direct_quote_at(self, pos: int) -> Span | None:
        """The direct quote with a known speaker that holds ``pos``."""
        return next((q for q in self.quotes if q.start <= pos < q.end and q.attrs.get("speaker")
                     and q.attrs.get("kind") == "direct"), None)

    def _opens_clause_at(self, lo: int, pos: int) -> bool:
        """Whether only clause openers (و، إن، أن …) stand between the last punctuation after ``lo``
        and ``pos``."""
        text = self.doc.text[lo:pos]
        cut = max(text.rfind(ch) for ch in "،,.؛;:\"“”«»")
        a, b = self.word_range(lo + cut + 1, pos)
        openers = self.cues.openers
        # "فإن", "وأن": an opener may carry the conjunction
        return all(k in openers or (k[:1] in ("و", "ف") and k[1:] in openers)
                   for k in (self.ws[i].key for i in range(a, b)))

    def stance_actors(self, cue: Match, sent: tuple[int, int], prop_span: tuple[int, int]) -> list[str]:
        cue_start, cue_end = self.ws[cue.first].start, self.ws[cue.last].end
        # "الموقف الرسمي للحلف هو …": the position's holder is the genitive after the noun
        for holder in self.cues.holders.find(self.ws, *self.word_range(sent[0], cue_start)):
            h_end = self.ws[holder.last].end
            owned = [m for m in self.mentions_all if h_end <= m.start <= h_end + 3 and m.end <= cue_start]
            if owned:
                return [actor_id(owned[0], self.table)]
        # "طالب ترمب الحلفاء وكندا بزيادة الإنفاق": names between an addressing verb and the cue are
        # those addressed; the actor is the verb's own subject
        addressing = self._addressing_verb(cue, sent)
        if addressing is not None:
            verb_start, verb_end = self.ws[addressing].start, self.ws[addressing].end
            said_by = self.speaker_of_cue(verb_start)
            if said_by is not None:  # the quotes stage already found the verb's subject ("… ووعدت أوروبا")
                return [said_by]
            subject = [m for m in self.actors_near(sent[0], verb_start, prop_span)
                       if self._close(m.end, verb_start, 0) and not crosses_clause(self.doc.text[m.end:verb_start])]
            if subject:  # "الرئيس الأمريكي أقنع نظيره الروسي": named before the verb, the subject
                return [actor_id(subject[-1], self.table)]
            people = [m for m in self.actors_near(verb_end, cue_start, prop_span)
                      if m.attrs.get("type") == "PER" and self._close(verb_end, m.start, 1)]
            if people:
                return [actor_id(people[0], self.table)]
            cue_start = verb_start  # look for the subject before the addressing verb
        # subject before the cue, nearest first, within the clause
        before = self.actors_near(sent[0], cue_start, prop_span)
        before = [m for m in before if not self._leaves_clause(m.end, cue_start) and not self._object_of_purpose(m)]
        quote = self.direct_quote_at(cue_start)
        if quote is not None:
            # in a speaker's own words a name is the subject only where it opens its clause: in
            # "إن طريق أوكرانيا إلى العضوية … لا رجعة فيه" Ukraine is the path's, the speaker holds it
            before = [m for m in before if self._opens_clause_at(max(quote.start, sent[0]), m.start)]
        if before and self._coordinated_verb(cue):
            # "تشن روسيا هجوما على جارتها أوكرانيا، وتشترط …": a verb joined by "، و" shares the
            # subject of the clause before the comma, not the last name in it
            return [actor_id(before[0], self.table)]
        if before:
            tail = before[-1]
            chain = [tail]
            for m in reversed(before[:-1]):
                between = self.doc.text[m.end:chain[0].start].strip()
                if between in ("", "و", "،", ","):
                    chain.insert(0, m)
                else:
                    break
            if self._close(tail.end, cue_start, 6):
                return list(dict.fromkeys(actor_id(m, self.table) for m in chain))
        # verb-first order or a passive agent: actors right after the cue (skipping "من")
        after = self.actors_near(cue_end, min(sent[1], prop_span[0] if prop_span[0] > cue_end else sent[1]),
                                 prop_span)
        if not after:
            after = self.actors_near(cue_end, sent[1], prop_span)
        head = self.ws[cue.first].key
        if not self._verb_first(cue, sent):
            after = []  # "هي جزء من طريق أوكرانيا": a name after a non-initial cue is not its subject
        addressee = head in self.cues.addressee or any(k in self.cues.addressee for k in stems(head))
        if addressee and before:
            # "حثت أوروبا": with a subject named before it, what follows the verb is its addressee
            # (a person right after it is still read as the subject); a clause opened by the verb
            # has its subject after it ("بينما تطالب الدول الأوروبية بدعم …")
            after = [m for m in after if m.attrs.get("type") == "PER"]
        if self._purpose_noun(head):
            after = []  # "لدعم أوكرانيا": a purpose clause; what follows is the object
        if prop_span[1] and cue_end <= prop_span[0]:
            after = [m for m in after if m.start < prop_span[0]]  # names after the proposition are its objects
        if after and self._close(cue_end, after[0].start, 4):
            return [actor_id(m, self.table) for m in self.coordinated(after)]
        if before and self._close(before[-1].end, cue_start, 12):
            return [actor_id(before[-1], self.table)]
        in_direct = self.speaker_at(cue_start, kinds=("direct",))
        if in_direct:  # inside a speaker's own words, the speaker holds the position
            return [in_direct, *self._speaks_for(in_direct, cue)]
        # "مجموعة من الحلفاء الغربيين في مفاوضات …": the subject's nationality adjective — in a
        # plural of people (الغربيين، الفرنسيون); "رحلة أوروبية" names no one
        nisba = [m for m in self.nisba if sent[0] <= m.start and m.end <= cue_start
                 and self._close(m.end, cue_start, 5) and fold(self.doc.text[m.start:m.end]).endswith(_PEOPLE)
                 and not any(ch in ".؟!:،,“”«»\"" for ch in self.doc.text[m.end:cue_start])]
        if nisba:
            return list(dict.fromkeys(actor_id(m, self.table) for m in nisba[-1:]))
        speaker = self.speaker_at(cue_start) or self.speaker_at(prop_span[0])
        return [speaker] if speaker else []

    def _in_context(self, pid: str, lo: int, hi: int) -> bool:
        """Whether one of the proposition's context words occurs in the sentence words [lo, hi) or,
        within the profile's ``context_sentences`` sentences before it (default: anywhere before)."""
        needed = self.profile.context.get(pid)
        if not needed:
            return True
        hits = self._context_hits.get(needed)
        if hits is None:
            hits = [i for i, w in enumerate(self.ws) if not needed.isdisjoint(stems(w.key))]
            self._context_hits[needed] = hits
        reach = self.profile.context_sentences.get(pid)
        start = 0
        if reach is not None:
            k = bisect.bisect_right(self._sentence_starts, lo) - 1
            start = self._sentence_starts[max(0, k - reach)] if self._sentence_starts else 0
        j = bisect.bisect_left(hits, start)
        return j < len(hits) and hits[j] < hi

    def _leaves_clause(self, a: int, b: int) -> bool:
        """Whether text between offsets a and b leaves a clause: punctuation (crosses_clause) or a
        conjunction opening a clause with its own subject ("بينما", "في حين")."""
        if crosses_clause(self.doc.text[a:b]):
            return True
        return self.cues.breaks is not None and bool(self.cues.breaks.find(self.ws, *self.word_range(a, b)))

    def _purpose_noun(self, key: str) -> bool:
        """Whether a word is ل/ب + a cue's verbal noun ("لدعم", "بتعزيز"), not a cue itself."""
        heads = self.cues.heads
        return key[:1] in "لب" and key not in heads and key[1:] in heads

    def _object_of_purpose(self, m: Span) -> bool:
        """"لدعم أوكرانيا", "بتعزيز بولندا": a name right after such a word is its object."""
        i = self.word_range(m.start, m.start)[0] - 1
        return i >= 0 and self._purpose_noun(self.ws[i].key)

    def _coordinated_verb(self, cue: Match) -> bool:
        """Whether the cue opens a coordinated clause: a comma, then the cue with و attached
        (the و matched as a clitic: "وعدت" alone begins with its root's own و)."""
        prev = cue.first - 1
        if prev < 0 or not cue.prefix.startswith("و"):
            return False
        gap = self.doc.text[self.ws[prev].end:self.ws[cue.first].start]
        return "،" in gap or "," in gap

    def _speaks_for(self, speaker: str, cue: Match) -> list[str]:
        """The organisation a speaker's "we" stands for: their role's organisation at the date."""
        said = " ".join(self.ws[i].key for i in range(cue.first, cue.last + 1))
        if self.cues.we.isdisjoint(stems(said)):  # the stems include the words as said
            return []
        orgs = [r["org"] for r in self.table.get(speaker, {}).get("roles", []) if r.get("org")]
        return orgs[:1] if orgs and orgs[0] != speaker else []

    def _addressing_verb(self, cue: Match, sent: tuple[int, int]) -> int | None:
        """Index of an addressing verb (حث، طالب، دعا …) up to 8 words before the cue in its clause."""
        lo, _ = self.word_range(sent[0], sent[1])
        for k in range(cue.first - 1, max(lo, cue.first - 9) - 1, -1):
            if any(ch in ".؟!:؛;" for ch in self.doc.text[self.ws[k].end:self.ws[k + 1].start]):
                return None
            if any(stem in self.cues.addressee for stem in stems(self.ws[k].key)) and k != cue.first:
                return k
        return None

    def _verb_first(self, cue: Match, sent: tuple[int, int]) -> bool:
        """Whether the cue opens its clause (so a name after it is its subject) or is a passive
        participle followed by its agent ("مدعوم من بولندا")."""
        nxt = cue.last + 1
        if nxt < len(self.ws) and self.ws[nxt].key in ("من", "قبل"):
            return True
        prev = cue.first - 1
        if prev < 0 or self.ws[prev].end <= sent[0]:
            return True
        if any(ch in "،,:؛;" for ch in self.doc.text[self.ws[prev].end:self.ws[cue.first].start]):
            return True
        first = self.doc.text[self.ws[cue.first].start]
        return self.ws[prev].key in self.cues.openers or first in "وف"

    def _close(self, a: int, b: int, max_words: int) -> bool:
        lo, hi = self.word_range(a, b)
        return hi - lo <= max_words

    def run(self) -> list[Span]:
        out: list[Span] = []
        seen: set[tuple[str, str, str, int]] = set()
        published = self.doc.meta.get("published")
        previous_props: list[Match] = []
        for sent in sorted((s.start, s.end) for s in self.doc.spans("sentences")):
            if self.doc.is_noise(*sent):
                continue
            lo, hi = self.word_range(*sent)
            props = [p for p in find_propositions(self.ws, lo, hi, self.profile)
                     if self._in_context(str(p.value), lo, hi)]
            cues = self.cues.cues.find(self.ws, lo, hi)
            # "رفضت إسبانيا الالتزام بالهدف": a cue word of the other polarity that the cue governs
            # (``_governs``) is that verb's object, no cue of its own
            cues = [c for c in cues if not any(o.value != c.value and self._governs(o, c) for o in cues)]
            if self.profile.prop_cues is not None:
                taken = {i for c in cues for i in range(c.first, c.last + 1)}
                # "تحفظات على إرسال قوات", "رفضت الولايات المتحدة إرسال": a general cue before a
                # proposition's own verbal noun governs it, so that noun is no cue of its own
                cues += [c for c in self.profile.prop_cues.find(self.ws, lo, hi)
                         if not taken & set(range(c.first, c.last + 1)) and not any(self._governs(o, c) for o in cues)]
            if not props and cues and previous_props and self.cues.anaphora.find(self.ws, lo, hi) or (
                    not props and cues and previous_props and hi - lo <= 8):
                first = min(previous_props, key=lambda m: m.first)
                props = [Match(lo, lo, first.value)]
                borrowed = True
            else:
                borrowed = False
            if props and not borrowed:
                previous_props = props
            elif not props:
                previous_props = []
            if not props:
                continue
            paired = self._pair(cues, props, borrowed) if cues else []
            if self.cues.default_in_quotes and not borrowed:
                self._quoted_defaults(props, paired, lo, hi, sent, published, seen, out)
            for prop, cue in paired:
                prop_span = ((self.ws[prop.first].start, self.ws[prop.last].end) if not borrowed else (0, 0))
                stance = str(cue.value[0] if isinstance(cue.value, tuple) else cue.value)
                if stance == "neutral":
                    continue  # "تنفي روسيا إرسال جنود": the proposition is governed, but no position is taken
                if self.negated(cue.first, lo) and stance in ("support", "oppose"):
                    stance = "oppose" if stance == "support" else "support"
                if not borrowed and stance in ("support", "oppose") and self.cues.alternatives.find(
                        self.ws, min(cue.last, prop.last) + 1, max(cue.first, prop.first)):
                    stance = "oppose" if stance == "support" else "support"
                pid = self._by_sender(str(prop.value), cue, lo)
                for actor in self.stance_actors(cue, sent, prop_span):
                    key = (actor, pid, stance, sent[0])
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Span(sent[0], sent[1], "stance", {
                        "actor": actor, "proposition": pid, "stance": stance,
                        "date": published, "cue": {"start": self.ws[cue.first].start, "end": self.ws[cue.last].end},
                    }, STAGE))
        return out

    def _by_sender(self, pid: str, cue: Match, lo: int) -> str:
        """The proposition a sending verb makes of ``pid`` by who sends (the profile's
        ``by_sender``): "الولايات المتحدة لن ترسل قوات" is about US troops, not European ones. The
        sender is the actor named right before the verb (past a negation or a future particle) or
        right after it."""
        senders = self.profile.by_sender.get(pid)
        if not senders:
            return pid
        first = cue.first
        while first > lo and (self.is_negation(first - 1) or self.ws[first - 1].key in self.cues.verb_particles):
            first -= 1
        before = self.ws[first - 1].end if first > lo else None
        after = nxt = self.ws[cue.last].end
        while nxt < len(self.doc.text) and self.doc.text[nxt].isspace():
            nxt += 1  # a name right after the verb starts here, past the spaces
        for m in self.mentions_all:
            if (before is not None and m.end == before) or after <= m.start <= nxt:
                sender = actor_id(m, self.table)
                sender = self.table.get(sender, {}).get("country") if sender.startswith("per:") else sender
                if sender in senders:
                    return senders[sender]
        return pid

    def _quoted_defaults(self, props: list[Match], paired: list[tuple[Match, Match]], lo: int, hi: int,
                         sent: tuple[int, int], published: str | None, seen: set, out: list[Span]) -> None:
        """A proposition a named speaker brings up in their own words (direct or reported), with no cue
        and no negation."""
        with_cue = {id(p) for p, _ in paired}
        for prop in props:
            if id(prop) in with_cue:
                continue
            start = self.ws[prop.first].start
            speaker = self.speaker_at(start, kinds=("direct", "indirect"))
            if not speaker or any(self.is_negation(i) for i in range(lo, hi)):
                continue
            key = (speaker, str(prop.value), str(self.cues.default_in_quotes), sent[0])
            if key in seen:
                continue
            seen.add(key)
            out.append(Span(sent[0], sent[1], "stance", {
                "actor": speaker, "proposition": prop.value, "stance": self.cues.default_in_quotes,
                "date": published, "cue": None}, STAGE))

    def _governs(self, verb: Match, noun: Match) -> bool:
        """Whether cue ``noun`` is the object of cue ``verb``: it follows in the same clause, not joined
        by و, with at most one word between them besides the names of the verb's subject
        ("رفضت الولايات المتحدة إرسال")."""
        if noun.first <= verb.last or noun.prefix.startswith("و"):
            return False  # joined by a clitic و (not the root's own و of وافق), as in _coordinated_verb
        between = self.doc.text[self.ws[verb.last].end:self.ws[noun.first].start]
        if any(ch in between for ch in "،,.؛;:"):
            return False
        words = range(verb.last + 1, noun.first)
        # "رفض … الحديث عن إرسال", "رفضت فكرة إرسال": nouns of talk and plans are transparent
        loose = [i for i in words if not any(m.start <= self.ws[i].start < m.end for m in self.mentions_all)
                 and not self._transparent(self.ws[i].key)]
        if not words:
            return True
        lo, hi = self.ws[verb.last + 1].start, self.ws[noun.first - 1].end
        names = {(m.start, m.end) for m in self.mentions_all if lo <= m.start and m.end <= hi}
        # a subject named by title and name in apposition is two names, however many words
        return len(loose) <= 1 and len(loose) + len(names) <= _GOVERNED_REACH

    def _transparent(self, key: str) -> bool:
        return key in self.cues.transparent or (key.startswith("ال") and key[2:] in self.cues.transparent)

    @staticmethod
    def _pair(cues: list[Match], props: list[Match], borrowed: bool) -> list[tuple[Match, Match]]:
        """Pair each proposition with the nearest free cue (a cue governs one proposition).

        A cue before its object reads more naturally than one after; cues inside a
        proposition's own words do not count (a cue between the words of a proposition found by
        nearness does, at distance 0); pairs more than 12 words apart are dropped.
        """
        scored = []
        for p in props:
            for c in cues:
                if isinstance(c.value, tuple) and p.value not in c.value[1]:
                    continue  # a cue of another proposition
                if not borrowed and p.first <= c.first <= p.last and (
                        not isinstance(p, NearMatch) or any(i in p.words for i in range(c.first, c.last + 1))):
                    continue
                if borrowed:
                    d = 0
                elif c.last < p.first:
                    d = p.first - c.last - 1
                else:
                    d = max(0, c.first - p.last + 1)
                if d <= 12:
                    scored.append((d, p.first, c.first, p, c))
        scored.sort(key=lambda t: (t[0], t[1], t[2]))
        used_p: set[int] = set()
        used_c: set[int] = set()
        out = []
        for _, _, _, p, c in scored:
            if borrowed:  # a sentence that refers back: each of its cues is a stance on that proposition
                if id(c) not in used_c:
                    used_c.add(id(c))
                    out.append((p, c))
                continue
            if id(p) in used_p or id(c) in used_c:
                continue
            used_p.add(id(p))
            used_c.add(id(c))
            out.append((p, c))
        return out


def build():
    profile = load_profiles()
    cues = load_cues()

    def stances_stage(doc: Document) -> None:
        doc.add("stances", StanceFinder(doc, profile, cues).run())

    return stances_stage
