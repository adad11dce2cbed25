"""Named ready-made setups: a network, its dataset and training settings."""

PRESETS: dict[str, dict] = {
    "xor": {
        "title": "XOR with one hidden layer",
        "description": "A 2-3-1 network learns XOR, which no perceptron can.",
        "config": {
            "layers": [2, 3, 1],
            "hidden_activation": "tanh",
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 0.5,
            "batch_size": 4,
            "dataset": "xor",
        },
    },
    "perceptron-xor": {
        "title": "A perceptron on XOR",
        "description": "No hidden layer: the boundary is a line, so at best 3 of 4 are right.",
        "config": {
            "layers": [2, 1],
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 0.5,
            "batch_size": 4,
            "dataset": "xor",
        },
    },
    "perceptron-and": {
        "title": "A perceptron on AND",
        "description": "AND is linearly separable, so a perceptron learns it.",
        "config": {
            "layers": [2, 1],
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 0.5,
            "batch_size": 4,
            "dataset": "and",
        },
    },
    "article": {
        "title": "The article's worked step",
        "description": "x -> h -> y, no bias, sigmoid, cross-entropy; x = 10, d = 1, alpha = 0.5.",
        "config": {
            "layers": [1, 1, 1],
            "hidden_activation": "sigmoid",
            "output_activation": "sigmoid",
            "loss": "cross_entropy",
            "learning_rate": 0.5,
            "batch_size": 1,
            "use_bias": False,
            "weights": [[[-0.2]], [[5.0]]],
            "dataset": "article",
        },
    },
    "softmax": {
        "title": "Softmax over three classes",
        "description": "A 2-5-3 classifier with a softmax output and cross-entropy loss.",
        "config": {
            "layers": [2, 5, 3],
            "hidden_activation": "tanh",
            "output_activation": "softmax",
            "loss": "cross_entropy",
            "learning_rate": 0.3,
            "batch_size": 10,
            "dataset": "blobs3",
        },
    },
    "circle": {
        "title": "Circle",
        "description": "A 2-4-2-1 tanh network separates a disc from the ring around it.",
        "config": {
            "layers": [2, 4, 2, 1],
            "hidden_activation": "tanh",
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 0.3,
            "batch_size": 10,
            "dataset": "circle",
        },
    },
    "spiral": {
        "title": "Spiral",
        "description": "A deeper 2-8-8-8-1 tanh network for two interleaved spirals.",
        "config": {
            "layers": [2, 8, 8, 8, 1],
            "hidden_activation": "tanh",
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 0.1,
            "batch_size": 10,
            "dataset": "spiral",
        },
    },
}

DEFAULT_PRESET = "xor"
