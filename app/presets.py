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
        "description": "A deeper 2-8-8-8-1 ReLU network for two interleaved spirals; "
        "about 10,000 steps (400 epochs) to untangle them.",
        "config": {
            "layers": [2, 8, 8, 8, 1],
            "hidden_activation": "relu",
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 0.1,
            "batch_size": 10,
            "dataset": "spiral",
        },
    },
    "digits": {
        "title": "Handwritten digits",
        "description": "A 64-32-10 network reads 8x8 images of digits: softmax over ten "
        "classes, past 90 % on held-out images within 1,000 steps.",
        "config": {
            "layers": [64, 32, 10],
            "hidden_activation": "tanh",
            "output_activation": "softmax",
            "loss": "cross_entropy",
            "learning_rate": 0.1,
            "batch_size": 32,
            "dataset": "digits",
        },
    },
    "gd-small": {
        "title": "Learning rate too small",
        "description": "XOR with alpha = 0.05: each step moves the weights too little.",
        "config": {
            "layers": [2, 3, 1],
            "hidden_activation": "tanh",
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 0.05,
            "batch_size": 4,
            "seed": 5,
            "dataset": "xor",
        },
    },
    "gd-good": {
        "title": "A good learning rate",
        "description": "XOR with alpha = 1: the loss falls fast and steadily.",
        "config": {
            "layers": [2, 3, 1],
            "hidden_activation": "tanh",
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 1.0,
            "batch_size": 4,
            "seed": 5,
            "dataset": "xor",
        },
    },
    "gd-large": {
        "title": "Learning rate too large",
        "description": "XOR with alpha = 10: steps overshoot and the loss jumps about.",
        "config": {
            "layers": [2, 3, 1],
            "hidden_activation": "tanh",
            "output_activation": "sigmoid",
            "loss": "binary_cross_entropy",
            "learning_rate": 10.0,
            "batch_size": 4,
            "seed": 5,
            "dataset": "xor",
        },
    },
}

DEFAULT_PRESET = "xor"
