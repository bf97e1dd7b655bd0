"""Hub repositories as runnable candidates and as result sources, at a pinned revision.

- `skops_loader`: a scikit-learn model stored in the skops format, downloaded with
  `hf_hub_download` at the commit the catalog recorded and loaded with skops only if every type
  in it is one skops trusts by default. Pickle and joblib files are never loaded: a repository's
  pickle can run any code.
- `eval_results`: the YAML files under `.eval_results/` (the Hub's structured evaluation
  results: a list of entries with `dataset: {id, task_id}`, `value`, `date`, `source`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from mlassets.core.errors import MissingExtraError, SourceError
from mlassets.selection.records import Result

EVAL_RESULTS = ".eval_results/"


def _files(repo_id: str, revision: str | None, timeout: float) -> tuple[str, list[str]]:
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    try:
        info = HfApi().model_info(repo_id, revision=revision, timeout=timeout)
    except HfHubHTTPError as exc:
        raise SourceError(f"hf://{repo_id}: {str(exc).splitlines()[0]}") from exc
    return str(info.sha), sorted(s.rfilename for s in info.siblings or [])


def _download(repo_id: str, filename: str, sha: str) -> str:
    from huggingface_hub import hf_hub_download

    return str(hf_hub_download(repo_id, filename, revision=sha))


def skops_loader(repo_id: str, revision: str | None, timeout: float = 10.0) -> Callable[[], Any]:
    """A loader for the repository's `.skops` model (run only when the probe reaches it)."""

    def load() -> Any:
        sha, files = _files(repo_id, revision, timeout)
        chosen = next((f for f in files if f.endswith(".skops")), None)
        if chosen is None:
            raise SourceError(f"hf://{repo_id}: no .skops file (pickled models are never loaded)")
        path = _download(repo_id, chosen, sha)
        try:
            import skops.io as sio
        except ImportError as exc:
            raise MissingExtraError("skops models need: pip install 'mlassets[select]'") from exc
        untrusted = sio.get_untrusted_types(file=path)
        if untrusted:
            raise SourceError(
                f"hf://{repo_id}: {chosen} holds types skops does not trust: "
                f"{', '.join(untrusted)}; not loaded"
            )
        return sio.load(path)

    return load


def eval_results(
    repo_id: str, revision: str | None, fetched_at: str, timeout: float = 10.0
) -> list[Result]:
    """The repository's `.eval_results/*.yaml` entries as results (metric `score` unless an
    entry names one; the benchmark's `task_id` is kept as the config)."""
    sha, files = _files(repo_id, revision, timeout)
    out = []
    for name in files:
        if not (name.startswith(EVAL_RESULTS) and name.endswith((".yaml", ".yml"))):
            continue
        with open(_download(repo_id, name, sha), encoding="utf-8") as handle:
            entries = yaml.safe_load(handle) or []
        for entry in entries if isinstance(entries, list) else []:
            result = _entry(repo_id, sha, fetched_at, entry)
            if result is not None:
                out.append(result)
    return out


def _entry(repo_id: str, sha: str, fetched_at: str, entry: Any) -> Result | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("dataset"), dict):
        return None
    dataset, value = entry["dataset"], entry.get("value")
    if not isinstance(dataset.get("id"), str) or not isinstance(value, int | float):
        return None
    return Result(
        model=f"hf://{repo_id}",
        dataset=f"hf://datasets/{dataset['id']}",
        metric=str(entry.get("metric") or "score"),
        value=float(value),
        config=str(dataset.get("task_id") or ""),
        source="eval-results",
        revision=sha,
        fetched_at=fetched_at,
    )
