"""`verify`: the lock, the manifests and the cards agree.

- V101: an asset declared in mlassets.yaml has no lock entry (or the lock has one no longer
  declared);
- V102: a lock entry's manifest file is missing;
- V103: a manifest breaks its schema;
- V104: a manifest disagrees with its lock entry (id, revision, card hash or license);
- V105: the card on disk (a local file, or the huggingface_hub cache at the locked commit) no
  longer hashes to the manifest's `card_sha256`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mlassets.core import rules
from mlassets.core.findings import Finding
from mlassets.documents.lock import LockEntry, read_lock
from mlassets.documents.project import Project
from mlassets.io.files import json_too_deep, read_bytes
from mlassets.io.paths import confined
from mlassets.manifests.model import Manifest, SourceName
from mlassets.manifests.store import load_manifest
from mlassets.validation.check import check_manifest_text
from mlassets.workflows.sync_commit import Notice, recovered_lock


def verify(
    lock_path: Path, out: Path, project: Project | None = None, notice: Notice | None = None
) -> list[tuple[str, Finding]]:
    """(file, finding) for every disagreement; empty when all agree. A sync commit a crash
    interrupted is completed first (`notice` is told)."""
    recovered_lock(lock_path, notice)
    entries = read_lock(lock_path)
    found: list[tuple[str, Finding]] = []
    lock_name = str(lock_path)
    if project is not None:
        declared = {a.declared for a in project.assets}
        found += [
            (str(project.path), rules.V101.at(f"{ref} is declared but not locked: run sync"))
            for ref in sorted(declared - set(entries))
        ]
        found += [
            (lock_name, rules.V101.at(f"{ref} is locked but no longer declared: run sync"))
            for ref in sorted(set(entries) - declared)
        ]
    for ref, entry in sorted(entries.items()):
        path = out / entry.manifest
        if not path.exists():
            found.append((lock_name, rules.V102.at(f"{ref}: manifest {path} is missing")))
            continue
        problems = _unreadable(path)
        if problems:
            found += [(str(path), rules.V103.at(p)) for p in problems]
            continue
        found += [
            (str(path), finding) for finding in _disagreements(ref, entry, load_manifest(path))
        ]
    return found


def _unreadable(path: Path) -> list[str]:
    """Why a manifest file cannot be trusted as one: not UTF-8, too deep, or off its schema."""
    try:
        text = read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"J101 the manifest is not valid UTF-8 at byte {exc.start}"]
    if json_too_deep(text):
        return ["J101 the manifest nests too deeply"]
    return [f"{p.code} {p.message}" for p in check_manifest_text(text)]


def _disagreements(ref: str, entry: LockEntry, data: Manifest) -> list[Finding]:
    expected = {
        "id": entry.id,
        "revision": entry.revision,
        "card_sha256": entry.card_sha256,
        "license": entry.license,
    }
    actual = {
        "id": data.id,
        "revision": data.revision,
        "card_sha256": data.card_sha256,
        "license": data.license.concluded,
    }
    found = [
        rules.V104.at(f"{ref}: {key} is {actual[key]!r} in the manifest, {value!r} in the lock")
        for key, value in expected.items()
        if actual[key] != value
    ]
    if data.card_sha256 is None and any(f.path == "README.md" for f in data.files):
        message = (
            f"{ref}: the repository has a README.md but the manifest no card hash "
            "(a card download that failed?): run sync"
        )
        found.append(rules.V105.at(message))
    card = _card_on_disk(data)
    if card is not None and hashlib.sha256(card).hexdigest() != data.card_sha256:
        message = f"{ref}: the card on disk no longer hashes to the manifest's card_sha256"
        found.append(rules.V105.at(message))
    return found


def _card_on_disk(data: Manifest) -> bytes | None:
    """The card the manifest was made from, where it is on this machine: a local file, or the
    huggingface_hub cache at the locked commit."""
    if data.source is SourceName.LOCAL:
        # The id is a path someone else may have written: read it only inside the project.
        path = confined(Path("."), data.id, f"{data.id}: manifest id (a card path)")
        return read_bytes(path) if path.is_file() else None
    if data.source is SourceName.HUGGINGFACE and data.revision:
        from mlassets.core.refs import parse_ref
        from mlassets.sources.huggingface import cached_card

        return cached_card(parse_ref(data.id), data.revision)
    return None
