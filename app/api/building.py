"""Turning a create or import request into a new stored network record."""

import copy
import secrets
from collections.abc import Sequence

import numpy as np

from app.engine import (
    DATASETS,
    Dataset,
    EngineError,
    Network,
    Session,
    builtin_dataset,
    csv_dataset,
    generated,
    inline_dataset,
    points_of,
    with_features,
)
from app.presets import DEFAULT_PRESET, PRESETS
from app.settings import Settings
from app.store import NetworkRecord

from .dataset_schemas import (
    CsvDataset,
    CsvInfo,
    DatasetSpec,
    GeneratedDataset,
    GenerationSettings,
)
from .deps import FieldError, fields_in
from .network_schemas import ExportDocument, NetworkCreate, NetworkPatch
from .optimizing import fresh_optimizer


def new_network_id() -> str:
    """An unguessable id: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def check_layers(layers: list[int], settings: Settings) -> None:
    """Refuse architectures past the server's limits."""
    if len(layers) - 2 > settings.max_hidden_layers:
        raise FieldError(("body", "layers"), f"at most {settings.max_hidden_layers} hidden layers")
    if layers[0] > settings.max_inputs:
        raise FieldError(("body", "layers", 0), f"at most {settings.max_inputs} input units")
    for k, n in enumerate(layers[1:], start=1):
        if n > settings.max_units:
            raise FieldError(("body", "layers", k), f"at most {settings.max_units} units a layer")


def resolve_dataset(
    spec: DatasetSpec | None, layers: list[int], settings: Settings
) -> tuple[Dataset, bool]:
    """The dataset a request names (else the first built-in that fits, else none): and
    whether it is built in."""
    if isinstance(spec, GeneratedDataset):
        return generated_dataset(spec, settings, ("body", "dataset")), True
    if isinstance(spec, CsvDataset):
        with fields_in("body"):
            data = csv_dataset(
                spec.csv,
                spec.target,
                spec.standardize,
                settings.max_rows,
                settings.max_inputs,
                spec.name,
            )
        return data, False
    if spec is None:
        for name in DATASETS:
            data = builtin_dataset(name)
            if data.inputs.shape[1] == layers[0] and data.targets.shape[1] == layers[-1]:
                return data, True
        return no_dataset(layers), False
    if isinstance(spec, str):
        with fields_in("body"):
            return builtin_dataset(spec), True
    rows = len(spec.inputs) + len(spec.test_inputs or [])
    if rows > settings.max_rows:
        raise FieldError(("body", "dataset", "inputs"), f"at most {settings.max_rows} rows")
    if not spec.inputs and not spec.targets and not spec.test_inputs and not spec.test_targets:
        return no_dataset(layers), False
    with fields_in("body"):
        data = inline_dataset(spec.inputs, spec.targets, spec.name)
        if spec.test_inputs is not None or spec.test_targets is not None:
            test = inline_dataset(spec.test_inputs or [], spec.test_targets or [], spec.name)
            data.test_inputs, data.test_targets = test.inputs, test.targets
    return data, False


def generated_dataset(
    spec: GenerationSettings, settings: Settings, at: tuple, name: str | None = None
) -> Dataset:
    """A generated built-in made as the spec asks (its `generate`, else `name`), within limits."""
    if spec.points is not None and spec.points > settings.max_rows:
        raise FieldError((*at, "points"), f"at most {settings.max_rows}")
    asked = spec.model_dump(exclude_none=True, exclude={"generate"})
    try:
        return generated(getattr(spec, "generate", name), **asked)
    except EngineError as exc:
        raise FieldError((*at, "generate"), exc.message) from exc


def no_dataset(layers: list[int]) -> Dataset:
    """An empty dataset: the network steps on the inputs and targets each request gives."""
    return Dataset(
        "none",
        np.zeros((0, layers[0])),
        np.zeros((0, layers[-1])),
        description="no dataset: each step gives its inputs and targets",
    )


def point_layers(layers: list[int], features: Sequence[str]) -> list[int]:
    """The layers a dataset's rows must fit: with features, 2-D points in."""
    return [2, *layers[1:]] if features else layers


def featured(raw: Dataset, features: Sequence[str], layers: list[int]) -> Dataset:
    """raw with these features as its inputs; a 422 unless layers[0] is their number."""
    if features and len(features) != layers[0]:
        raise FieldError(
            ("body", "features"),
            f"{len(features)} features but layers[0] is {layers[0]}: one input unit a feature",
        )
    with fields_in("body"):
        return with_features(raw, features)


def swapped_dataset(
    body: NetworkPatch, record: NetworkRecord, settings: Settings
) -> tuple[Dataset, bool]:
    """What a PATCH's dataset and features make of the network's dataset: (dataset, builtin)."""
    s, layers = record.session, record.session.network.layers
    features = s.dataset.features if body.features is None else body.features
    if body.dataset is None:
        raw, builtin = points_of(s.dataset), record.builtin_dataset
    else:
        raw, builtin = resolve_dataset(body.dataset, point_layers(layers, features), settings)
    return featured(raw, features, layers), builtin


def check_dataset_fits(net: Network, data: Dataset) -> None:
    """Every array of the dataset, train and test, must fit the network's input and output."""
    with fields_in("body"):
        data.check_fits(net.layers[0], net.layers[-1])
    if data.size == 0:
        return
    try:
        net.check_targets(data.targets, data.size)
        if data.test_targets is not None:
            net.check_targets(data.test_targets, data.test_targets.shape[0])
    except EngineError as exc:
        raise FieldError(("body", "dataset", "targets"), exc.message) from exc
    with fields_in("body"):
        net.check_learnable(data.targets, data.test_targets)


def merged_config(body: NetworkCreate) -> dict:
    """The preset's settings (xor by default) overridden by the fields the request gives."""
    name = body.preset or DEFAULT_PRESET
    if name not in PRESETS:
        raise FieldError(("body", "preset"), f"unknown preset {name!r}; one of {sorted(PRESETS)}")
    config = copy.deepcopy(PRESETS[name]["config"])
    given = body.model_dump(exclude_none=True, exclude={"preset"})
    if "layers" in given:
        for key in ("weights", "biases", "dataset"):
            if key not in given:
                config.pop(key, None)
    if "use_bias" in given and "biases" not in given:
        config.pop("biases", None)
    config.update(given)
    if body.dataset is not None:
        config["dataset"] = body.dataset
    config.setdefault("name", PRESETS[name]["title"] if body.preset else "untitled")
    return config


TASK_OUTPUTS = {  # (output activation, loss) for a CSV's task
    "two classes": ("sigmoid", "binary_cross_entropy"),
    "classes": ("softmax", "cross_entropy"),
    "regression": ("linear", "mse"),
}


def fitted_to(data: Dataset, body: NetworkCreate, config: dict) -> dict:
    """For a CSV dataset, the fields the request leaves out made to fit it.

    layers: the CSV's inputs and outputs around the preset's hidden layers; the output
    activation and loss: the task's (TASK_OUTPUTS).
    """
    given = body.model_dump(exclude_none=True)
    fitted = {}
    if "layers" not in given:
        hidden = config.get("layers", [2, 3, 1])[1:-1]
        inputs = len(given.get("features", [])) or data.inputs.shape[1]
        fitted["layers"] = [inputs, *hidden, data.targets.shape[1]]
    if data.meta["task"] == "regression":
        task = "regression"
    else:
        task = "two classes" if data.targets.shape[1] == 1 else "classes"
    activation, loss = TASK_OUTPUTS[task]
    if "output_activation" not in given:
        fitted["output_activation"] = activation
    if "loss" not in given:
        fitted["loss"] = loss
    return fitted


def build_record(body: NetworkCreate, settings: Settings, owner: str | None) -> NetworkRecord:
    """A new record from a create request; every problem is a 422 naming its field."""
    config = merged_config(body)
    spec, data = config.get("dataset"), None
    if isinstance(spec, CsvDataset):
        data, builtin = resolve_dataset(spec, [], settings)
        config.update(fitted_to(data, body, config))
    layers = config.get("layers", [2, 3, 1])
    check_layers(layers, settings)
    seed = config.get("seed")
    if seed is None:
        seed = secrets.randbits(31)
    with fields_in("body"):
        net = Network.create(
            layers,
            config.get("hidden_activation", "sigmoid"),
            config.get("output_activation", "sigmoid"),
            config.get("loss", "mse"),
            config.get("use_bias", True),
            config.get("init", "xavier"),
            seed,
            config.get("weights"),
            config.get("biases"),
            regularization=config.get("regularization", "none"),
            regularization_rate=config.get("regularization_rate", 0.0),
        )
    net.optimizer = fresh_optimizer(config.get("optimizer"), net)
    features = config.get("features", [])
    if data is None:
        data, builtin = resolve_dataset(spec, point_layers(layers, features), settings)
    data = featured(data, features, layers)
    check_dataset_fits(net, data)
    batch_size = config.get("batch_size", min(10, data.size) or 10)
    if batch_size > settings.max_rows:
        raise FieldError(("body", "batch_size"), f"at most {settings.max_rows}")
    session = Session(net, data, config.get("learning_rate", 0.1), batch_size, seed)
    return NetworkRecord(
        new_network_id(), config["name"], owner, session, config.get("init", "xavier"), builtin
    )


def builtin_spec(doc: ExportDocument) -> str | GeneratedDataset:
    """The built-in an export names: by name, or made as its `generation` says."""
    if doc.generation is None:
        return doc.dataset.name
    return GeneratedDataset(generate=doc.dataset.name, **doc.generation.model_dump())


def keep_csv_info(data: Dataset, info: CsvInfo) -> None:
    """Label an imported dataset with its CSV's columns, when they are as many as its inputs."""
    points = points_of(data)
    if len(info.columns) != points.inputs.shape[1]:
        raise FieldError(
            ("body", "csv", "columns"),
            f"{len(info.columns)} names for {points.inputs.shape[1]} input columns",
        )
    points.meta = data.meta = info.model_dump()


def check_export_is_consistent(doc: ExportDocument, settings: Settings) -> None:
    """Refuse an export that contradicts itself, rather than drop part of it silently."""
    if not doc.use_bias and any(b != 0 for layer in doc.biases for b in layer):
        raise FieldError(("body", "biases"), "non-zero biases with use_bias false; drop one")
    if doc.builtin_dataset:
        if doc.dataset.name not in DATASETS:
            raise FieldError(
                ("body", "dataset", "name"), f"no built-in dataset {doc.dataset.name!r}"
            )
        if doc.generation is None:
            builtin = builtin_dataset(doc.dataset.name)
        else:
            builtin = generated_dataset(
                doc.generation, settings, ("body", "generation"), doc.dataset.name
            )
        for key in ("inputs", "targets", "test_inputs", "test_targets"):
            given, ours = getattr(doc.dataset, key), getattr(builtin, key)
            same = given is None if ours is None else given == ours.tolist()
            if not same:
                raise FieldError(
                    ("body", "dataset", key),
                    f"differs from the built-in {doc.dataset.name!r}; "
                    "send builtin_dataset false to keep these rows",
                )
