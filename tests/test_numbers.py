import pytest
from hypothesis import given, strategies as st

from extractors.normalise.numbers import parse_digits, parse_number, parse_number_words


@pytest.mark.parametrize("text, expected", [
    ("706", 706.0),
    ("1,300", 1300.0),
    ("14,699.88", 14699.88),
    ("10 000", 10000.0),
    ("2\u00a0200", 2200.0),
    ("2\u2009200", 2200.0),
    ("2\u202f200", 2200.0),
    ("43.431", 43.431),
    (".5", 0.5),
    ("1,000,000", 1000000.0),
    ("12a", None),
    ("", None),
])
def test_numbers_parse_digits(text, expected):
    assert parse_digits(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("three", 3.0),
    ("twenty-five", 25.0),
    ("two hundred", 200.0),
    ("a hundred and seventy-six", 176.0),
    ("three hundred and thirty-three", 333.0),
    ("six thousand two hundred", 6200.0),
    ("a billion", 1e9),
    ("seven crore", 7e7),
    ("forty-seven", 47.0),
    ("twelve", 12.0),
    ("a", None),
    ("apple", None),
    ("three apples", None),
])
def test_numbers_parse_number_words(text, expected):
    assert parse_number_words(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2.5 million", 2.5e6),
    ("93 million", 93e6),
    ("200 thousand", 2e5),
    ("1.2 bn", 1.2e9),
    ("five", 5.0),
    ("5 apples", None),
])
def test_numbers_parse_number_with_scale(text, expected):
    assert parse_number(text) == expected


@given(st.text(max_size=40))
def test_numbers_never_raise(text):
    parse_number(text)
    parse_digits(text)
    parse_number_words(text)
