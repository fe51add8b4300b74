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

from rasid.arabic.wordmatch import Match, PhraseMatcher, Word, words
from rasid.doc import Document, Span
from rasid.stages.actors import actor_id, actor_mentions

STAGE = "events@1"
_ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC")
_PLACE_TYPES = ("GPE", "LOC")
_MAX_TARGETS = 3  # one event per actor and each of the first few entities the clause names after the verb


@dataclass(frozen=True)
class EventType:
    action: str
    plover: str | None
    cameo: str


@dataclass
class EventLexicon:
    triggers: PhraseMatcher
    modality: PhraseMatcher
    agents: PhraseMatcher
    participants: PhraseMatcher


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    raw = json.loads(resources.files("rasid").joinpath("data/events/verbs.json").read_text("utf-8"))
    entries = [(form, EventType(action, spec["plover"], spec["cameo"]))
               for action, spec in raw["types"].items() for form in spec["forms"]]
    modality = [(p, kind) for kind, phrases in raw["modality"].items() for p in phrases]
    return EventLexicon(PhraseMatcher(entries), PhraseMatcher(modality),
                        PhraseMatcher((p, True) for p in raw["passive_agent"]),
                        PhraseMatcher((p, True) for p in raw.get("participants", [])))


class EventFinder:
    def __init__(self, doc: Document, lexicon: EventLexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lexicon
        self.ws: list[Word] = words(doc.text)
        self.starts = [w.start for w in self.ws]
        table = doc.objects.get("entities", {})
        self.table = table
        self.mentions = actor_mentions(doc, _ACTOR_TYPES + ("EVENT", "LAW", "MISC"))
        self.nisba = sorted((m for m in doc.spans("entities") if m.attrs.get("_form") == "nisba"),
                            key=lambda m: m.start)
        self.types = {m.attrs.get("id"): (m.attrs.get("type") or table.get(m.attrs.get("id"), {}).get("type"))
                      for m in self.mentions}
        self.dates = sorted(doc.spans("dates"), key=lambda d: d.start)

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
        for m in mentions[1:]:
            between = self.text[out[-1].end:m.start].strip()
            if between in ("و", "،", ",") or (between == "" and m.attrs["id"] == out[-1].attrs["id"]):
                out.append(m)
            else:
                break
        return out

    def actors_for(self, trig: Match, sent: tuple[int, int]) -> tuple[list[Span], int]:
        """Actors of the trigger and the offset after which a target may stand."""
        t0, t1 = self.ws[trig.first].start, self.ws[trig.last].end
        for agent in self.lex.agents.find(self.ws, *self.wr(t1, sent[1])):
            a_end = self.ws[agent.last].end
            if self.n_words(t1, self.ws[agent.first].start) <= 2:
                after = self.in_range(a_end, sent[1], _ACTOR_TYPES)
                if after and self.n_words(a_end, after[0].start) <= 1:
                    group = self.chain(after)
                    return group, group[-1].end
        for marker in self.lex.participants.find(self.ws, *self.wr(t1, sent[1])):
            m_end = self.ws[marker.last].end
            if self.n_words(t1, self.ws[marker.first].start) <= 8:
                after = self.in_range(m_end, sent[1], _ACTOR_TYPES)
                if after and self.n_words(m_end, after[0].start) <= 1:
                    group = self.chain(after)
                    return group, group[-1].end
        before = [m for m in self.in_range(sent[0], t0, _ACTOR_TYPES)
                  if not any(ch in ".،,؛" for ch in self.text[m.end:t0])]
        if before and self.n_words(before[-1].end, t0) <= 3:
            group = [before[-1]]
            for m in reversed(before[:-1]):
                between = self.text[m.end:group[0].start].strip()
                if between in ("", "و", "،", ","):
                    group.insert(0, m)
                else:
                    break
            return group, t1
        head = self.ws[trig.first].key
        if head[:1] == "ل" and head[1:] and self.lex.triggers.find([Word(0, 0, head[1:])]):
            return [], t1  # "لحضور اجتماعات": a purpose clause; its doer is the main clause's
        after = self.in_range(t1, sent[1], _ACTOR_TYPES)
        if after and self.n_words(t1, after[0].start) <= 3:
            group = self.chain(after)
            return group, group[-1].end
        # "سافر وفد من المسؤولين العسكريين الفرنسيين والبريطانيين": the subject's nationality
        nisba = [m for m in self.nisba if t1 <= m.start and self.n_words(t1, m.start) <= 5 and m.end <= sent[1]]
        if nisba:
            group = self.chain(nisba)
            return group, group[-1].end
        return [], t1

    def clause_end(self, pos: int, sent_end: int) -> int:
        """Where the clause that starts at pos ends: a semicolon, or the next trigger after a comma."""
        for i in range(*self.wr(pos, sent_end)):
            gap = self.text[self.ws[i - 1].end:self.ws[i].start] if i else ""
            if "؛" in gap or ";" in gap:
                return self.ws[i - 1].end
            if ("،" in gap or "," in gap) and self.lex.triggers.find(self.ws, i, i + 1):
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
            for trig in self.lex.triggers.find(self.ws, lo, hi):
                etype: EventType = trig.value  # type: ignore[assignment]
                actors, after = self.actors_for(trig, sent)
                if not actors:
                    continue
                if self.doc.is_noise(self.ws[trig.first].start, self.ws[trig.last].end):
                    continue
                actor_ids = {a.attrs["id"] for a in actors} | {actor_id(a, self.table) for a in actors}
                clause_end = self.clause_end(after, sent[1])
                target_ids: list[str | None] = []
                for m in self.mentions:
                    tid = actor_id(m, self.table)
                    if after <= m.start and m.end <= clause_end and tid not in actor_ids and tid not in target_ids:
                        target_ids.append(tid)
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
                for actor, target in ((a, t) for a in actors for t in target_ids):
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


def build():
    lexicon = load_lexicon()

    def events_stage(doc: Document) -> None:
        finder = EventFinder(doc, lexicon)
        doc.add("events", finder.run() + statement_events(doc, finder))

    return events_stage
