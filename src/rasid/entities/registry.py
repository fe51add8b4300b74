"""The entity registry: every ``*.jsonl`` in ``rasid/data/entities/`` plus a user overlay.

One JSON object per line (see PROVENANCE.md there for the fields).  Every line is
validated; a malformed one raises :class:`rasid.errors.ResourceError` naming the file, the
line and the reason, never dropped silently.  The overlay (``--overlay``, ``$RASID_OVERLAY``
or ``~/.config/rasid/overlay.jsonl``) adds aliases (``{"alias": ..., "id": ...}``), merges
two ids (``{"merge": [keep, other]}``) and adds or replaces whole entries.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from rasid.errors import ResourceError

TYPES = ("PER", "ORG", "GPE", "LOC", "EVENT", "LAW")
#: id prefix -> the types an entry with that prefix may have
PREFIX_TYPES = {"per": ("PER",), "org": ("ORG",), "gpe": ("GPE",), "loc": ("LOC", "GPE"),
                "event": ("EVENT",), "law": ("LAW",)}
LIST_FIELDS = ("variants", "aliases", "nisba", "generic")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ID = re.compile(r"^[a-z]+:[^\s]+$")


@dataclass
class Registry:
    """Entries by id, and the ids merged into another (``redirects``)."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def resolve(self, entity_id: str) -> str:
        seen = set()
        while entity_id in self.redirects and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.redirects[entity_id]
        return entity_id

    def get(self, entity_id: str) -> dict[str, Any] | None:
        return self.entries.get(self.resolve(entity_id))

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entity_id: str) -> bool:
        return self.resolve(entity_id) in self.entries


def _fail(path: str, line: int, reason: str) -> ResourceError:
    return ResourceError(f"line {line}: {reason}", path=path)


def _str_list(value: Any, name: str, path: str, line: int) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, line, f"{name!r} must be a list of non-empty strings")
    return value


def validate_entry(raw: Any, path: str, line: int) -> dict[str, Any]:
    """A checked copy of one registry entry, or ResourceError saying what is wrong."""
    if not isinstance(raw, dict):
        raise _fail(path, line, "each line must be a JSON object")
    entity_id = raw.get("id")
    if not isinstance(entity_id, str) or not ID.match(entity_id):
        raise _fail(path, line, f"missing or malformed 'id' {entity_id!r} (want prefix:name, e.g. per:mark_rutte)")
    etype = raw.get("type")
    if etype not in TYPES:
        raise _fail(path, line, f"{entity_id}: 'type' must be one of {', '.join(TYPES)}, not {etype!r}")
    prefix = entity_id.split(":", 1)[0]
    if prefix not in PREFIX_TYPES:
        raise _fail(path, line, f"{entity_id}: unknown id prefix {prefix!r} (use {', '.join(PREFIX_TYPES)})")
    if etype not in PREFIX_TYPES[prefix]:
        raise _fail(path, line, f"{entity_id}: type {etype} does not fit prefix {prefix}:")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, line, f"{entity_id}: 'name' must be a non-empty string")
    entry = dict(raw)
    for key in LIST_FIELDS + ("ambiguous_names",):
        entry[key] = list(_str_list(raw.get(key), key, path, line))
    roles = raw.get("roles") or []
    if not isinstance(roles, list):
        raise _fail(path, line, f"{entity_id}: 'roles' must be a list")
    checked_roles = []
    for role in roles:
        if not isinstance(role, dict):
            raise _fail(path, line, f"{entity_id}: each role must be an object")
        role = dict(role)
        role["title"] = _str_list(role.get("title"), "roles.title", path, line)
        role["generic"] = _str_list(role.get("generic"), "roles.generic", path, line)
        for key in ("start", "end"):
            value = role.get(key)
            if value is not None and (not isinstance(value, str) or not DATE.match(value)):
                raise _fail(path, line, f"{entity_id}: role {key} {value!r} is not YYYY-MM-DD or null")
        checked_roles.append(role)
    entry["roles"] = checked_roles
    return entry


def _read_lines(path: Path) -> Iterable[tuple[int, Any]]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ResourceError(f"cannot read: {err}", path=str(path)) from err
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            raise _fail(str(path), number, f"not valid JSON: {err.msg}") from err


def shipped_files() -> list[Path]:
    folder = resources.files("rasid").joinpath("data/entities")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".jsonl"))


def default_overlay_path() -> Path | None:
    env = os.environ.get("RASID_OVERLAY")
    if env:
        return Path(env)
    home = Path(os.path.expanduser("~/.config/rasid/overlay.jsonl"))
    return home if home.exists() else None


def load_registry(files: Iterable[Path] | None = None, overlay: Path | str | None = None,
                  use_default_overlay: bool = True) -> Registry:
    """Read the shipped registry (or ``files``) and then the overlay on top."""
    registry = Registry()
    origin: dict[str, str] = {}
    for path in files if files is not None else shipped_files():
        registry.sources.append(str(path))
        for number, raw in _read_lines(path):
            if isinstance(raw, dict) and set(raw) <= {"_about", "version"}:
                continue  # a provenance header line
            entry = validate_entry(raw, str(path), number)
            if entry["id"] in registry.entries:
                raise _fail(str(path), number, f"duplicate id {entry['id']} (first in {origin[entry['id']]})")
            origin[entry["id"]] = f"{path}"
            registry.entries[entry["id"]] = entry
    overlay_path = Path(overlay) if overlay else (default_overlay_path() if use_default_overlay else None)
    if overlay_path is not None:
        if not overlay_path.exists():
            raise ResourceError("overlay file does not exist", path=str(overlay_path))
        apply_overlay(registry, overlay_path)
    return registry


def apply_overlay(registry: Registry, path: Path) -> None:
    """Aliases, merges and new or replacing entries, in file order."""
    registry.sources.append(str(path))
    for number, raw in _read_lines(path):
        if not isinstance(raw, dict):
            raise _fail(str(path), number, "each line must be a JSON object")
        if "alias" in raw:
            alias, target = raw.get("alias"), raw.get("id")
            if not isinstance(alias, str) or not alias.strip() or not isinstance(target, str):
                raise _fail(str(path), number, "an alias line needs a non-empty 'alias' and an 'id'")
            entry = registry.get(target)
            if entry is None:
                raise _fail(str(path), number, f"alias for unknown id {target!r}")
            entry["aliases"].append(alias)
        elif "merge" in raw:
            ids = raw["merge"]
            if not (isinstance(ids, list) and len(ids) >= 2 and all(isinstance(i, str) for i in ids)):
                raise _fail(str(path), number, "'merge' must list two or more ids, the one to keep first")
            keep = registry.resolve(ids[0])
            if keep not in registry.entries:
                raise _fail(str(path), number, f"merge into unknown id {ids[0]!r}")
            for other in ids[1:]:
                other = registry.resolve(other)
                if other == keep:
                    continue
                gone = registry.entries.pop(other, None)
                if gone is None:
                    raise _fail(str(path), number, f"merge of unknown id {other!r}")
                target = registry.entries[keep]
                for key in LIST_FIELDS:
                    target[key] = target.get(key, []) + [gone["name"]] * (key == "variants") + gone.get(key, [])
                target["roles"] = target.get("roles", []) + gone.get("roles", [])
                registry.redirects[other] = keep
        else:
            entry = validate_entry(raw, str(path), number)
            registry.entries[entry["id"]] = entry
