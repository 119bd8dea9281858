"""Parsing XML from files other people send: no DTDs, no entities, no network, no giant trees."""

from __future__ import annotations

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET
from lxml import etree

from testimonia.core.errors import ImportFailed

MAX_XML_BYTES = 256 * 1024 * 1024

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "dtd_validation": False,
    "remove_comments": True,
    "remove_pis": True,
}


def parse(data: bytes, where: str) -> etree._Element:
    """The root element of `data`; ImportFailed naming `where` for anything unsafe or malformed.

    defusedxml screens first and refuses any DTD, so entity expansion (billion laughs) and external
    entities (XXE) are stopped before lxml sees the document; lxml's own parser is then configured
    so that even a missed construct could not fetch or expand anything.
    """
    if len(data) > MAX_XML_BYTES:
        raise ImportFailed(where, "the XML is larger than {limit} MB", limit=MAX_XML_BYTES // (1024 * 1024))
    try:
        DefusedET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ImportFailed(where, "refused for safety: the XML declares a DTD or entities ({kind})",
                           kind=type(exc).__name__) from None
    except DefusedET.ParseError as exc:
        raise ImportFailed(where, "the XML is not well-formed ({detail})", detail=exc) from None
    except (LookupError, ValueError) as exc:
        # expat refuses some declared encodings itself (UTF-7: ValueError), Python's codecs others
        # (an unknown name: LookupError).
        raise ImportFailed(where, "the XML declares an encoding that cannot be read ({detail})",
                           detail=_one_line(exc)) from None
    except RecursionError:
        raise ImportFailed(where, "the XML is nested too deeply") from None
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImportFailed(where, "the XML is not well-formed ({detail})", detail=exc) from None
    except (LookupError, ValueError) as exc:
        raise ImportFailed(where, "the XML cannot be read ({detail})", detail=_one_line(exc)) from None
    if root is None:
        raise ImportFailed(where, "the XML document is empty")
    return root


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__
