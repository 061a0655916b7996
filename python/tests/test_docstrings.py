"""Every public function's NumPy-style docstring names each parameter of
its signature (with its default) and nothing else, and has Returns."""
import inspect
import re

import pytest

import scaling_laws as sl

FUNCTIONS = [getattr(sl, name) for name in sl.__all__ if inspect.isfunction(getattr(sl, name))]


def documented_parameters(doc):
    """The names of the "Parameters" section of a dedented docstring."""
    section = re.search(r"^Parameters\n-+\n(.*?)^Returns\n", doc, re.S | re.M)
    return re.findall(r"^(\w+) : ", section.group(1), re.M) if section else []


def test_every_public_name_exists_and_functions_are_found():
    for name in sl.__all__:
        assert hasattr(sl, name), name
    assert {"predict", "simulate", "exponents", "optimal_ridge", "compute_optimal", "spectrum"} <= \
        {f.__name__ for f in FUNCTIONS}


@pytest.mark.parametrize("function", FUNCTIONS, ids=[f.__name__ for f in FUNCTIONS])
def test_docstring_names_every_parameter(function):
    doc = inspect.getdoc(function)
    assert doc and "Returns\n-------" in doc, function.__name__
    signature = list(inspect.signature(function).parameters)
    documented = documented_parameters(doc)
    assert sorted(documented) == sorted(signature), (function.__name__, set(signature) ^ set(documented))
    assert len(documented) == len(set(documented)), function.__name__


@pytest.mark.parametrize("function", FUNCTIONS, ids=[f.__name__ for f in FUNCTIONS])
def test_optional_parameters_state_their_default(function):
    doc = inspect.getdoc(function)
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.default is inspect.Parameter.empty:
            continue
        entry = re.search(r"^%s : .*?(?=^\w+ : |^\S|\Z)" % name, doc, re.S | re.M)
        assert entry, (function.__name__, name)
        # A default, or the condition under which the argument is required.
        assert re.search(r"Default|default|Required", entry.group(0)), (function.__name__, name)
