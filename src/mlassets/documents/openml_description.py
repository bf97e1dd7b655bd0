"""OpenML dataset descriptions (`data_set_description`) as plain data with positions.

The same normalised shape comes from three places: the XML the OpenML API serves (and the openml
client caches as `description.xml`), the JSON of the newer server API, and the `OpenMLDataset`
object of the openml client (see `sources.openml`). Numeric ids and versions become integers,
repeated elements become lists and empty values become None.
"""

from __future__ import annotations

import json
from typing import Any

from mlassets.core.findings import Position
from mlassets.io.yamlpos import Located, YamlSyntaxError, load_located

_PREFIX = "oml:"
_INTEGER_FIELDS = ("id", "version", "file_id")
_REPEATED_FIELDS = ("tag", "creator", "contributor", "ignore_attribute")


def normalize(fields: dict[str, Any]) -> dict[str, Any]:
    """The canonical form of a description's fields (idempotent)."""
    result: dict[str, Any] = {}
    for key, value in fields.items():
        if value in ([], "", None):
            value = None
        elif key in _INTEGER_FIELDS and isinstance(value, str) and value.lstrip("-").isdigit():
            value = int(value)
        elif key in _REPEATED_FIELDS and isinstance(value, str):
            value = [value]
        result[key] = value
    return result


def is_description_json(raw: bytes) -> bool:
    """Whether JSON bytes are the server API's description (its key comes first, within the
    first 512 bytes that a directory's walk sniffs too: `io.discovery`)."""
    return b'"data_set_description"' in raw[:512]


def parse_file(raw: bytes, suffix: str) -> Located:
    """A description file by its suffix: `.xml` as the API serves it, else the server's JSON.
    `YamlSyntaxError` (with a position) when it does not parse or is no description."""
    if suffix.lower() == ".xml":
        return from_xml(raw)
    return from_json(raw.decode("utf-8", "replace"))


def from_json(text: str) -> Located:
    """Parse the server API's JSON (`{"data_set_description": {...}}`)."""
    located = load_located(text)  # JSON is YAML, and this keeps positions
    data = located.data
    if isinstance(data, dict) and isinstance(data.get("data_set_description"), dict):
        inner = data["data_set_description"]
        shift = len(("data_set_description",))
        values = {
            k[shift:]: v for k, v in located.values.items() if k[:1] == ("data_set_description",)
        }
        keys = {k[shift:]: v for k, v in located.keys.items() if k[:1] == ("data_set_description",)}
        return Located(normalize(inner), values, keys)
    raise YamlSyntaxError("not an OpenML data_set_description", Position(1, 1))


def from_xml(raw: bytes) -> Located:
    """Parse `<oml:data_set_description>` XML, recording where each field's element starts."""
    import xml.parsers.expat  # ~2 ms: only for an XML description

    parser = xml.parsers.expat.ParserCreate()
    fields: dict[str, Any] = {}
    values: dict[tuple[str | int, ...], Position] = {}
    keys: dict[tuple[str | int, ...], Position] = {}
    stack: list[str] = []
    text: list[str] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        stack.append(name)
        if len(stack) == 1 and name != f"{_PREFIX}data_set_description":
            raise ValueError(f"root element is <{name}>, not <oml:data_set_description>")
        if len(stack) == 2:
            text.clear()
            field = name.removeprefix(_PREFIX)
            where = Position(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
            keys.setdefault((field,), where)
            values.setdefault((field,), where)

    def end(name: str) -> None:
        if len(stack) == 2:
            field = name.removeprefix(_PREFIX)
            value = "".join(text).strip()
            if field in _REPEATED_FIELDS:
                fields.setdefault(field, []).append(value)
            else:
                fields[field] = value
        stack.pop()

    def chars(data: str) -> None:
        if len(stack) == 2:
            text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(raw, True)
    except xml.parsers.expat.ExpatError as exc:
        message = xml.parsers.expat.ErrorString(exc.code)
        raise YamlSyntaxError(
            f"XML does not parse: {message}", Position(exc.lineno, exc.offset + 1)
        ) from exc
    except ValueError as exc:
        raise YamlSyntaxError(str(exc), Position(1, 1)) from exc
    return Located(normalize(fields), values, keys)


def dumps_for_hash(fields: dict[str, Any]) -> bytes:
    """A stable serialisation of a description, hashed as the 'card' of an OpenML dataset."""
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
