"""OpenML, through the real `openml` client (the optional `openml` extra).

`import openml` costs ~0.9 s (it loads scikit-learn and pandas), so it happens only here, on
first use. The openml client sets no timeout on its requests, so each call runs in a daemon
thread with a deadline: a stalled server cannot hang mlassets.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from mlassets.core.errors import (
    GatedError,
    MissingExtraError,
    NetworkError,
    NotFoundError,
    SourceError,
)
from mlassets.core.refs import AssetRef
from mlassets.documents import openml_description
from mlassets.sources.base import FetchedAsset
from mlassets.sources.retry import Retryable, RetryPolicy, call_with_retries, with_deadline

DEFAULT_SERVER = "https://www.openml.org/api/v1/xml"
SERVER_ENV = "MLASSETS_OPENML_SERVER"
_FIELDS = (
    "name",
    "version",
    "description",
    "licence",
    "md5_checksum",
    "citation",
    "creator",
    "upload_date",
    "default_target_attribute",
    "url",
    "format",
    "language",
    "tag",
    "status",
)
_STATUS = re.compile(r"Status code: (\d{3})")


def _client() -> Any:
    try:
        import openml
    except ImportError as exc:
        raise MissingExtraError(
            "OpenML support needs the openml extra: pip install 'mlassets[openml]'"
        ) from exc
    return openml


def configured_client(server: str | None = None) -> Any:
    """The openml module pointed at `server` (else $MLASSETS_OPENML_SERVER, else openml.org)."""
    openml = _client()
    openml.config.server = server or os.environ.get(SERVER_ENV) or DEFAULT_SERVER
    openml.config.connection_n_retries = 1  # retries are ours, with our backoff and deadline
    return openml


def fetch(ref: AssetRef, policy: RetryPolicy, server: str | None = None) -> FetchedAsset:
    """The description of one OpenML dataset (never its data)."""
    openml = configured_client(server)
    dataset_id = int(ref.name)

    def call() -> Any:
        return with_deadline(
            lambda: openml.datasets.get_dataset(
                dataset_id,
                download_data=False,
                download_qualities=False,
                download_features_meta_data=False,
                force_refresh_cache=True,  # the client never revalidates its cache by itself
            ),
            policy.timeout,
        )

    dataset = _guarded(ref, openml, call, policy)
    fields = {"id": dataset.dataset_id, **{name: getattr(dataset, name, None) for name in _FIELDS}}
    fields = openml_description.normalize(fields)
    version = fields.get("version")
    return FetchedAsset(
        ref=ref, revision=str(version) if version is not None else None, description=fields
    )


def _classify(exc: BaseException) -> Retryable | None:
    import requests

    if isinstance(exc, requests.ConnectionError):
        return Retryable(exc)
    match = _STATUS.search(str(exc))
    if match and (match.group(1) == "429" or match.group(1).startswith("5")):
        return Retryable(exc)
    return None


def _guarded(ref: AssetRef, openml: Any, call: Callable[[], Any], policy: RetryPolicy) -> Any:
    import requests
    from openml import exceptions

    try:
        return call_with_retries(call, _classify, policy)
    except exceptions.OpenMLServerNoResult as exc:
        raise NotFoundError(f"{ref}: no such dataset on {openml.config.server}", str(ref)) from exc
    except exceptions.OpenMLPrivateDatasetError as exc:
        raise GatedError(
            f"{ref}: the dataset is private; an OpenML API key with access is needed", str(ref)
        ) from exc
    except TimeoutError as exc:
        raise NetworkError(
            f"{ref}: OpenML did not answer within {policy.timeout:g} s", str(ref)
        ) from exc
    except requests.RequestException as exc:
        raise NetworkError(
            f"{ref}: cannot reach OpenML at {openml.config.server}", str(ref)
        ) from exc
    except (exceptions.OpenMLServerError, exceptions.OpenMLServerException) as exc:
        status = _STATUS.search(str(exc))
        detail = f"HTTP {status.group(1)}" if status else str(exc).splitlines()[0]
        raise NetworkError(
            f"{ref}: OpenML failed after {policy.attempts} tries ({detail})", str(ref)
        ) from exc
    except (KeyError, AssertionError, ValueError) as exc:
        raise SourceError(
            f"{ref}: OpenML sent a response mlassets cannot read ({exc!r})", str(ref)
        ) from exc
