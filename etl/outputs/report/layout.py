"""Positions for drawing a weighted graph: a small deterministic force-directed layout.

Fruchterman-Reingold with a cooling schedule, vectorised with numpy: linked nodes attract in
proportion to the weight of their link, every pair repels, and the result is the same for the
same graph on every run (no random start), so two reports of one database look alike.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def spring_layout(
    count: int, edges: Sequence[tuple[int, int, float]], iterations: int = 300
) -> list[tuple[float, float]]:
    """Coordinates in [-1, 1] for nodes 0..count-1 joined by ``edges`` (a, b, weight).

    Nodes should come in order of importance: the first ones start near the centre.
    """
    if count == 0:
        return []
    if count == 1:
        return [(0.0, 0.0)]
    # Start on a sunflower spiral: important nodes in the middle, no two on one spot.
    index = np.arange(count, dtype=float)
    radius = np.sqrt((index + 0.5) / count)
    angle = index * np.pi * (3 - np.sqrt(5))
    pos = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    weights = np.zeros((count, count))
    for a, b, w in edges:
        if a != b:
            weights[a, b] += w
            weights[b, a] += w
    if weights.max() > 0:
        # Strong links pull harder, but a link used 100 times must not pull 100 times as hard.
        weights = 0.35 * np.log1p(weights) / np.log1p(weights.max())
    # Ideal distance between neighbours; generous, as a few hubs (the country a corpus is
    # about) pull most nodes towards one spot.
    k = 1.8 * np.sqrt(1.0 / count)
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.linalg.norm(delta, axis=-1)
        np.fill_diagonal(distance, 1.0)
        distance = np.maximum(distance, 0.01)
        force = k * k / distance**2 - weights * distance / k
        np.fill_diagonal(force, 0.0)
        # A pull to the centre keeps small separate groups from drifting off the page.
        displacement = np.einsum("ij,ijk->ik", force, delta) - 0.5 * k * pos
        length = np.maximum(np.linalg.norm(displacement, axis=-1), 1e-9)
        pos += displacement / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cooling
    pos -= np.median(pos, axis=0)
    # Scale to the bulk of the nodes, so that one far-off pair cannot shrink the rest.
    scale = np.quantile(np.abs(pos), 0.95)
    if scale > 0:
        pos = np.clip(pos / scale, -1.15, 1.15)
    return [(float(x), float(y)) for x, y in pos]
