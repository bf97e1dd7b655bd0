"""The mlassets exception tree.

Every error a user can cause or meet carries a one-line message that names what failed (a file
with its line, or an asset reference). The CLI maps these classes to exit codes in one table
(`mlassets.cli._errors`); library callers catch `MlassetsError`.
"""

from __future__ import annotations


class MlassetsError(Exception):
    """Base class for every error mlassets raises on purpose.

    `subject` is the file path or asset reference the error concerns, when there is one.
    """

    def __init__(self, message: str, subject: str | None = None) -> None:
        super().__init__(message)
        self.subject = subject


class UsageError(MlassetsError, ValueError):
    """The caller asked for something malformed: a bad reference, option or config file."""


class AssetReferenceError(UsageError):
    """An asset reference that is not one of the accepted forms."""


class SchemaFileError(UsageError):
    """A user-supplied schema (`--schema FILE`) that cannot be read or is not a valid schema."""


class OperationalError(MlassetsError):
    """Something outside the caller's input failed: the network, a server, a file on disk."""


class UnreadableFileError(OperationalError, OSError):
    """A local file or directory that cannot be read."""


class UnwritableFileError(OperationalError, OSError):
    """A file mlassets must write cannot be: no space, read-only, not a regular file, ..."""


class UnsafePathError(OperationalError):
    """A path read from a lock, a project or a manifest that would leave its directory."""


class ConcurrentRunError(OperationalError):
    """Another mlassets process holds the project (a second `sync` at once)."""


class AssetBuildError(OperationalError):
    """An asset was fetched, but mlassets could not turn what it got into a manifest."""


class ManifestError(OperationalError):
    """A file that should hold an mlassets manifest does not, or breaks the manifest schema."""


class ManifestCollisionError(ManifestError):
    """Two assets of one run would be written to the same manifest file."""


class CatalogError(OperationalError):
    """The catalog database cannot be opened, read or written."""


class SourceError(OperationalError):
    """A remote source (Hugging Face Hub, OpenML) failed in a way retrying did not mend."""


class NotFoundError(SourceError):
    """The asset does not exist at the source (or is private and no token grants access)."""


class RevisionNotFoundError(NotFoundError):
    """The asset exists but the requested revision (branch, tag or commit) does not."""


class GatedError(SourceError):
    """The asset is gated: its files need a token from an account that accepted its terms."""


class NetworkError(SourceError):
    """The source could not be reached, timed out, or kept failing (429/5xx) after retries."""


class MissingExtraError(OperationalError):
    """An optional dependency is not installed; the message says which extra brings it."""


class ExportError(OperationalError):
    """An export library (spdx-tools, spdx-python-model) refused the document built from the
    manifests; `subject` is the asset reference it concerns when one asset is to blame."""
