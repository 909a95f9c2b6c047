"""The judge's fitted parameters: a logistic model from features to the probability that a fix is right.

They are data, written by ``scripts/fit_judge.py`` into ``params.json`` beside this module, never
edited by hand.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Mapping

from ..errors import InputError


@dataclass(frozen=True)
class JudgeParams:
    weights: Mapping[str, float]
    bias: float
    #: the confidence a fix needs by default, chosen by the fit for precision first
    min_confidence: float
    #: what the parameters were fitted on, and how they measured elsewhere
    provenance: Mapping[str, object]
    #: the model for ranking near misses, fitted on candidates down to suggest's similarity floor (a fix
    #: model extrapolates badly below the similarity its candidates start at)
    near_miss: "JudgeParams | None" = None

    @classmethod
    def load(cls, path: str | Path | None = None) -> "JudgeParams":
        source = Path(path) if path else resources.files(__package__) / "params.json"
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
            near = data.get("near_miss")
            return cls(_weights(data), float(data["bias"]), float(data["min_confidence"]), data.get("provenance", {}),
                       cls(_weights(near), float(near["bias"]), 0.0, {}) if near else None)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(source, None, f"not a judge parameter file: {exc}") from None

    def logit(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())

    def confidence(self, features: Mapping[str, float]) -> float:
        z = self.logit(features)
        return 1 / (1 + math.exp(-z)) if z > -700 else 0.0

    def contributions(self, features: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's share of the logit, largest first."""
        found = [(name, self.weights.get(name, 0.0) * value) for name, value in features.items()]
        return sorted((c for c in found if c[1]), key=lambda c: -abs(c[1]))


def _weights(data: Mapping) -> dict[str, float]:
    return {str(k): float(v) for k, v in data["weights"].items()}
