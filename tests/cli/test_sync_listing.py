"""Re-syncs settled by the owners' listings (issue 6, part 2): one listing request answers for
many unpinned Hub assets, a moved head is still fetched, and a failed listing costs nothing but
the calls it would have saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakehub.server import RunningHub

MODELS = ("acme/apache-mid", "acme/mit-base", "acme/tiny-model")
DATASETS = ("acme/product-reviews", "acme/tiny-ds")
PROJECT = (
    "assets:\n"
    + "".join(f"  - ref: hf://{name}\n" for name in MODELS)
    + "".join(f"  - ref: hf://datasets/{name}\n" for name in DATASETS)
    + "  - ref: hf://acme/tiny-model\n    pin: v1.0\n"  # a tag: only its own call can say
)


@pytest.fixture
def own_hub(hub_copy: RunningHub) -> RunningHub:
    hub_copy.hub.page_size = 2  # acme's 12 models take six pages
    return hub_copy


def requests_for(hub: RunningHub, path: str) -> int:
    return sum(p == path for _, p in hub.hub.requests)


def info_calls(hub: RunningHub) -> int:
    return sum(p.startswith(("/api/models/", "/api/datasets/")) for _, p in hub.hub.requests)


def statuses(stdout: str) -> dict[str, str]:
    return {a["ref"]: a["status"] for a in json.loads(stdout)["assets"]}


def move_main(data: Path, repo: str, sha: str) -> None:
    spec_path = data / "models" / repo / "repo.json"
    spec = json.loads(spec_path.read_text())
    spec["commits"][sha] = {**spec["commits"][spec["branches"]["main"]]}
    spec["commits"][sha]["lastModified"] = "2026-11-01T00:00:00Z"
    spec["branches"]["main"] = sha
    spec_path.write_text(json.dumps(spec))


def test_a_resync_asks_each_owners_listing_once_and_no_metadata_call(
    run_cli, own_hub: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    env = {"HF_ENDPOINT": own_hub.url}
    (tmp_path / "mlassets.yaml").write_text(PROJECT)
    first = run_cli("sync", "--json", env=env)
    assert first.code == 0, first.stderr
    assert set(statuses(first.stdout).values()) == {"fetched"}
    assert requests_for(own_hub, "/api/models") == 0  # nothing locked yet: nothing to list
    lock_bytes = (tmp_path / "mlassets.lock").read_bytes()

    own_hub.hub.requests.clear()
    again = run_cli("sync", "--json", env=env)
    assert again.code == 0, again.stderr
    assert set(statuses(again.stdout).values()) == {"unchanged"}
    assert (tmp_path / "mlassets.lock").read_bytes() == lock_bytes
    # acme has 12 models (pages of 2): the listing stops once all three are seen, on page 6.
    assert requests_for(own_hub, "/api/models") == 6
    assert requests_for(own_hub, "/api/datasets") == 2  # tiny-ds is on the second page
    # Only the tag-pinned asset needed a metadata call of its own; no card was downloaded.
    assert [p for _, p in own_hub.hub.requests if p.startswith("/api/models/")] == [
        "/api/models/acme/tiny-model/revision/v1.0"
    ]
    assert not any("README.md" in p for _, p in own_hub.hub.requests)

    own_hub.hub.requests.clear()
    assert run_cli("sync", "--frozen", env=env).code == 0
    assert info_calls(own_hub) == 1


def test_a_head_that_moved_is_fetched_and_reported_outdated(
    run_cli, own_hub: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    env = {"HF_ENDPOINT": own_hub.url}
    (tmp_path / "mlassets.yaml").write_text(PROJECT)
    assert run_cli("sync", env=env).code == 0
    move_main(own_hub.hub.data, "acme/mit-base", "a" * 40)
    own_hub.hub.requests.clear()

    moved = run_cli("outdated", "--json", env=env)
    assert moved.code == 1
    (entry,) = json.loads(moved.stdout)["outdated"]
    assert (entry["ref"], entry["upstream_revision"]) == ("hf://acme/mit-base", "a" * 40)
    assert run_cli("sync", "--frozen", env=env).code == 1

    result = run_cli("sync", "--json", env=env)
    assert result.code == 0, result.stderr
    changed = {ref: s for ref, s in statuses(result.stdout).items() if s != "unchanged"}
    assert changed == {"hf://acme/mit-base": "fetched"}
    # Only the moved card was asked for (`outdated` left it in the huggingface_hub cache), and by
    # HEAD alone: its bytes did not change, so the blob was already there. Two HEADs: mlassets'
    # own (which --retries governs) and the client's, which would otherwise retry by itself.
    cards = [(m, p) for m, p in own_hub.hub.requests if "README.md" in p]
    assert cards == [("HEAD", "/acme/mit-base/resolve/" + "a" * 40 + "/README.md")] * 2
    lock = json.loads((tmp_path / "mlassets.lock").read_text())
    assert {e["ref"]: e["revision"] for e in lock["assets"]}["hf://acme/mit-base"] == "a" * 40


@pytest.mark.parametrize("status", [400, 404])
def test_a_failed_listing_falls_back_to_one_call_per_asset(
    run_cli, own_hub: RunningHub, tmp_path: Path, status: int
) -> None:  # type: ignore[no-untyped-def]
    env = {"HF_ENDPOINT": own_hub.url}
    (tmp_path / "mlassets.yaml").write_text(PROJECT)
    assert run_cli("sync", env=env).code == 0
    own_hub.hub.listing_fault = status
    own_hub.hub.requests.clear()
    again = run_cli("sync", "--json", env=env)
    assert again.code == 0, again.stderr
    assert set(statuses(again.stdout).values()) == {"unchanged"}
    assert info_calls(own_hub) == len(MODELS) + len(DATASETS) + 1
    assert not any("README.md" in p for _, p in own_hub.hub.requests)


def test_a_lone_asset_of_an_owner_is_not_listed(
    run_cli, own_hub: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    env = {"HF_ENDPOINT": own_hub.url}
    (tmp_path / "mlassets.yaml").write_text("assets:\n  - ref: hf://acme/tiny-model\n")
    assert run_cli("sync", env=env).code == 0
    own_hub.hub.requests.clear()
    assert run_cli("sync", env=env).code == 0
    # One metadata call is cheaper than a listing of all of acme's models.
    assert [p for _, p in own_hub.hub.requests] == ["/api/models/acme/tiny-model"]
