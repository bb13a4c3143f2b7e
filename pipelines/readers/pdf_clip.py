"""Leave out the text a clipping path hides.

pdfminer (under pdfplumber) ignores clipping paths (its ``W`` and ``W*`` operators do nothing), so a
page's characters include text the printed page does not show. Producers do draw such text: when a
table row is cut by a page break, Chromium paints the row's whole line on both pages, each clipped
to its page's text area, so the line cut in half reads twice (a ``，`` above the top margin of the
next page, invisible, was read into the cell: sweep layout 163).

:class:`ClipInterpreter` keeps the bounding box of the clipping path in force (intersected as ``W``
narrows it, saved and restored with ``q``/``Q``, passed into form XObjects) and drops each character
whose centre lies outside it. The bounding box of a clipping path holds the path, so a character
dropped is one the page cannot show; a character kept may still be hidden by a clip that is not a
rectangle (none of the producers seen clips text that way).
"""

from __future__ import annotations

from pdfminer import settings
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import PSKeyword, keyword_name
from pdfminer.utils import apply_matrix_pt

from pipelines.readers.pdf_content import Unusual, content_objects

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the page's device space


def path_box(path, ctm) -> Box | None:
    """The bounding box, in device space, of a path of pdfminer's segments (operator, numbers…)."""
    xs: list[float] = []
    ys: list[float] = []
    for segment in path:
        numbers = segment[1:]
        for i in range(0, len(numbers) - 1, 2):
            x, y = apply_matrix_pt(ctm, (float(numbers[i]), float(numbers[i + 1])))
            xs.append(x)
            ys.append(y)
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def intersect(a: Box | None, b: Box | None) -> Box | None:
    if a is None:
        return b
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def outside(item: LTChar, clip: Box) -> bool:
    """Whether the clip hides ``item``: its centre is above or below the clip (a line cut by a page
    break shows on the page that holds its middle), or less than ``_SHOWN`` of its width is inside
    it. A CJK punctuation mark draws its ink in one half of its box, and Chromium lets a closing
    mark hang past the text area's edge: “不合格” shows its ” with the box's centre outside."""
    y = (item.y0 + item.y1) / 2
    if not clip[1] <= y <= clip[3]:
        return True
    width = item.x1 - item.x0
    inside = min(item.x1, clip[2]) - max(item.x0, clip[0])
    return inside < _SHOWN * width if width > 0 else not clip[0] <= item.x0 <= clip[2]


_SHOWN = 0.3


# per interpreter class: an operator → its method and how many operands it takes (None: no method)
_OPERATORS: dict[type, dict[PSKeyword, tuple | None]] = {}


class ClipInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, keeping the clipping path's box and dropping text outside it, and
    reading content streams with :func:`~pipelines.readers.pdf_content.content_objects`."""

    inherited_clip: Box | None = None

    def execute(self, streams) -> None:
        """pdfminer's ``execute``, its objects read faster: the same streams (a stream already
        being run by a caller is left out, as pdfminer does), the same operators called with the
        same operands; a stream the fast reading leaves out is run by pdfminer's own."""
        valid = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                return super().execute(streams)  # pdfminer warns and leaves it out
            valid.append(stream)
            self.stream_ids.add(stream.objid)
        try:
            objects = content_objects([stream.get_data() for stream in valid])
        except Unusual:
            return super().execute(streams)
        operators = _OPERATORS.setdefault(type(self), {})
        for obj in objects:
            if not isinstance(obj, PSKeyword):
                self.argstack.append(obj)
                continue
            if obj in operators:
                found = operators[obj]
            else:
                name = keyword_name(obj)
                method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
                func = getattr(type(self), method, None)
                found = operators[obj] = None if func is None else (func, func.__code__.co_argcount - 1)
            if found is None:
                if settings.STRICT:
                    raise PDFInterpreterError(f"Unknown operator: {keyword_name(obj)!r}")
                continue
            func, count = found
            if count:
                stack = self.argstack
                args = stack[-count:]
                self.argstack = stack[:-count]
                if len(args) == count:
                    func(self, *args)
            else:
                func(self)

    def subinterp(self) -> PDFPageInterpreter:
        interp = super().subinterp()
        # a form XObject is clipped as its caller
        interp.inherited_clip = self.clip  # type: ignore[attr-defined]
        return interp

    def init_state(self, ctm) -> None:
        super().init_state(ctm)
        self.clip: Box | None = self.inherited_clip
        self.clips: list[Box | None] = []

    def do_q(self) -> None:
        super().do_q()
        self.clips.append(self.clip)

    def do_Q(self) -> None:
        super().do_Q()
        if self.clips:
            self.clip = self.clips.pop()

    def do_W(self) -> None:
        self.clip = intersect(self.clip, path_box(self.curpath, self.ctm))

    def do_W_a(self) -> None:
        self.do_W()

    def do_TJ(self, seq) -> None:
        container = getattr(self.device, "cur_item", None)
        if self.clip is None or container is None:
            super().do_TJ(seq)
            return
        before = len(container._objs)
        super().do_TJ(seq)
        drawn = container._objs[before:]
        shown = [item for item in drawn if not (isinstance(item, LTChar) and outside(item, self.clip))]
        if len(shown) < len(drawn):
            container._objs[before:] = shown


def lay_out(page) -> None:
    """Give a pdfplumber page its layout read by :class:`ClipInterpreter` (before anything asks the
    page for its characters; pdfplumber keeps the layout it finds in ``page._layout``)."""
    if hasattr(page, "_layout"):
        return
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException

    device = PDFPageAggregatorWithMarkedContent(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        ClipInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as error:  # as pdfplumber's own Page.layout does
        raise PdfminerException(error) from error
    page._layout = device.get_result()
