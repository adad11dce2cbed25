"""Export to code: the numpy and PyTorch scripts and the notebook give the server's numbers."""

import ast
import json
import subprocess
import sys

import numpy as np
import pytest

from app.code_export import plain_text

from .helpers import NETWORKS, assert_names, create

# one of each optimizer, loss, output rule and penalty; each trained a little first, so the
# optimizer has state and the batch cursor sits inside an epoch (batches that end it short)
NETWORKS_TO_EXPORT = {
    "sgd-mse": dict(preset="xor", seed=3, learning_rate=0.5, batch_size=3),
    "nesterov-linear": dict(
        layers=[2, 4, 1],
        hidden_activation="leaky_relu",
        output_activation="linear",
        loss="mse",
        dataset="circle",
        batch_size=7,
        learning_rate=0.02,
        optimizer={"name": "sgd", "momentum": 0.9, "nesterov": True},
        use_bias=False,
    ),
    "adam-softmax-l2": dict(
        layers=[2, 5, 3],
        hidden_activation="tanh",
        output_activation="softmax",
        loss="cross_entropy",
        dataset="blobs3",
        batch_size=16,
        learning_rate=0.05,
        optimizer={"name": "adam", "betas": [0.8, 0.99], "eps": 1e-7},
        regularization="l2",
        regularization_rate=0.01,
    ),
    "rmsprop-bce-l1": dict(
        layers=[2, 6, 3, 1],
        hidden_activation="relu",
        output_activation="sigmoid",
        loss="binary_cross_entropy",
        dataset="spiral",
        batch_size=10,
        learning_rate=0.01,
        optimizer={"name": "rmsprop", "alpha": 0.9},
        regularization="l1",
        regularization_rate=0.001,
    ),
    "momentum-features": dict(
        preset="xor",
        layers=[3, 3, 1],
        features=["x1", "x2", "x1_x2"],
        batch_size=3,
        optimizer={"name": "sgd", "momentum": 0.5},
    ),
    "mse-on-softmax": dict(
        layers=[2, 3, 3],
        hidden_activation="sigmoid",
        output_activation="softmax",
        loss="mse",
        dataset="blobs3",
        batch_size=32,
        learning_rate=0.3,
    ),
}
STEPS = 40  # more than an epoch of the small batches: the next epoch's order is used too


def trained(client, name: str) -> str:
    """A network of NETWORKS_TO_EXPORT after 13 steps; its id."""
    net = create(client, **NETWORKS_TO_EXPORT[name])
    assert client.post(f"{NETWORKS}/{net['id']}/train", json={"steps": 13}).status_code == 200
    return net["id"]


def run_script(path, *args: str) -> dict:
    """Run an exported script in isolation (-I: no app on the path) and read its JSON."""
    done = subprocess.run(
        [sys.executable, "-I", str(path), *args],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def server_train(client, nid: str, steps: int) -> dict:
    """POST /train and the numbers a script prints for the same steps."""
    response = client.post(f"{NETWORKS}/{nid}/train", json={"steps": steps})
    assert response.status_code == 200, response.text
    body = response.json()
    net = body["network"]
    return {"weights": net["weights"], "biases": net["biases"], "losses": body["losses"]}


def assert_same(ours: dict, theirs: dict, tolerance: float, rtol: float = 0) -> None:
    """The same weights, biases and losses within `tolerance` (or `rtol` of their size),
    and as many losses."""
    assert set(ours) == {"weights", "biases", "losses"}
    assert len(ours["losses"]) == len(theirs["losses"])
    np.testing.assert_allclose(ours["losses"], theirs["losses"], rtol=rtol, atol=tolerance)
    for key in ("weights", "biases"):
        for mine, server in zip(ours[key], theirs[key], strict=True):
            np.testing.assert_allclose(np.array(mine), np.array(server), rtol=rtol, atol=tolerance)


def imports(text: str) -> set[str]:
    """The top-level modules a script imports."""
    names = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module.split(".")[0])
    return names


def download(client, nid: str, fmt: str, tmp_path):
    """GET the export in `fmt`, checked as a download, saved under its file name."""
    response = client.get(f"{NETWORKS}/{nid}/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    path = tmp_path / disposition.split('"')[1]
    path.write_text(response.text)
    return path, response


@pytest.mark.parametrize("name", sorted(NETWORKS_TO_EXPORT))
def test_the_numpy_script_trains_on_to_the_servers_numbers(client, tmp_path, name):
    nid = trained(client, name)
    path, response = download(client, nid, "numpy", tmp_path)
    assert response.headers["content-type"].startswith("text/x-python")
    assert imports(response.text) == {"argparse", "json", "numpy"}
    ours = run_script(path, "--steps", str(STEPS), "--json")
    assert_same(ours, server_train(client, nid, STEPS), 1e-12)


def test_the_script_stops_where_the_server_stops_a_diverging_run(client, tmp_path):
    body = dict(layers=[2, 4, 1], hidden_activation="linear", output_activation="linear")
    nid = create(client, **body, loss="mse", dataset="xor", learning_rate=5.0, batch_size=4)["id"]
    path, _ = download(client, nid, "numpy", tmp_path)
    ours = run_script(path, "--steps", str(STEPS), "--json")
    server = server_train(client, nid, STEPS)
    assert 0 < len(server["losses"]) < STEPS  # the server stopped early
    assert_same(ours, server, 1e-12, rtol=1e-12)  # the numbers grow to 1e105 before it stops


def test_the_script_holds_the_parameters_exactly_and_reads_well(client, tmp_path):
    nid = trained(client, "adam-softmax-l2")
    path, response = download(client, nid, "numpy", tmp_path)
    assert path.name.endswith(".py")
    ours = run_script(path, "--steps", "0", "--json")
    server = client.get(f"{NETWORKS}/{nid}").json()
    assert (ours["weights"], ours["biases"]) == (server["weights"], server["biases"])  # bits
    text = response.text
    # the math beside the code: the delta of softmax + cross-entropy and Adam's update
    assert "(p_k \\sum_j t_j - t_k) / B" in text and "\\beta_1^t" in text
    assert "def backward(" in text and "def update(" in text
    assert max(len(line) for line in text.splitlines()) <= 100


@pytest.mark.parametrize(
    "name", ["sgd-mse", "nesterov-linear", "adam-softmax-l2", "rmsprop-bce-l1"]
)
def test_the_pytorch_script_trains_on_to_the_servers_numbers(client, tmp_path, name):
    pytest.importorskip("torch")
    nid = trained(client, name)
    path, response = download(client, nid, "pytorch", tmp_path)
    assert (
        {"torch", "numpy"}
        <= imports(response.text)
        <= {"argparse", "copy", "json"}
        | {
            "numpy",
            "torch",
        }
    )
    assert "torch.optim." in response.text and "torch.nn.Linear" in response.text
    ours = run_script(path, "--steps", str(STEPS), "--json")
    assert_same(ours, server_train(client, nid, STEPS), 1e-10)


def test_the_notebook_runs_with_the_math_in_markdown(client, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nid = trained(client, "rmsprop-bce-l1")
    path, response = download(client, nid, "ipynb", tmp_path)
    assert path.suffix == ".ipynb"
    notebook = nbformat.reads(response.text, as_version=4)
    nbformat.validate(notebook)
    markdown = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    assert any("\\delta_k" in m for m in markdown) and any("RMSprop" in m for m in markdown)
    (parameters,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    parameters.source = f"STEPS = {STEPS}"
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    printed = notebook.cells[-1].outputs[0]["text"]
    assert_same(json.loads(printed), server_train(client, nid, STEPS), 1e-12)


def test_an_unknown_format_is_a_422_naming_it_and_json_stays_the_default(client):
    nid = create(client, preset="xor")["id"]
    assert_names(client.get(f"{NETWORKS}/{nid}/export", params={"format": "matlab"}), "format")
    default = client.get(f"{NETWORKS}/{nid}/export")
    assert default.headers["content-type"] == "application/json"
    assert default.json() == client.get(f"{NETWORKS}/{nid}/export?format=json").json()
    assert default.json()["format"] == "backprop-visualizer/1"


def test_code_export_counts_against_the_budget(make_client):
    client = make_client(max_response_bytes=40_000)
    nid = create(client, preset="xor")["id"]
    assert client.get(f"{NETWORKS}/{nid}/export", params={"format": "numpy"}).status_code == 200
    big = create(client, layers=[2, 64, 1], dataset="circle")["id"]
    refused = client.get(f"{NETWORKS}/{big}/export", params={"format": "numpy"})
    assert_names(refused, "format")
    assert "bytes" in refused.json()["detail"][0]["msg"]
    # writing each number costs work too: 25 numbers of XOR fit 100,000, 2,000 do not
    tight = make_client(max_work=100_000, db_path=client.app.state.settings.db_path)
    assert tight.get(f"{NETWORKS}/{nid}/export", params={"format": "ipynb"}).status_code == 200
    over = tight.get(f"{NETWORKS}/{big}/export", params={"format": "pytorch"})
    assert_names(over, "format")
    assert "work budget" in over.json()["detail"][0]["msg"]


def test_a_name_cannot_break_out_of_its_comment(client, tmp_path):
    assert plain_text("a\nb\rc\x00") == "abc"
    nid = create(client, preset="xor", name="x\u2028import os; os.exit(3)")["id"]
    path, response = download(client, nid, "numpy", tmp_path)
    assert run_script(path, "--steps", "1", "--json")["losses"]
    assert path.name == "x-import-os-os-exit-3.py"
