"""Sample files for "Open a sample" (Help menu, and the Help dialog), so import and every lab can
be tried without a file of one's own. Deterministic (seeded); numpy only.

Run from the repository root:  python3 assets/make-samples.py
Writes assets/public/samples/: a small .npy, a .safetensors with a few named layers, a CSV, and one
.hinge project per lab (each opens on that lab). The Vite builds copy assets/public/ as is.
"""
import json
import struct
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "public" / "samples"
OUT.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(2026)


def r(*shape, scale=1.0):
    return np.round(rng.standard_normal(shape) * scale, 4)


# A 3×3 float64 matrix: a rotation by 30° about z, scaled, with a small shear.
c, s = np.cos(np.pi / 6), np.sin(np.pi / 6)
np.save(OUT / "rotation-3x3.npy", np.array([[1.5 * c, -s, 0.2], [1.5 * s, c, 0.0], [0.0, 0.0, 0.5]]))

# safetensors by hand (the format is an 8-byte little-endian header length, a JSON header, data).
layers = {
    "encoder.layer0.weight": r(16, 8, scale=0.35).astype(np.float32),
    "encoder.layer0.bias": r(16, scale=0.1).astype(np.float32),
    "encoder.layer1.weight": r(8, 16, scale=0.35).astype(np.float32),
    "head.weight": r(3, 8, scale=0.5).astype(np.float32),
    "embedding.weight": (r(32, 6) @ r(6, 24) * 0.2).astype(np.float32),  # rank 6: a spectrum with a knee
}
header, blobs, offset = {}, [], 0
for name, array in layers.items():
    data = array.tobytes()
    header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
    blobs.append(data)
    offset += len(data)
header["__metadata__"] = {"source": "Hinge sample (assets/make-samples.py)"}
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)
(OUT / "small-mlp.safetensors").write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))

# A CSV with a header row: a 6×4 matrix.
csv = r(6, 4)
(OUT / "weights-6x4.csv").write_text("c1,c2,c3,c4\n" + "\n".join(",".join(f"{v:g}" for v in row) for row in csv) + "\n")


def project(view, state, cameras=None):
    entry = {"state": state}
    if cameras:
        entry["cameras"] = cameras
    return {"format": "hinge-project", "version": 2, "app": "hinge samples", "view": view, "theme": "dark", "labs": {view: entry}}


def matrix(m):
    return [[float(v) for v in row] for row in m]


samples = {
    "layer": project("layer", {
        "shape": "3x3", "W": [[1, 0.5, 0], [-0.5, 1.25, 0], [0, 0.3, 0.8]], "b": [0.5, 0.25, 0], "x": [1, 0.5, 0.5],
        "activation": "relu", "leak": 0.1, "time": 4, "playing": False, "speed": 1, "stacked": False,
        "W2": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "b2": [0, 0, 0], "seed": 1}),
    "svd": project("svd", {
        "W": [[1.2, 0.9], [-0.4, 1.1]], "seed": 1, "time": 1.5, "playing": False, "speed": 1, "threshold": 0.1,
        "spectrumText": "randn(256, 256)", "spectrumScale": "log", "imported": None}),
    "attention": project("attention", {
        "sentence": "the cat sat on the mat", "d": 4, "dk": 2, "heads": 2, "seed": 3, "positional": True, "scale": True,
        "temperature": 1, "causal": False,
        "weights": {k: matrix(r(4, 4, scale=0.5)) for k in ["W_Q", "W_K", "W_V", "W_O"]},
        "embeddings": None, "query": 1, "head": 0, "projection": 2}),
    "lora": project("lora", {
        "weightText": "randn(8, 8)", "W0": matrix(r(8, 8, scale=0.5)), "updateSource": "example", "updateText": "",
        "exampleRank": 2, "noise": 0.05, "deltaW": matrix(r(8, 2, scale=0.5) @ r(2, 8, scale=0.5) + r(8, 8, scale=0.02)),
        "seed": 1, "rank": 2, "residualOwnScale": False, "view": "heatmaps", "counter": {"d": 4096, "k": 4096, "r": 16}, "imported": None}),
    "gradients": project("gradients", {
        "view": "chain", "W": [[1.5, 0.8], [0.4, 0.6]], "x": [-1, 0.8], "g": [0.2, -1], "seed": 1,
        "chain": {"depth": 30, "width": 32, "init": "gaussian", "scale": 1, "relu": True, "noise": 0.1, "seed": 4}, "imported": None}),
    "regions": project("regions", {
        "inputs": 2, "hidden": [8, 8], "init": "he", "seed": 2, "leaky": False,
        "net": {"weights": [matrix(r(8, 2, scale=1.0)), matrix(r(8, 8, scale=0.5)), matrix(r(1, 8, scale=0.5))],
                "biases": [[float(v) for v in r(8, scale=0.3)], [float(v) for v in r(8, scale=0.3)], [float(v) for v in r(1, scale=0.3)]]},
        "radius": 2, "coloring": "region", "surface": False, "explode": 0, "opacity": 0.85, "sliceOn": False, "sliceAt": 0,
        "layersShown": 0, "boundariesByLayer": False, "boundaryLayersOff": [], "lineOn": True,
        "lineA": [-1.7, -0.7], "lineB": [1.7, 1.0]}),
}
# The Training lab (project version 3): the circle, 2 → 8 → 8 → 1 ReLU and Adam, at step 0 from
# starting weights of its own (not the seeded ones: the lab trains from these).
training = project("training", {
    "data": {"kind": "circle", "points": 300, "noise": 0.05, "trainFraction": 0.5, "seed": 3},
    "hidden": [8, 8], "activation": "relu", "init": "he", "initScale": 1, "seed": 2, "loss": "bce",
    "optimizer": {"kind": "adam", "learningRate": 0.01}, "l2": 0, "batchSize": 10, "step": 0,
    "net": {"weights": [matrix(r(8, 2, scale=1.0)), matrix(r(8, 8, scale=0.5)), matrix(r(1, 8, scale=0.5))],
            "biases": [[float(v) for v in r(8, scale=0.1)], [float(v) for v in r(8, scale=0.1)], [float(v) for v in r(1, scale=0.1)]]}})
training["version"] = 3
samples["training"] = training

for lab, p in samples.items():
    (OUT / f"{lab}.hinge").write_text(json.dumps(p, indent=1) + "\n")
print("wrote", sorted(f.name for f in OUT.iterdir()))
