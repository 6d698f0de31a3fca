"""E-mail: single messages (EML) and mailboxes (MBOX).

A message's text bodies become pages: every ``text/plain`` part that is not an attachment, or
where there is none, every ``text/html`` part reduced to its text. Subject, From, To, Cc, Date
and Message-ID become metadata, decoded from RFC 2047 encoded-words (GB 2312 widened to
GB 18030). Attachments (and attached messages) become child files written to
``scratch/attachment-NNNNN``; their names are kept for display only.

A mailbox is split on its ``From `` separator lines without a parser holding it all in memory;
each message becomes a child file ``message-N.eml`` with mboxrd ``>From`` quoting undone, and the
orchestrator ingests each message as its own source.
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.utils
import re
from collections.abc import Iterator
from email import policy
from email.message import Message
from pathlib import Path

from delil.errors import RejectedInput
from delil.ingest.formats import media
from delil.ingest.formats._text import TextBudget, charset_label, decode
from delil.ingest.formats._util import CHUNK, ByteBudget, scratch_path
from delil.ingest.formats.base import ChildFile, ExtractedPage, Extraction, Limits

EML = media.EML
MBOX = media.MBOX

_HEADERS = ("subject", "from", "to", "cc", "date", "message-id")
_GB_WORD = re.compile(r"=\?(gb2312|gbk|x-gbk|euc-cn|cp936)\?", re.IGNORECASE)
_QUOTED_FROM = re.compile(rb"^>+From ")


def decode_header(raw: str) -> str:
    """Decode a raw header value with RFC 2047 encoded-words into text.

    Unknown charsets and undecodable bytes degrade to replacement characters rather than fail:
    a header is evidence even when its sender's software was sloppy.

    Args:
        raw: the header value as it appears in the message (unfolded or not).
    """
    raw = _GB_WORD.sub("=?gb18030?", raw)
    try:
        chunks = email.header.decode_header(raw)
    except (email.errors.HeaderParseError, ValueError):
        return " ".join(_raw_text(raw).split())
    out: list[str] = []
    for value, charset in chunks:
        if isinstance(value, str):
            out.append(_raw_text(value))
        elif charset is None:
            # Text outside encoded-words comes back as raw-unicode-escape bytes.
            out.append(_raw_text(value.decode("raw-unicode-escape")))
        else:
            out.append(value.decode(charset_label(charset) or "utf-8", errors="replace"))
    # decode_header splits on encoded-word boundaries and drops the folding whitespace between
    # adjacent encoded words, but keeps it around plain words: join as make_header would.
    text = ""
    for i, piece in enumerate(out):
        if (
            i
            and isinstance(chunks[i][0], bytes) != isinstance(chunks[i - 1][0], bytes)
            and not text.endswith(" ")
            and not piece.startswith(" ")
        ):
            text += " "
        text += piece
    return " ".join(text.split())


def _raw_text(value: str) -> str:
    """Decode the 8-bit bytes a header carried unencoded (the parser keeps them as surrogates).

    Legacy mailers send raw UTF-8 or GBK headers; the bytes are recovered and decoded with
    detection.
    """
    if not any("\udc80" <= c <= "\udcff" for c in value):
        return value
    return decode(value.encode("utf-8", "surrogateescape"))


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        charset = part.get_content_charset()
    except (ValueError, LookupError, email.errors.HeaderParseError):
        charset = None
    return decode(payload, charset)


def _leaves(part: Message, depth: int = 0) -> Iterator[Message]:
    """Yield the non-multipart parts of a message; an attached message is one leaf.

    ``Message.walk`` would descend into attached messages and mix their bodies and attachments
    with the outer message's; they are files of their own.
    """
    if depth and part.get_content_type() == "message/rfc822":
        yield part
        return
    if not part.is_multipart():
        yield part
        return
    if depth > 50:
        raise RejectedInput("message parts nested too deeply")
    payload = part.get_payload()
    if isinstance(payload, list):
        for sub in payload:
            if isinstance(sub, Message):
                yield from _leaves(sub, depth + 1)


def _is_attachment(part: Message) -> bool:
    if part.get_content_type() == "message/rfc822":
        return True
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except (ValueError, LookupError, email.errors.HeaderParseError):
        disposition = "attachment"
    if disposition == "attachment":
        return True
    if part.get_content_maintype() == "text" and part.get_content_subtype() in {"plain", "html"}:
        return bool(_filename(part)) and disposition != "inline"
    # Images, PDFs and other non-text parts are files, inline or not.
    return not part.is_multipart()


def _attachment_bytes(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            return inner[0].as_bytes(policy=policy.compat32)
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _filename(part: Message) -> str | None:
    try:
        return part.get_filename()
    except (ValueError, LookupError, email.errors.HeaderParseError):
        return None


def _attachment_name(part: Message, index: int) -> str:
    name = _filename(part)
    if name:
        return decode_header(name) if "=?" in name else name
    if part.get_content_type() == "message/rfc822":
        return f"attachment-{index}.eml"
    return f"attachment-{index}"


def _headers(message: Message) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in message.raw_items():
        key = name.lower()
        if key in _HEADERS and key.replace("-", "_") not in out:
            text = decode_header(str(value))
            if text:
                out[key.replace("-", "_")] = text
    return out


def extract_eml(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Extract one e-mail message: bodies as pages, headers as metadata, attachments as files.

    Args:
        path: the message (RFC 5322).
        limits: caps; ``max_members`` bounds attachments, ``max_expanded_bytes`` their size.
        scratch: folder the attachments are written to.

    Returns:
        Pages labelled ``text/plain`` or ``text/html`` (method ``plain`` or ``markup``).

    Raises:
        RejectedInput: too many or too large attachments, or too much text.
    """
    from delil.ingest.formats.web import html_to_text, refuse_entities

    with path.open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=policy.default)
    extraction = Extraction(media_type=EML)
    extraction.metadata.update(_headers(message))
    budget = TextBudget(limits)
    bytes_budget = ByteBudget(limits, "message attachments")
    plain: list[str] = []
    html: list[str] = []
    attachments = 0
    for part in _leaves(message):
        if _is_attachment(part):
            attachments += 1
            if attachments > limits.max_members:
                raise RejectedInput(f"message has over {limits.max_members} attachments, the limit")
            data = _attachment_bytes(part)
            bytes_budget.add(len(data))
            target = scratch_path(scratch, "attachment", attachments)
            target.write_bytes(data)
            extraction.children.append(
                ChildFile(
                    name=_attachment_name(part, attachments),
                    path=target,
                    metadata={"content_type": part.get_content_type(), "container": "email"},
                )
            )
            continue
        subtype = part.get_content_subtype()
        if part.get_content_maintype() != "text":
            continue
        (html if subtype == "html" else plain).append(_part_text(part))
    number = 0
    if any(t.strip() for t in plain):
        for text in plain:
            if text.strip():
                number += 1
                extraction.pages.append(
                    ExtractedPage(
                        number=number, text=budget.add(text), method="plain", label="text/plain"
                    )
                )
    else:
        for markup in html:
            refuse_entities(markup)
            text, _how = html_to_text(markup)
            if text.strip():
                number += 1
                extraction.pages.append(
                    ExtractedPage(
                        number=number, text=budget.add(text), method="markup", label="text/html"
                    )
                )
    return extraction


def _is_separator(line: bytes) -> bool:
    return line.startswith(b"From ")


def extract_mbox(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Split a mailbox into its messages, each a child file ``message-N.eml``.

    A line starting ``From `` opens a message when it is the first line or follows a blank
    line (quoted ``>From`` lines never do). Messages are streamed to scratch files, so a
    mailbox of any size needs little memory.

    Args:
        path: the mailbox.
        limits: caps; ``max_members`` bounds messages, ``max_expanded_bytes`` their total size.
        scratch: folder the messages are written to.

    Returns:
        No pages; one child per message; the message count as metadata.

    Raises:
        RejectedInput: too many messages, or more bytes than the limit.
    """
    extraction = Extraction(media_type=MBOX)
    budget = ByteBudget(limits, "mailbox")
    count = 0
    out = None
    previous_blank = True
    at_line_start = True
    pending_blank = b""
    try:
        with path.open("rb") as handle:
            while True:
                # Lines are read in bounded pieces: a hostile file may have no newline at all.
                line = handle.readline(CHUNK)
                if not line:
                    break
                starts_line = at_line_start
                at_line_start = line.endswith(b"\n")
                if starts_line and previous_blank and _is_separator(line):
                    if out is not None:
                        out.close()
                    count += 1
                    if count > limits.max_members:
                        raise RejectedInput(
                            f"mailbox has over {limits.max_members} messages, the limit"
                        )
                    target = scratch_path(scratch, "message", count)
                    out = target.open("xb")
                    extraction.children.append(
                        ChildFile(
                            name=f"message-{count}.eml",
                            path=target,
                            metadata={"container": "mbox", "index": str(count)},
                        )
                    )
                    pending_blank = b""
                    previous_blank = False
                    continue
                if out is None:
                    raise RejectedInput("mailbox does not start with a 'From ' line")
                if starts_line and _QUOTED_FROM.match(line):
                    line = line[1:]
                # The blank line before a separator belongs to the mbox format, not the
                # message: hold each blank line back until the next line shows which it is.
                blank = starts_line and line in (b"\n", b"\r\n")
                if pending_blank:
                    out.write(pending_blank)
                    budget.add(len(pending_blank))
                    pending_blank = b""
                if blank:
                    pending_blank = line
                else:
                    budget.add(len(line))
                    out.write(line)
                previous_blank = blank
    finally:
        if out is not None:
            out.close()
    extraction.metadata["messages"] = str(count)
    return extraction
