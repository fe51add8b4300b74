"""Events: who did what to whom, where and when, coded to PLOVER types and CAMEO roots.

Per sentence, a trigger verb from ``data/events/verbs.json`` is tied to an actor (named
just before it, or just after it in verb-first order, or after a passive's "من"), with
coordinated actors ("فرنسا والمملكة المتحدة") each getting the event; each of the first
entities the clause names after the verb is a target, GDELT-style one event per actor–target
pair (a short phrase stands in when no entity is named), the place an entity
after "في", the date a resolved date in the sentence.  Negation ("لن تكون") and future or
conditional modality ("من المقرر أن", "قد") are attributes, not dropped.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasid.arabic.normalise import fold
from rasid.arabic.wordmatch import ARTICLE_PROCLITICS, Match, PhraseMatcher, Word, stems, words
from rasid.doc import Document, Span
from rasid.stages.actors import (
    actor_id,
    actor_mentions,
    governed_by_preposition,
    locative,
    membership_start,
    outermost,
    preceded_by,
)

STAGE = "events@1"
_ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC")
_FI = frozenset({fold("في")})
_MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # acts coordinated parties do with each other
#: acts whose city after "في" is what they strike or occupy ("الهجوم الروسي في كييف"), not only where
_PLACE_IS_TARGET = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "PROTEST"})
_PLACE_TYPES = ("GPE", "LOC")
_OBJECT_REACH = 6  # words after a trigger (or its subject) in which an only_object noun may stand
_ANTECEDENT_REACH = 12  # words before a trigger with an object pronoun in which its antecedent may stand
_MAX_TARGETS = 3  # one event per actor and each of the first few entities the clause names after the verb


@dataclass(frozen=True)
class EventType:
    action: str
    plover: str | None
    cameo: str
    unless_object: frozenset[str] = frozenset()  # "نشر بيانا": the trigger is another verb with this object
    only_object: frozenset[str] = frozenset()  # "نشر قوات": the trigger is this event only with such an object


@dataclass
class EventLexicon:
    triggers: PhraseMatcher
    modality: PhraseMatcher
    agents: PhraseMatcher
    participants: PhraseMatcher
    suffixes: tuple[str, ...] = ()  # enclitic object pronouns and the accusative alif, longest first
    relatives: frozenset[str] = frozenset()
    counterparts: frozenset[str] = frozenset()
    venue_types: tuple[str, ...] = ()
    nouns: frozenset[str] = frozenset()
    openers: PhraseMatcher | None = None
    accusative: tuple[str, ...] = ()
    heads: frozenset[str] = frozenset()  # the first word of every trigger phrase


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    raw = json.loads(resources.files("rasid").joinpath("data/events/verbs.json").read_text("utf-8"))
    entries = [(form, EventType(spec.get("action", action), spec["plover"], spec["cameo"],
                                frozenset(fold(w) for w in spec.get("unless_object", [])),
                                frozenset(fold(w) for w in spec.get("only_object", []))))
               for action, spec in raw["types"].items() for form in spec["forms"]]
    modality = [(p, kind) for kind, phrases in raw["modality"].items() for p in phrases]
    suffixes = sorted({fold(x) for x in raw.get("object_pronouns", []) + raw.get("accusative", [])}, key=len, reverse=True)
    nouns = frozenset(fold(x) for x in raw.get("verbal_nouns", []))
    triggers = PhraseMatcher(entries)
    return EventLexicon(triggers, PhraseMatcher(modality),
                        PhraseMatcher((p, True) for p in raw["passive_agent"]),
                        PhraseMatcher((p, True) for p in raw.get("participants", [])),
                        tuple(suffixes), frozenset(fold(x) for x in raw.get("relative_pronouns", [])),
                        frozenset(fold(x) for x in raw.get("counterpart", [])),
                        tuple(raw.get("venue_host_types", [])),
                        nouns,
                        PhraseMatcher((p, True) for p in raw.get("clause_openers", [])),
                        tuple(fold(x) for x in raw.get("accusative", [])), frozenset(triggers.first_words()))


def trigger_words(ws: list[Word], lex: EventLexicon, text: str) -> tuple[list[Word], set[int]]:
    """Words keyed for trigger matching: a word that is no trigger but becomes one without an
    enclitic pronoun or accusative alif (يحضره، تحتلها، انضماما) is keyed on what remains.
    An object pronoun is stripped only from a verb: an imperfect (ي ت ن), a perfect in ت, or a
    verb after a relative pronoun; "دعمها" (its support) and "قادة" (leaders) stay as they are.
    Returns the words and the indexes whose key lost a suffix."""
    heads = lex.heads
    out, stripped = [], set()
    for i, w in enumerate(ws):
        key = w.key
        if not any(st in heads for st in stems(key)):
            after_relative = i > 0 and ws[i - 1].key in lex.relatives
            for suffix in lex.suffixes:
                base = key[:-len(suffix)]
                if not key.endswith(suffix) or len(base) < 3 or text[w.end - 1] == "ة":
                    continue
                bases = [st for st in stems(base) if st in heads]
                verb = suffix in lex.accusative or after_relative or any(
                    st[:1] in "يتن" or st.endswith("ت") for st in bases)
                if bases and verb:
                    key = base
                    stripped.add(i)
                    break
        out.append(w if key == w.key else Word(w.start, w.end, key))
    return out, stripped


#: a trigger right after one of these is a verbal noun (masdar), not a finite verb
_PREPOSITIONS_BEFORE_NOUN = frozenset(fold(w) for w in "في على إلى الى عن من حول بشأن ضد عبر".split())


class EventFinder:
    def __init__(self, doc: Document, lexicon: EventLexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lexicon
        self.ws: list[Word] = words(doc.text)
        self.tws, self.suffixed = trigger_words(self.ws, lexicon, doc.text)
        self.starts = [w.start for w in self.ws]
        table = doc.objects.get("entities", {})
        self.table = table
        self.mentions = actor_mentions(doc, _ACTOR_TYPES + ("EVENT", "LAW", "MISC"))
        # a nisba inside a longer name ("الاتحاد الأوروبي") is no one's nationality
        self.nisba = [m for m in outermost(doc.spans("entities")) if m.attrs.get("_form") == "nisba"]
        self.types = {m.attrs.get("id"): (m.attrs.get("type") or table.get(m.attrs.get("id"), {}).get("type"))
                      for m in self.mentions}
        self.dates = sorted(doc.spans("dates"), key=lambda d: d.start)
        self.quotes = sorted(doc.spans("quotes"), key=lambda q: q.start)
        #: where the quotes stage found a reporting verb: "، وقال …" opens a clause of its own
        self.cue_starts = {q.attrs["cue"]["start"] for q in self.quotes if isinstance(q.attrs.get("cue"), dict)}

    def wr(self, start: int, end: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def in_range(self, a: int, b: int, types: tuple[str, ...]) -> list[Span]:
        return [m for m in self.mentions if a <= m.start and m.end <= b and self.types.get(m.attrs["id"]) in types]

    def n_words(self, a: int, b: int) -> int:
        lo, hi = self.wr(a, b)
        return hi - lo

    def chain(self, mentions: list[Span]) -> list[Span]:
        """The first mention and those coordinated with it by و or a comma."""
        if not mentions:
            return []
        out = [mentions[0]]
        apposition = False
        for m in mentions[1:]:
            between = self.text[out[-1].end:m.start].strip()
            if between in ("،", ",") and m.attrs["id"] == out[-1].attrs["id"]:
                out[-1], apposition = m, True  # "وزيرة الدفاع الفرنسية، فلورنس بارلي،": one actor
            elif between in ("،", ",") and apposition:
                break  # the comma closing the apposition: what follows is the object ("، روسيا")
            elif between in ("و", "،", ",", "، و", ", و") or (between == "" and m.attrs["id"] == out[-1].attrs["id"]):
                out.append(m)
            elif between == "" and out[-1].attrs.get("_form") in ("title", "generic"):
                out[-1] = m  # "وزير الدفاع بيت هيغسيث": a title and the name in apposition are one actor
            elif self.counterpart(between):
                out.append(m)
            else:
                break
        return [m for i, m in enumerate(out) if all(o.attrs["id"] != m.attrs["id"] for o in out[:i])]

    def counterpart(self, between: str) -> bool:
        """"ونظيره البريطاني، رئيس الوزراء": و + a counterpart noun, a few words, coordinates the next actor."""
        ws = words(between)
        return (0 < len(ws) <= 6 and ws[0].key[:1] == "و" and ws[0].key[1:] in self.lex.counterparts
                and not any(ch in between for ch in ".؛:"))

    def subject(self, m: Span) -> bool:
        """A mention that can be the doer: not the object of a preposition (في بروكسل، مع روسيا),
        unless a membership phrase makes it stand for its members (الدول الأعضاء في الحلف)."""
        if governed_by_preposition(self.text, m):
            return membership_start(self.text, m) is not None
        # "مع الرئيس فلاديمير بوتين": a name in apposition to a governed title is governed too
        title = next((t for t in self.mentions if t.end <= m.start and not self.text[t.end:m.start].strip()
                      and t.attrs.get("_form") in ("title", "generic")), None)
        return title is None or self.subject(title)

    def actors_after_marker(self, markers: PhraseMatcher, t1: int, sent_end: int, reach: int) -> list[Span]:
        """The coordinated actors right after a marker phrase found within ``reach`` words of the verb."""
        for marker in markers.find(self.ws, *self.wr(t1, sent_end)):
            m_end = self.ws[marker.last].end
            if self.n_words(t1, self.ws[marker.first].start) <= reach:
                after = self.in_range(m_end, sent_end, _ACTOR_TYPES)
                if after and self.n_words(m_end, after[0].start) <= 1:
                    return self.chain(after)
        return []

    def actors_for(self, trig: Match, sent: tuple[int, int]) -> tuple[list[Span], int]:
        """Actors of the trigger and the offset after which a target may stand."""
        t0, t1 = self.ws[trig.first].start, self.ws[trig.last].end
        # "الغزو الروسي", "الهجوم الأوكراني": a verbal noun with a nisba names its doer
        nisba = [m for m in self.nisba if t1 <= m.start < sent[1]]
        if nisba and self.n_words(t1, nisba[0].start) == 0 and not self.text[t1:nisba[0].start].strip():
            group = self.chain(nisba)
            return group, group[-1].end
        # a passive's agent ("من قبل X", close to the verb) or a meeting's parties ("بين X وY")
        for markers, reach in ((self.lex.agents, 2), (self.lex.participants, 8)):
            group = self.actors_after_marker(markers, t1, sent[1], reach)
            if group:
                return group, group[-1].end
        before = [m for m in self.in_range(sent[0], t0, _ACTOR_TYPES)
                  if not any(ch in ".،,؛" for ch in self.text[m.end:t0]) and self.subject(m)]
        if self.relative(trig):
            before = []  # "الأراضي التي تحتلها روسيا": the antecedent is the object, the doer follows
        if before and self.n_words(before[-1].end, t0) <= 3:
            group = [before[-1]]
            for m in reversed(before[:-1]):
                between = self.text[m.end:group[0].start].strip()
                if between in ("", "و", "،", ","):
                    group.insert(0, m)
                else:
                    break
            return group, t1
        head = self.tws[trig.first].key
        if head[:1] == "ل" and head[1:] and self.lex.triggers.find([Word(0, 0, head[1:])]):
            # "لحضور اجتماعات": a purpose clause; its doer is the main clause's — inside reported
            # speech with no name before it ("قال زيلينسكي إنه مستعد لتقديم …") that is the speaker
            speaker = self.speaker_of(t0, sent)
            return ([speaker] if speaker is not None else []), t1
        after = [m for m in self.in_range(t1, sent[1], _ACTOR_TYPES) if self.subject(m)]
        first_nisba = next((m for m in self.nisba if t1 <= m.start < sent[1]), None)
        if first_nisba is not None and not self.noun(trig) and not self.relative(trig) \
                and (not after or first_nisba.start < after[0].start) \
                and self.n_words(t1, first_nisba.start) <= 3 and not self.crosses(t1, first_nisba.start):
            # a nationality before any name: "وصرح نائب وزير العدل الأمريكي رود روزينشتاين" ends the
            # title of the person named right after it, who is the subject; "وزار الوفد الأمريكي بكين"
            # is the subject's own (the place after it is the object)
            person = next((m for m in after if m.start >= first_nisba.end), None)
            if person is not None and person.attrs.get("type") == "PER" \
                    and self.n_words(first_nisba.end, person.start) <= 2 \
                    and not any(ch in ".؛:" for ch in self.text[first_nisba.end:person.start]):
                # "الرئيس العراقي الراحل صدام حسين", "رجل الدين الشيعي العراقي، مقتدى الصدر"
                group = [person]  # a comma after the name closes the apposition: what follows is the object
            else:
                group = self.chain([m for m in self.nisba if m.start >= first_nisba.start])
            return group, group[-1].end
        if self.noun(trig):  # "انضمام أوكرانيا": a verbal noun's doer is the genitive right after it
            after = [m for m in after[:1] if self.n_words(t1, m.start) == 0]
        elif trig.first > 0 and self.ws[trig.first - 1].key in _PREPOSITIONS_BEFORE_NOUN:
            after = []  # "في دعم أوكرانيا": after a preposition the word is a verbal noun; what follows is its object
        if after and not self.crosses(t1, after[0].start) and (
                self.n_words(t1, after[0].start) <= 3 or self.n_words(t1, membership_start(self.text, after[0]) or t1) in (1, 2, 3)):
            group = self.chain(after)
            return group, group[-1].end
        # "سافر وفد من المسؤولين العسكريين الفرنسيين والبريطانيين": the subject's nationality
        nisba = [m for m in self.nisba if t1 <= m.start and m.end <= sent[1]]
        if nisba and self.n_words(t1, nisba[0].start) <= 5 and not self.crosses(t1, nisba[0].start) \
                and not self.noun(trig):
            group = self.chain(nisba)
            return group, group[-1].end
        return [], t1

    def speaker_of(self, pos: int, sent: tuple[int, int]) -> Span | None:
        """The speaker mention of the quote holding pos, when no actor is named in the quote before pos."""
        for q in self.quotes:
            if q.start <= pos < q.end and q.attrs.get("speaker"):
                if self.in_range(q.start, pos, _ACTOR_TYPES):
                    return None
                sid = q.attrs["speaker"]
                named = [m for m in self.mentions if m.attrs["id"] == sid and m.end <= q.start]
                return named[-1] if named else None
        return None

    def with_article(self, trig: Match) -> bool:
        """Whether the trigger's first word matched only once an article was taken off ("التقدم"
        read as "تقدم"); a verb that itself begins with ال (التقى، التزم) is matched as it is."""
        key = self.tws[trig.first].key
        for conj in ("و", "ف", ""):
            rest = key[len(conj):] if key.startswith(conj) else None
            if rest and rest in self.lex.heads:
                return False
        return key.startswith(ARTICLE_PROCLITICS)

    def noun(self, trig: Match) -> bool:
        """True when the trigger is a verbal noun (اجتماع، الهجوم) rather than a verb."""
        return trig.first == trig.last and any(
            st in self.lex.nouns or (st.startswith("ال") and st[2:] in self.lex.nouns)
            for st in stems(self.tws[trig.first].key))

    def crosses(self, a: int, b: int) -> bool:
        """True when a clause boundary (punctuation) lies between a and b."""
        return any(ch in ".،,؛:" for ch in self.text[a:b])

    def relative(self, trig: Match) -> bool:
        """A verb with a resumptive pronoun right after a relative pronoun: "التي تحتلها"."""
        return trig.first in self.suffixed and trig.first > 0 and self.ws[trig.first - 1].key in self.lex.relatives

    def antecedent(self, trig: Match, sent: tuple[int, int]) -> Span | None:
        """The entity a relative clause's pronoun points back to: "منطقة كورسك التي تحتلها"."""
        rel = self.ws[trig.first - 1]
        before = [m for m in self.mentions if sent[0] <= m.start and m.end <= rel.start]
        if before and self.n_words(before[-1].end, rel.start) == 0:
            return before[-1]
        return None

    def registry_act(self, trig: Match) -> tuple[Span, str] | None:
        """(doer, target id) when the trigger lies in a mention of an event whose registry entry names
        its agent and target (data/entities/curated.jsonl); the doer is a span over the mention."""
        t0, t1 = self.ws[trig.first].start, self.ws[trig.last].end
        for m in self.doc.spans("entities"):
            entry = self.table.get(m.attrs["id"], {})
            if m.start <= t0 and t1 <= m.end and entry.get("agent") and entry.get("target"):
                return Span(m.start, m.end, "entity", {"id": entry["agent"]}, STAGE), entry["target"]
        return None

    def city_after_fi(self, m: Span) -> bool:
        """A city or unknown place right after "في": the event's place, never its target."""
        return m.attrs["id"].startswith(("loc:", "x:loc:")) and preceded_by(self.text, m, _FI)

    def target_id(self, m: Span) -> str:
        """A target's id: a capital after "إلى/في" is the place itself, else the party it stands for."""
        return m.attrs["id"] if locative(self.text, m) else actor_id(m, self.table)

    def venue_host(self, trig: Match, sent: tuple[int, int], actor_ids: set[str]) -> str | None:
        """"محادثات في البيت الأبيض": an institution a meeting is held in is its host."""
        for i in range(self.wr(self.ws[trig.first].start, sent[1])[0], self.wr(*sent)[1] - 1):
            if self.ws[i].key == "في":
                nxt = self.ws[i + 1].start
                for m in self.mentions:
                    if m.start == nxt and self.types.get(m.attrs["id"]) in self.lex.venue_types:
                        tid = actor_id(m, self.table)
                        return None if tid in actor_ids else tid
        return None

    def meeting_of(self, trig: Match) -> str | None:
        """The EVENT mention a meeting trigger stands in ("محادثات في البيت الأبيض")."""
        t0, t1 = self.ws[trig.first].start, self.ws[trig.last].end
        for m in self.mentions:
            if m.start < t1 and t0 < m.end and self.types.get(m.attrs["id"]) == "EVENT":
                return str(m.attrs["id"])
        return None

    def _past_subject(self, trig: Match) -> int:
        """The word after the trigger, or after the name right after it (its subject: "نشرت روسيا")."""
        after = trig.last + 1
        if after < len(self.ws):
            subject = next((m for m in self.mentions if m.start == self.ws[after].start), None)
            if subject is not None:
                after = bisect.bisect_left(self.starts, subject.end)
        return after

    def other_verb(self, trig: Match, objects: frozenset[str]) -> bool:
        """Whether the word after the trigger (after its subject's name: "نشرت روسيا بيانا"), or the
        antecedent right before it ("في بيان نشره"), is one of ``objects``."""
        near = [i for i in (trig.last + 1, self._past_subject(trig), trig.first - 1) if 0 <= i < len(self.ws)]
        for i in near:
            key = self.ws[i].key
            if key in objects or (key.startswith("ال") and key[2:] in objects):
                return True
        return False

    def has_object(self, trig: Match, objects: frozenset[str], sent_start: int) -> bool:
        """Whether one of ``objects`` is the trigger's object: among the few words after it (after
        its subject's name too: "نشرت روسيا 3000 جندي", "نشر المزيد من القوات"), or, for a verb
        with an object pronoun or after a relative pronoun, among the words before it in its
        sentence ("القوة … يتم نشرها", "القوات التي نشرتها")."""
        def is_object(i: int) -> bool:  # with its proclitics and article: "والقوات", "بالصواريخ"
            return any(st in objects for st in stems(self.ws[i].key))
        after = self._past_subject(trig)
        if any(is_object(i) for i in range(trig.last + 1, min(after + _OBJECT_REACH, len(self.ws)))):
            return True
        if trig.first in self.suffixed or (trig.first > 0 and self.ws[trig.first - 1].key in self.lex.relatives):
            lo = max(bisect.bisect_left(self.starts, sent_start), trig.first - _ANTECEDENT_REACH)
            return any(is_object(i) for i in range(lo, trig.first))
        return False

    def clause_end(self, pos: int, sent_end: int) -> int:
        """Where the clause that starts at pos ends: a semicolon, or after a comma the next trigger,
        clause opener or reporting verb."""
        for i in range(*self.wr(pos, sent_end)):
            gap = self.text[self.ws[i - 1].end:self.ws[i].start] if i else ""
            if "؛" in gap or ";" in gap:
                return self.ws[i - 1].end
            if ("،" in gap or "," in gap) and (self.lex.triggers.find(self.tws, i, i + 1) or (
                    self.lex.openers and self.lex.openers.find(self.ws, i, min(i + 2, len(self.ws))))
                    or self.ws[i].start in self.cue_starts):
                return self.ws[i - 1].end
        return sent_end

    def modality(self, trig: Match, lo: int) -> tuple[bool, str | None]:
        negated, mode = False, None
        for m in self.lex.modality.find(self.ws, max(lo, trig.first - 4), trig.first):
            if m.value == "negation":
                negated = True
            else:
                mode = str(m.value)
        head = self.ws[trig.first].key
        if mode is None and head[:1] == "س" and len(head) > 4 and head[1:2] in "يتن":
            mode = "future"
        return negated, mode

    def run(self) -> list[Span]:
        out: list[Span] = []
        published = self.doc.meta.get("published")
        for sent in sorted((s.start, s.end) for s in self.doc.spans("sentences")):
            if self.doc.is_noise(*sent):
                continue
            lo, hi = self.wr(*sent)
            seen: set[tuple] = set()
            for trig in self.lex.triggers.find(self.tws, lo, hi):
                etype: EventType = trig.value  # type: ignore[assignment]
                if self.with_article(trig) and not self.noun(trig):
                    continue  # "التقدم" is progress, not the verb "تقدم": a verb takes no article
                if etype.unless_object and self.other_verb(trig, etype.unless_object):
                    continue  # "في بيان نشره": published, not deployed
                if etype.only_object and not self.has_object(trig, etype.only_object, sent[0]):
                    continue  # "نشرت الصحيفة مقابلة": deploying needs troops or weapons to deploy
                actors, after = self.actors_for(trig, sent)
                known = self.registry_act(trig) if not actors else None
                if known is not None:  # "منذ بداية الغزو": the registry knows who invaded whom
                    actors, after = [known[0]], self.ws[trig.last].end
                if not actors:
                    continue
                if self.doc.is_noise(self.ws[trig.first].start, self.ws[trig.last].end):
                    continue
                actor_ids = {a.attrs["id"] for a in actors} | {actor_id(a, self.table) for a in actors}
                clause_end = self.clause_end(after, sent[1])
                target_ids: list[str | None] = []
                if self.relative(trig):
                    ante = self.antecedent(trig, sent)
                    if ante is not None and actor_id(ante, self.table) not in actor_ids:
                        target_ids.append(self.target_id(ante))
                for m in self.mentions:
                    tid = self.target_id(m)
                    if etype.plover not in _PLACE_IS_TARGET and self.city_after_fi(m):
                        continue  # "التقى ماكرون بزيلينسكي في باريس": the city is where, not whom
                    if after <= m.start and m.end <= clause_end and tid not in actor_ids and tid not in target_ids:
                        target_ids.append(tid)
                if known is not None:
                    target_ids = [known[1]]
                if etype.plover == "CONSULT":
                    # "جرت محادثات في البيت الأبيض بين …": the named meeting the trigger is part of
                    met = self.meeting_of(trig)
                    if met is not None and met not in actor_ids:
                        target_ids = [met] + [t for t in target_ids if t != met]
                if not target_ids and etype.plover == "CONSULT":
                    host = self.venue_host(trig, sent, actor_ids)
                    target_ids = [host] if host else []
                target_ids = target_ids[:_MAX_TARGETS] or [None]
                target_text = None
                if target_ids == [None]:
                    first = max(trig.last + 1, self.wr(after, after)[0])
                    phrase = self.ws[first:min(first + 3, hi)]
                    target_text = self.text[phrase[0].start:phrase[-1].end] if phrase else None
                place = None
                for i in range(lo, hi):
                    if self.ws[i].key == "في" and i + 1 < hi:
                        cands = [m for m in self.in_range(self.ws[i + 1].start, sent[1], _PLACE_TYPES)
                                 if m.start == self.ws[i + 1].start and m.attrs["id"] not in actor_ids]
                        if cands:
                            place = cands[0].attrs["id"]
                            break
                date = next((d.attrs.get("value") for d in self.dates
                             if sent[0] <= d.start < sent[1] and d.attrs.get("value")), None)
                negated, mode = self.modality(trig, lo)
                pairs = [(a, t) for a in actors for t in target_ids]
                ids = list(dict.fromkeys(actor_id(a, self.table) for a in actors))
                if target_ids == [None] and len(ids) > 1 and etype.plover in _MUTUAL:
                    # "ووقعت ألمانيا وأوكرانيا اتفاقية": coordinated parties of a mutual act face each other
                    pairs = [(a, t) for a in actors for t in ids if t != actor_id(a, self.table)]
                    target_text = None
                for actor, target in pairs:
                    key = (actor_id(actor, self.table), etype.action, target)
                    if key in seen:
                        continue  # "شنت روسيا هجوما": the light verb and its verbal noun are one event
                    seen.add(key)
                    attrs = {"actor": actor_id(actor, self.table), "action": etype.action, "code": etype.cameo,
                             "plover": etype.plover, "target": target, "place": place, "date": date,
                             "trigger": {"start": self.ws[trig.first].start, "end": self.ws[trig.last].end}}
                    if target_text:
                        attrs["target_text"] = target_text
                    if negated:
                        attrs["negated"] = True
                    if mode:
                        attrs["modality"] = mode
                    if date is None and published:
                        attrs["_published"] = published
                    out.append(Span(sent[0], sent[1], "event", attrs, STAGE))
        return out


def statement_events(doc: Document, finder: EventFinder) -> list[Span]:
    """A quote with a known speaker is a public statement (CAMEO 01) about what it names."""
    out = []
    for q in doc.spans("quotes"):
        speaker = q.attrs.get("speaker")
        if not speaker:
            continue
        cue = q.attrs.get("cue")
        start = min(q.start, cue["start"]) if cue else q.start
        end = max(q.end, cue["end"]) if cue else q.end
        targets: list[str] = []
        for m in finder.mentions:
            tid = actor_id(m, finder.table)
            if q.start <= m.start and m.end <= q.end and tid != speaker and tid not in targets:
                targets.append(tid)
        date = next((d.attrs.get("value") for d in finder.dates
                     if start <= d.start < end and d.attrs.get("value")), None)
        for target in targets[:_MAX_TARGETS] or [None]:
            out.append(Span(start, end, "event", {
                "actor": speaker, "action": "statement", "code": "01", "plover": None, "target": target,
                "place": None, "date": date, "trigger": cue, "quote": {"start": q.start, "end": q.end}}, STAGE))
    return out


def _event_key(e: Span) -> tuple:
    trigger = e.attrs.get("trigger") or {}
    return e.attrs.get("actor"), e.attrs.get("action"), e.attrs.get("target"), trigger.get("start")


def build():
    lexicon = load_lexicon()

    def events_stage(doc: Document) -> None:
        finder = EventFinder(doc, lexicon)
        statements = statement_events(doc, finder)
        # a reporting verb's own event and its quote's statement are one event
        said = {_event_key(e) for e in statements}
        doc.add("events", [e for e in finder.run() if _event_key(e) not in said] + statements)

    return events_stage
