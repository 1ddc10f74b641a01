"""The sentence-embedding model with integer matrix products, derived once from the installed one.

The shipped MiniLM file keeps its weights as int8 but multiplies them back into 32-bit floats
when it is loaded, so every matrix product runs in floats; that is three quarters of the time an
embedding takes. Here the weights are expanded the same way, then quantized again with
onnxruntime's ``quantize_dynamic``: int8 weights, one scale per output column, and activations
quantized on the fly, so the products run as ``MatMulInteger``. Per column rather than one scale
per matrix: vectors at cosine 0.98 or more to the float model's on job-ad sentences and interview
questions, against 0.84 at worst per matrix, for the same speed (docs/stories.md).

The copy is written once into the data folder (``models/embedding-int8/<source digest>/
model.onnx``, atomically) with a record of its SHA-256, the source file's and the recipe's; a
copy that no longer matches its record is derived again. Deriving takes about 3 s of
processor time and needs the ``onnx`` package (the ``ml`` extra) to write the model; it happens
when the model is first loaded, which only the background worker and commands do, never a page.
The same source, recipe and package versions give the same bytes, so the question classifier's
shipped weights, trained on this copy's vectors, apply on every machine.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path
from typing import Any

from nextround.fit.semantic import Unavailable

FOLDER = Path("models") / "embedding-int8"
MODEL = "model.onnx"
RECORD = "model.json"
#: Names how the copy is made; the copy's model id includes it, so changing it re-embeds.
RECIPE = "dequantize, then quantize_dynamic: MatMul and Gather, int8 weights per channel"
HINT = "pip install 'nextround[ml]', or set NEXTROUND_EMBEDDING_PRECISION=float"

_CHUNK = 1 << 20
_lock = threading.Lock()
# (place, source digest) pairs whose copy this process has checked against its record.
_checked: set[tuple[Path, str]] = set()


def recipe_digest(source_digest: str) -> str:
    """Names the copy before it exists: the same source file and recipe give the same bytes."""
    return hashlib.sha256(f"{source_digest}\n{RECIPE}".encode()).hexdigest()


def place(folder: Path, source_digest: str) -> Path:
    """Where the copy of one source file is kept: a folder of its own, named by the first 12
    digits of the source's SHA-256, so a user's model and the packaged one (which the question
    classifier always reads) never take turns overwriting one file."""
    return folder / source_digest[:12]


def derived(source: Path, source_digest: str, folder: Path) -> Path:
    """The int8 copy of ``source``, kept under ``folder``: the one there when it matches its
    record, else derived now. Raises :class:`Unavailable` when it can't be made or written."""
    home = place(folder, source_digest)
    with _lock:
        target = home / MODEL
        if (home, source_digest) in _checked or _matches_record(home, source_digest):
            _checked.add((home, source_digest))
            return target
        try:
            home.mkdir(mode=0o700, parents=True, exist_ok=True)
            digest = _derive(source, target)
            record = {
                "source_sha256": source_digest,
                "recipe": RECIPE,
                "sha256": digest,
                "onnx": version("onnx"),
                "onnxruntime": version("onnxruntime"),
                "derived": time.strftime("%Y-%m-%d"),
            }
            _replace(home / RECORD, (json.dumps(record, indent=1) + "\n").encode())
        except OSError as exc:
            raise Unavailable(
                f"The int8 embedding model could not be written in {home} ({exc.strerror or exc})."
            ) from exc
        _checked.add((home, source_digest))
        return target


def _matches_record(folder: Path, source_digest: str) -> bool:
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        return (
            isinstance(record, dict)
            and record.get("source_sha256") == source_digest
            and record.get("recipe") == RECIPE
            and record.get("sha256") == sha256(folder / MODEL)
        )
    except (OSError, ValueError):
        return False  # not derived yet, or a damaged record: derive again


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _derive(source: Path, target: Path) -> str:
    """Write the copy beside ``target`` under a temporary name, then put it in place; its
    SHA-256."""
    try:
        import onnx
        from google.protobuf.message import DecodeError
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise Unavailable(f"The int8 embedding model needs the onnx package: {HINT}.") from exc
    handle, scratch = tempfile.mkstemp(dir=target.parent, prefix=".deriving-", suffix=".onnx")
    os.close(handle)
    try:
        try:
            model = onnx.load(str(source))
            _expand_int8_weights(model)
            with _quiet_quantizer():
                quantize_dynamic(
                    model,
                    scratch,
                    op_types_to_quantize=["MatMul", "Gather"],
                    per_channel=True,
                    weight_type=QuantType.QInt8,
                )
        except (
            ValueError,
            RuntimeError,
            KeyError,
            DecodeError,
            onnx.checker.ValidationError,
        ) as exc:
            # A file given by the user that is not an ONNX model, or one the quantizer can't read.
            raise Unavailable(
                f"The embedding model {source} could not be quantized ({exc}): {HINT}."
            ) from exc
        digest = sha256(Path(scratch))
        Path(scratch).replace(target)
    finally:
        Path(scratch).unlink(missing_ok=True)
    return digest


def _expand_int8_weights(model: Any) -> None:
    """Replace each int8 weight that the graph casts to float and scales (``Cast`` then ``Mul``)
    by the float tensor it yields, as onnxruntime does when it loads the file, so that the
    quantizer sees the weights as constants. A float model passes unchanged."""
    import numpy as np
    from onnx import TensorProto, numpy_helper

    graph = model.graph
    constants = {tensor.name: tensor for tensor in graph.initializer}
    users: dict[str, list[Any]] = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            users[name].append(node)
    folded: list[tuple[Any, Any, Any]] = []
    spent: set[str] = set()
    for cast in graph.node:
        if cast.op_type != "Cast" or cast.input[0] not in constants:
            continue
        to_float = any(a.name == "to" and a.i == TensorProto.FLOAT for a in cast.attribute)
        (mul, *others) = users[cast.output[0]] or [None]
        if not to_float or mul is None or others or mul.op_type != "Mul":
            continue
        (scale,) = [name for name in mul.input if name != cast.output[0]] or [""]
        if scale not in constants:
            continue
        weights = numpy_helper.to_array(constants[cast.input[0]]).astype(np.float32)
        scaled = weights * numpy_helper.to_array(constants[scale]).astype(np.float32)
        folded.append((cast, mul, numpy_helper.from_array(scaled, mul.output[0])))
        spent.update((cast.input[0], scale))
    for cast, mul, tensor in folded:
        graph.node.remove(cast)
        graph.node.remove(mul)
        graph.initializer.append(tensor)
    still_read = {name for node in graph.node for name in node.input}
    for tensor in [t for t in graph.initializer if t.name in spent - still_read]:
        graph.initializer.remove(tensor)


class _quiet_quantizer:
    """quantize_dynamic advises a pre-processing step on the root logger; the expansion above
    is all this model needs, so the advice is held back while it runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()

    def __enter__(self) -> None:
        logging.getLogger().addFilter(self)

    def __exit__(self, *exc: object) -> None:
        logging.getLogger().removeFilter(self)


def _replace(path: Path, data: bytes) -> None:
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(scratch).replace(path)
    finally:
        Path(scratch).unlink(missing_ok=True)
