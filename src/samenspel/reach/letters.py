# SPDX-License-Identifier: EUPL-1.2
"""Letters as PDF, fast enough for 10,000 letters in a batch.

The letters of a batch differ only in the address, the code and its QR code. So the letter is
laid out once, with empty slots where those go (WeasyPrint reports each slot's place as an
anchor), and each of its pages becomes a form XObject of the PDF. Per letter, WeasyPrint lays
out only a *stamp*: a page with the address, the code and the QR code at the slots' places;
each stamp page draws its letter page under it. Stamps are laid out a chunk of letters at a
time, in two worker processes when there is more than one chunk, and joined with pypdf in
order. A letter's text stays text (it can be extracted), the PDF holds the letter's text and
fonts once, and memory stays bounded by a chunk's layout.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.connection import Connection
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

#: Letters laid out at a time (bounds memory; WeasyPrint's time per page grows with the
#: document, so smaller chunks are faster too).
CHUNK = 200
#: Worker processes laying out stamps (the machines it runs on have two cores or more).
WORKERS = min(2, os.cpu_count() or 1)
#: The slots of the letter (ids in reach/letters.html) that each letter fills in.
SLOTS = ("code", "qr", "code-en")
#: The scheme of a stamp's QR image: ``qr:<link>`` is drawn by :func:`_fetch`.
_QR = "qr:"


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


@dataclass(frozen=True)
class Letter:
    """What one letter shows."""

    address: list[str]
    code: str  # formatted, as printed

    @property
    def short_url(self) -> str:
        return f"{site_url()}/code"

    @property
    def link(self) -> str:
        return f"{site_url()}/code/{self.code.replace('-', '')}/"


def letter_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def default_letter_text(use) -> str:
    return _(
        "Dear resident,\n\n"
        "You have been chosen by lot to take part in %(title)s. We want to hear from people "
        "who do not usually join in, so your voice counts.\n\n"
        "Go to the web address below and type your personal code, or scan the QR code with "
        "your phone. You do not need an account.\n\n"
        "Your code works once. Do not give it to anyone else."
    ) % {"title": use.title}


def _signatory_label(role: str) -> str:
    return {"burgemeester": _("Mayor"), "griffier": _("Clerk of the council")}.get(role, "")


def _html(batch, **parts) -> str:
    return render_to_string(
        "reach/letters.html",
        {
            "batch": batch,
            "gemeente": batch.gemeente,
            "paragraphs": letter_paragraphs(batch.letter_text or default_letter_text(batch.use)),
            "paragraphs_en": letter_paragraphs(batch.letter_text_en),
            "signatory_role": _signatory_label(batch.signatory_role),
            "short_url": f"{site_url()}/code",
            "today": timezone.localdate(),
            **parts,
        },
    )


def _document(html: str):
    """WeasyPrint's document of ``html``; it fetches nothing but the stamps' QR codes."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class QRCodes(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(_QR):
                raise ValueError("letters load nothing from elsewhere")
            import segno

            png = io.BytesIO()
            segno.make(url.removeprefix(_QR), error="m").save(png, kind="png", scale=1, border=0)
            return URLFetcherResponse(url, png.getvalue(), {"Content-Type": "image/png"})

    return HTML(string=html, base_url=str(Path(__file__).parent), url_fetcher=QRCodes())


def _stamps(html: str) -> bytes:
    """The PDF of a chunk's stamps (run in a worker process)."""
    return _document(html).write_pdf()


def _in_order(work: Callable[[str], bytes], items: Iterator[str]) -> Iterator[bytes]:
    """``work`` of each item, in order: in :data:`WORKERS` processes when there is more than
    one item, each holding one item at a time, so memory stays bounded."""
    head = list(islice(items, 2))
    if len(head) < 2 or WORKERS < 2:
        yield from map(work, chain(head, items))
        return
    queue = chain(head, items)
    spawn = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
    workers = []
    try:
        for _n in range(WORKERS):
            ours, theirs = spawn.Pipe()
            process = spawn.Process(target=_serve, args=(theirs, work), daemon=True)
            process.start()
            theirs.close()
            workers.append((process, ours))
        busy: deque[Connection] = deque()  # the workers, in the order of the items they hold
        for _process, connection in workers:
            if (item := next(queue, None)) is not None:
                connection.send(item)
                busy.append(connection)
        while busy:
            connection = busy.popleft()
            result = connection.recv()
            if (item := next(queue, None)) is not None:
                connection.send(item)
                busy.append(connection)
            if isinstance(result, Exception):
                raise result
            yield result
    finally:
        for process, connection in workers:
            connection.close()  # the worker's recv ends: it stops
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()


def _serve(connection: Connection, work: Callable[[str], bytes]) -> None:
    """A worker process: ``work`` of each item it is sent, until the pipe closes."""
    while True:
        try:
            item = connection.recv()
        except EOFError:
            return
        try:
            connection.send(work(item))
        except Exception as error:  # told to the caller, who raises it
            connection.send(RuntimeError(f"{type(error).__name__}: {error}"))


def letters_pdf(
    batch, chunks: Iterable[list[Letter]], done: Callable[[int], object] | None = None
) -> bytes:
    """One PDF of all letters (one or two pages each), stamped a chunk at a time; ``done`` is
    told the number of letters of each chunk joined."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    letter = _document(_html(batch)).render()
    slots = {
        name.replace("-", "_"): f"left: {x:.3f}px; top: {y:.3f}px"
        for page in letter.pages
        for name, (x, y, *_) in page.anchors.items()
        if name in SLOTS
    }
    writer = PdfWriter()
    forms, draws = {}, []
    for number, page in enumerate(PdfReader(io.BytesIO(letter.write_pdf())).pages):
        form = DecodedStreamObject()
        form.set_data(page.get_contents().get_data())  # type: ignore[union-attr]
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        form[NameObject("/BBox")] = page.mediabox
        form[NameObject("/Resources")] = page["/Resources"].clone(writer)
        name = NameObject(f"/SamenspelLetter{number}")
        forms[name] = writer._add_object(form.flate_encode())
        draw = DecodedStreamObject()
        draw.set_data(f"q {name} Do Q\n".encode())
        draws.append(writer._add_object(draw))

    sizes: deque[int] = deque()

    def htmls() -> Iterator[str]:
        for letters in chunks:
            sizes.append(len(letters))
            yield _html(batch, letters=letters, slots=slots)

    for stamps in _in_order(_stamps, htmls()):
        for number, page in enumerate(PdfReader(io.BytesIO(stamps)).pages):
            added = writer.add_page(page)
            resources = added["/Resources"].get_object()
            assert isinstance(resources, DictionaryObject)
            xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject())
            xobjects.get_object().update(forms)
            under = draws[number % len(draws)]
            added[NameObject("/Contents")] = ArrayObject([under, added["/Contents"]])
        if done is not None:
            done(sizes.popleft())
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def render_letters(batch, letters: list[Letter]) -> bytes:
    """One PDF of ``letters`` (one or two pages each)."""
    return letters_pdf(batch, [letters])
