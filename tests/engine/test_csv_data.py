"""CSV text to a dataset: classes or regression, standardisation, and errors naming the cell."""

import numpy as np
import pytest

from app.engine import EngineError, csv_dataset


def read(text: str, target: str = "y", standardize: bool = False, rows=100, inputs=10):
    """csv_dataset with generous limits unless told."""
    return csv_dataset(text, target, standardize, rows, inputs)


def refusal(text: str, target: str = "y", **limits) -> EngineError:
    with pytest.raises(EngineError) as info:
        read(text, target, **limits)
    return info.value


def test_two_text_labels_are_one_0_1_column_in_sorted_order():
    data = read("a,b,y\n1,2,dog\n3,4,cat\n5,6,dog\n")
    assert data.inputs.tolist() == [[1, 2], [3, 4], [5, 6]]
    assert data.targets.tolist() == [[1], [0], [1]]
    assert data.meta["task"] == "classification"
    assert data.meta["classes"] == ["cat", "dog"]
    assert data.meta["columns"] == ["a", "b"]


def test_a_few_whole_numbers_are_one_hot_classes_and_the_target_may_be_any_column():
    data = read("y,x\n2,0.5\n0,1.5\n1,2.5\n2,3.5\n", target="y")
    assert data.inputs.tolist() == [[0.5], [1.5], [2.5], [3.5]]
    assert data.targets.tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
    assert data.meta["classes"] == ["0", "1", "2"]


def test_fractions_or_many_whole_numbers_are_a_regression():
    data = read("x,y\n1,0.5\n2,1.5\n3,2\n")
    assert data.meta == {
        "columns": ["x"],
        "target": "y",
        "task": "regression",
        "classes": None,
        "standardization": None,
    }
    assert data.targets.tolist() == [[0.5], [1.5], [2.0]]
    many = read("x,y\n" + "".join(f"{k},{k * 3}\n" for k in range(11)))
    assert many.meta["task"] == "regression" and many.targets.shape == (11, 1)


def test_standardized_columns_have_mean_0_and_std_1_and_the_state_keeps_the_scaling():
    data = read("a,c,y\n1,7,0\n2,7,1\n3,7,0\n", standardize=True)
    assert np.allclose(data.inputs[:, 0].mean(), 0) and np.allclose(data.inputs[:, 0].std(), 1)
    assert data.inputs[:, 1].tolist() == [0, 0, 0]  # a constant column: scale 1, not 0
    scaling = data.meta["standardization"]
    assert scaling["means"] == [2.0, 7.0]
    assert scaling["scales"] == [pytest.approx(np.std([1, 2, 3])), 1.0]


def test_quoted_fields_blank_lines_and_spaces_are_read():
    data = read('"x, in",y\n\n" 1.5 ",0\n2e1,1\n\n')
    assert data.inputs.tolist() == [[1.5], [20.0]]
    assert data.meta["columns"] == ["x, in"]


@pytest.mark.parametrize(
    ("text", "target", "message"),
    [
        ("x1,x2,y\n1,2,0\n1,abc,1\n", "y", 'line 3, column x2: "abc" is not a number'),
        ("x1,x2,y\n\n1,2,0\n1,,1\n", "y", 'line 4, column x2: "" is not a number'),
        ("x1,y\n1,0\nnan,1\n", "y", 'line 3, column x1: "nan" is not a number'),
        ("x1,y\n1,0\n1e999,1\n", "y", 'line 3, column x1: "1e999" is not a number'),
        ("x1,y\n1,0\n2,1,5\n", "y", "line 3: 3 fields, the header has 2"),
        ("x1,y\n1,0.5\n2,oops\n", "y", 'line 3, column y: "oops" is not a number'),
        ("x1,,y\n1,2,0\n", "y", "line 1: column 2 has no name"),
        ("x,x,y\n1,2,0\n", "y", "line 1: column x appears twice"),
        ("x1,y\n", "y", "no data rows after the header"),
        ("\n\n", "y", "empty: a header row and at least one data row"),
        ("y\n1\n0\n", "y", "no input column besides the target"),
        ('x,y\n"1,0\n', "y", "line 2: unexpected end of data"),
        ('x,y\n"1"a,0\n', "y", "line 2: ',' expected after '\"'"),
    ],
)
def test_bad_csv_names_the_line_and_column(text, target, message):
    error = refusal(text, target)
    assert (error.field, error.message) == ("dataset.csv", message)


def test_the_target_must_be_a_column_with_two_values_or_more():
    assert refusal("a,b\n1,2\n", target="y").field == "dataset.target"
    assert "the columns are ['a', 'b']" in refusal("a,b\n1,2\n", target="y").message
    one = refusal("x,y\n1,ok\n2,ok\n")
    assert (one.field, one.message) == (
        "dataset.target",
        "column y has one value (ok): nothing to learn",
    )


def test_rows_and_input_columns_stay_within_the_limits():
    assert refusal("x,y\n1,0\n2,1\n3,0\n", rows=2).message == "3 data rows; at most 2"
    assert refusal("a,b,c,y\n1,2,3,0\n", inputs=2).message == "3 input columns; at most 2"
