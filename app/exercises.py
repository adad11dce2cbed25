"""Predict-then-reveal exercises: a preset and a sequence of checks, one a step."""

EXERCISES = [
    {
        "id": "article-step",
        "title": {"en": "Predict the article's step", "zh": "预测文章中的一步"},
        "preset": "article",
        "checks": [
            {"layer": 1, "to": 0, "from": 0, "quantity": "gradient", "tolerance": 0.005},
            {"layer": 1, "to": 0, "from": 0, "quantity": "weight", "tolerance": 0.005},
            {"layer": 0, "to": 0, "from": 0, "quantity": "gradient", "tolerance": 0.005},
        ],
    },
    {
        "id": "xor-signs",
        "title": {
            "en": "XOR: which way does each weight move?",
            "zh": "异或：每个权重往哪个方向变？",
        },
        "preset": "xor",
        "checks": [
            {"layer": 1, "to": 0, "from": k, "quantity": "gradient", "tolerance": 0.01}
            for k in range(3)
        ],
    },
]
BY_ID = {e["id"]: e for e in EXERCISES}
DEFAULT_TOLERANCE = 0.01  # a prediction outside an exercise
