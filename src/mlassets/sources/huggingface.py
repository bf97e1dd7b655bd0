"""The Hugging Face Hub, through the real `huggingface_hub` client.

The endpoint is the standard HF_ENDPOINT and the token the standard HF_TOKEN (read by the client;
never logged or printed here). `huggingface_hub` is imported on first use: it costs ~0.13 s and
the validate path must not pay for it.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
from collections.abc import Callable, Collection, Iterable
from itertools import islice
from pathlib import Path
from typing import Any

from mlassets.core.errors import (
    GatedError,
    MlassetsError,
    NetworkError,
    NotFoundError,
    RevisionNotFoundError,
    SourceError,
)
from mlassets.core.refs import AssetRef
from mlassets.io.files import read_bytes
from mlassets.sources.base import FetchedAsset, RemoteFile
from mlassets.sources.retry import (
    Retryable,
    RetryPolicy,
    call_with_retries,
    parse_retry_after,
    with_deadline,
)

_RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
# The listed repositories counted as one page when bounding a listing. The Hub sets its own page
# size, which its API reference does not state; this is the budget per round of metadata calls
# a listing may replace, not a claim about the Hub.
LISTING_PAGE = 1000


def _configure_environment(policy: RetryPolicy) -> None:
    # huggingface_hub freezes these at import time, so they must be set before the first import.
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    seconds = str(max(1, math.ceil(policy.timeout)))  # the client parses these as integers
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", seconds)
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", seconds)
    # The client logs each retry it makes as a warning on stderr; mlassets reports the outcome
    # itself, in one line, so its warnings would only be noise between our lines. (Set after
    # the client's logging module loads: loading it sets the level itself.)
    from huggingface_hub.utils import logging as hub_logging

    hub_logging.get_logger("huggingface_hub").setLevel(logging.ERROR)


def fetch(ref: AssetRef, policy: RetryPolicy, known_revision: str | None = None) -> FetchedAsset:
    """Repository metadata at `ref.revision` (default branch if None), and README.md at the
    resolved commit, so the card and the metadata describe the same commit. When the commit is
    `known_revision`, the card is not downloaded and the result says `unchanged`."""
    _configure_environment(policy)
    from huggingface_hub import HfApi

    api = HfApi()
    repo_type = "dataset" if ref.kind == "dataset" else "model"
    info_call = api.dataset_info if repo_type == "dataset" else api.model_info
    info = _guarded(
        ref,
        lambda: info_call(
            ref.name, revision=ref.revision, timeout=policy.timeout, files_metadata=True
        ),
        policy,
    )
    sha = info.sha
    if known_revision is not None and sha == known_revision:
        return FetchedAsset(ref=ref, revision=sha, unchanged=True)
    siblings = info.siblings or []
    card = None
    if any(s.rfilename == "README.md" for s in siblings):
        # No retries around the whole download: its HEAD retries under `policy` inside, and the
        # client resumes a broken body by itself (nesting would multiply the attempts).
        card = _guarded(
            ref, lambda: _download_card(ref, repo_type, sha, policy), policy, retrying=False
        )
    return FetchedAsset(
        ref=ref,
        revision=sha,
        card=card,
        tags=tuple(info.tags or ()),
        gated=info.gated if isinstance(info.gated, bool | str) else False,
        pipeline_tag=getattr(info, "pipeline_tag", None),
        library_name=getattr(info, "library_name", None),
        last_modified=_iso(info.last_modified),
        files=tuple(
            RemoteFile(s.rfilename, s.size, s.lfs.sha256 if s.lfs else None) for s in siblings
        ),
    )


def default_heads(
    kind: str, author: str, repo_ids: Collection[str], policy: RetryPolicy, pages: int
) -> dict[str, str]:
    """The head commit of the default branch of each of `repo_ids` (all by `author`), read from
    the Hub's listing of `author`'s models or datasets: each (paged) request answers for many
    repositories, where `fetch` would make one metadata call each.

    Reads at most `pages` x `LISTING_PAGE` repositories and stops as soon as every id is seen.
    An id the answer leaves out (renamed, private, past what was read) is simply absent, and so
    is every id when the listing fails: the listing only saves calls, so the caller asks `fetch`
    for what is missing.
    """
    _configure_environment(policy)
    import httpx2
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    api = HfApi()
    listing: Callable[..., Iterable[Any]] = (
        api.list_datasets if kind == "dataset" else api.list_models
    )
    wanted = set(repo_ids)

    def read() -> dict[str, str]:
        heads: dict[str, str] = {}
        # islice: the client asks for a page only when the items before it are used up.
        for info in islice(listing(author=author, expand=["sha"]), pages * LISTING_PAGE):
            if info.id in wanted and info.sha:
                heads[info.id] = info.sha
                if len(heads) == len(wanted):
                    break
        return heads

    try:
        # The listing call takes no timeout, and retries 5xx by itself for up to 23 s.
        heads: dict[str, str] = with_deadline(read, policy.timeout * pages)
    except (HfHubHTTPError, httpx2.HTTPError, TimeoutError, KeyError, ValueError):
        return {}
    return heads


def _download_card(
    ref: AssetRef, repo_type: str, sha: str | None, policy: RetryPolicy
) -> bytes | None:
    """README.md at `sha`; None only when the Hub says the file does not exist there.

    Any other failure raises: a card that could not be downloaded is never taken for a missing
    card (that would conclude NOASSERTION from a network hiccup, and lock it)."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_download, hf_hub_url
    from huggingface_hub.errors import RemoteEntryNotFoundError

    cached = try_cached_card(ref, sha) if sha else None
    if cached is not None:
        return cached  # a commit never changes: the client would not ask the server either
    url = hf_hub_url(ref.name, "README.md", revision=sha, repo_type=repo_type)
    try:
        # hf_hub_download retries a failed HEAD five times by itself (23 s), whatever --retries
        # says. This HEAD does not retry (retry_on_errors=False): our retry policy runs around
        # it, so the download below starts only once the Hub answers.
        call_with_retries(
            lambda: get_hf_file_metadata(url, timeout=policy.timeout), _classify, policy
        )
    except RemoteEntryNotFoundError:
        return None  # the Hub's own 404 for the file: the asset has no card at this commit
    # Under a deadline: the client resumes a broken download by itself, and starts counting its
    # retries afresh whenever a byte arrives, so a server that keeps cutting the body short would
    # hold it for as long as it likes.
    path = with_deadline(
        lambda: hf_hub_download(
            ref.name, "README.md", revision=sha, repo_type=repo_type, etag_timeout=policy.timeout
        ),
        policy.timeout * 2,
    )
    return read_bytes(Path(path), f"{ref}: README.md in the huggingface_hub cache")


def _iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _classify(exc: BaseException) -> Retryable | None:
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    if isinstance(exc, HfHubHTTPError) and exc.response is not None:
        if exc.response.status_code in _RETRY_STATUS:
            return Retryable(exc, parse_retry_after(exc.response.headers.get("Retry-After")))
        return None
    # Refused or reset connections and truncated bodies may pass; a timeout already waited.
    if isinstance(exc, httpx2.ConnectError | httpx2.ReadError | httpx2.RemoteProtocolError):
        return Retryable(exc)
    if isinstance(exc, LocalEntryNotFoundError):  # the download failed and nothing was cached
        return Retryable(exc)
    return None


def _guarded(ref: AssetRef, call: Any, policy: RetryPolicy, *, retrying: bool = True) -> Any:
    """Run a client call (with retries), and turn every client exception into an mlassets
    error."""
    import httpx2
    from huggingface_hub import errors

    try:
        return call_with_retries(call, _classify, policy) if retrying else call()
    except MlassetsError:
        raise
    except errors.GatedRepoError as exc:
        raise GatedError(
            f"{ref}: gated repository; set HF_TOKEN for an account that accepted its terms",
            str(ref),
        ) from exc
    except errors.RevisionNotFoundError as exc:
        raise RevisionNotFoundError(
            f"{ref}: revision {ref.revision!r} not found", str(ref)
        ) from exc
    except errors.RepositoryNotFoundError as exc:
        raise NotFoundError(
            f"{ref}: repository not found (if it is private, set HF_TOKEN)", str(ref)
        ) from exc
    except errors.OfflineModeIsEnabled as exc:
        raise NetworkError(
            f"{ref}: HF_HUB_OFFLINE is set, and fetching needs the network", str(ref)
        ) from exc
    except errors.HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise NetworkError(
            f"{ref}: the Hub answered HTTP {status} after {policy.attempts} tries", str(ref)
        ) from exc
    except errors.LocalEntryNotFoundError as exc:
        raise NetworkError(
            f"{ref}: could not download README.md: cannot reach the Hub", str(ref)
        ) from exc
    except (httpx2.TimeoutException, TimeoutError) as exc:
        raise NetworkError(
            f"{ref}: the Hub did not answer within {policy.timeout:g} s", str(ref)
        ) from exc
    except httpx2.HTTPError as exc:
        raise NetworkError(f"{ref}: cannot reach the Hub ({type(exc).__name__})", str(ref)) from exc
    except (KeyError, ValueError) as exc:
        raise SourceError(
            f"{ref}: the Hub sent a response mlassets cannot read ({exc})", str(ref)
        ) from exc
    except OSError as exc:  # a truncated download ("Consistency check failed"), an unwritable
        # or full cache (HF_HOME)
        raise SourceError(f"{ref}: could not download README.md: {exc}", str(ref)) from exc


def cached_card(ref: AssetRef, revision: str) -> bytes | None:
    """README.md at `revision` from the local huggingface_hub cache (no network), if it is there."""
    _configure_environment(RetryPolicy())
    return try_cached_card(ref, revision)


def try_cached_card(ref: AssetRef, revision: str) -> bytes | None:
    from huggingface_hub import try_to_load_from_cache

    repo_type = "dataset" if ref.kind == "dataset" else "model"
    found = try_to_load_from_cache(ref.name, "README.md", revision=revision, repo_type=repo_type)
    if not isinstance(found, str):
        return None
    return read_bytes(Path(found), f"{ref}: README.md in the huggingface_hub cache")
