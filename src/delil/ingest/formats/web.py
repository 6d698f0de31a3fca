"""HTML (main text via trafilatura) and generic XML (all character data).

HTML is decoded with the charset its byte order mark or ``<meta>`` declares (GB 2312 widened to
GB 18030), else detected. trafilatura keeps the main text and drops navigation, adverts and
footers; where it returns little (under a quarter of the visible text: a forum thread, a listing)
all visible text is used instead. Neither path fetches anything: lxml's HTML parser never loads a
DTD, and the network is never touched (a test checks with an audit hook).

Documents that declare XML entities are refused before any parser runs: an HTML page has no use
for ``<!ENTITY`` and one that declares entities was made to attack XML parsers. A plain external
DTD reference (the XHTML doctype) is allowed: nothing reads it.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from delil.errors import RejectedInput
from delil.ingest.formats import media
from delil.ingest.formats._text import TextBudget, charset_label, decode, read_limited
from delil.ingest.formats.base import ExtractedPage, Extraction, Limits

HTML = media.HTML
XHTML = media.XHTML
XML = media.XML

_MAIN_TEXT_SHARE = 0.25
_PRESCAN = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")
_ENTITY_DECL = re.compile(r"<!ENTITY(?P<body>[^>]*)>?", re.IGNORECASE)
_EXTERNAL = re.compile(r"\b(SYSTEM|PUBLIC)\b", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
     "math", "iframe", "object", "embed", "canvas"}
)  # fmt: skip
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header",
     "footer", "nav", "aside", "main", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
     "dd", "dt", "dl", "figure", "figcaption", "form", "hr", "address", "td", "th"}
)  # fmt: skip


def declared_charset(data: bytes) -> str | None:
    """Return the codec an HTML page declares: BOM, then ``<?xml encoding>``, then ``<meta>``.

    Only the first 4 KiB are scanned, as browsers do. ``gb2312`` and ``gbk`` become
    ``gb18030``, ``iso-8859-1`` becomes ``cp1252``.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:_PRESCAN]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found:
            codec = charset_label(found.group(1).decode("ascii", "replace"))
            # A page that reached us as bytes cannot really be UTF-16 without a BOM and still
            # have an ASCII <meta>; browsers treat that declaration as UTF-8 too.
            if codec is not None and not codec.startswith("utf-16"):
                return codec
            if codec is not None:
                return "utf-8"
    return None


def refuse_entities(text: str) -> None:
    """Refuse markup that declares XML entities.

    Raises:
        RejectedInput: ``external XML entity refused`` for an entity with a SYSTEM or PUBLIC
            identifier, ``XML entity expansion refused`` for an internal one.
    """
    declarations = list(_ENTITY_DECL.finditer(text))
    if not declarations:
        return
    if any(_EXTERNAL.search(d.group("body")) for d in declarations):
        raise RejectedInput("external XML entity refused")
    raise RejectedInput("XML entity expansion refused")


def visible_text(html: str) -> str:
    """Return all text a browser would show, one line per block element.

    Args:
        html: the page as text.
    """
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        # lxml refuses text that still carries an XML encoding declaration (XHTML).
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", html, count=1), parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in _INVISIBLE:
            if element.tail:
                parts.append(element.tail)
            return
        if tag in _BLOCKS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n")
        if element.tail:
            parts.append(element.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def _title(html: str) -> str | None:
    found = re.search(r"<title[^>]*>(.*?)</title>", html[:65536], re.IGNORECASE | re.DOTALL)
    if not found:
        return None
    import html as std_html

    title = " ".join(std_html.unescape(found.group(1)).split())
    return title or None


def html_to_text(html: str) -> tuple[str, str]:
    """Return the main text of an HTML page and how it was found.

    Args:
        html: the page as text (entities are refused by the caller, not here).

    Returns:
        ``(text, how)`` where ``how`` is ``main-text`` (trafilatura) or ``visible-text``.
    """
    import trafilatura

    visible = visible_text(html)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        main = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    except Exception:  # trafilatura's heuristics can fail on odd markup; fall back, never die
        main = ""
    main_size = len("".join(main.split()))
    visible_size = len("".join(visible.split()))
    if main_size == 0 or main_size < _MAIN_TEXT_SHARE * visible_size:
        return visible, "visible-text"
    return main, "main-text"


def extract_html(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Extract the main text of an HTML page.

    Args:
        path: the page.
        limits: caps; ``max_text_chars`` applies.
        scratch: unused.

    Returns:
        One page (method ``markup``) and the title as metadata.

    Raises:
        RejectedInput: the page declares XML entities, or has too much text.
    """
    del scratch
    data = read_limited(path, limits)
    charset = declared_charset(data)
    html = decode(data, charset)
    refuse_entities(html)
    extraction = Extraction(media_type=HTML)
    if charset:
        extraction.metadata["charset"] = charset
    title = _title(html)
    if title:
        extraction.metadata["title"] = title
    text, how = html_to_text(html)
    extraction.metadata["extraction"] = how
    TextBudget(limits).add(text)
    if text.strip():
        extraction.pages.append(ExtractedPage(number=1, text=text, method="markup"))
    return extraction


def extract_xml(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Extract the character data of an XML document (no DTD loaded, no entity expanded).

    Args:
        path: the document.
        limits: caps; ``max_text_chars`` applies.
        scratch: unused.

    Returns:
        One page (method ``markup``) with the text of every element, one element per line.

    Raises:
        RejectedInput: the document declares entities, or has too much text.
    """
    del scratch
    data = read_limited(path, limits)
    found = _XML_ENCODING.search(data[:_PRESCAN])
    text = decode(data, found.group(1).decode("ascii", "replace") if found else None)
    refuse_entities(text)
    extraction = Extraction(media_type=XML)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=True,
    )
    # The text is already decoded: drop the XML declaration so lxml does not decode it again
    # with the declared encoding. A DOCTYPE left in place is inert: no DTD is loaded, no entity
    # resolved, and entity declarations were refused above.
    body = _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    try:
        root = etree.fromstring(body.encode("utf-8"), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        lines = [re.sub(r"<[^>]*>", " ", text)]
        extraction.warnings.append("XML is malformed; tags stripped from the raw text")
    else:
        lines = [" ".join(t.split()) for t in root.itertext()]
    content = "\n".join(line for line in lines if line.strip())
    TextBudget(limits).add(content)
    if content.strip():
        extraction.pages.append(ExtractedPage(number=1, text=content, method="markup"))
    return extraction
