"""Number words and relative dates, the two small parsers the figure suggester leans on."""

from __future__ import annotations

from datetime import date

import pytest

from testimonia.core.suggest import dates, numbers


@pytest.mark.parametrize(("expr", "value"), [
    ("2,000", 2000), ("1.5 million", 1_500_000), ("twenty-five", 25), ("Ninety nine", 99), ("a dozen", 12),
    ("three hundred", 300), ("two thousand", 2000), ("seventeen", 17), ("dozens", None),
])
def test_english_values(expr: str, value: float | None) -> None:
    assert numbers.en_value(expr) == value


@pytest.mark.parametrize(("expr", "value"), [
    ("2천", 2000), ("1만 2천", 12000), ("1만", 10000), ("천", 1000), ("백", 100), ("삼백", 300), ("다섯", 5),
    ("600", 600), ("1,200", 1200), ("수백", None), ("수천", None),
])
def test_korean_values(expr: str, value: float | None) -> None:
    assert numbers.ko_value(expr) == value


def test_the_articles_own_date_is_its_dateline() -> None:
    assert dates.publication_date("Menu\n\nBy A. Writer | Published 14 March 2024, 09:12\n") == date(2024, 3, 14)
    assert dates.publication_date("Geneva, June 12, 2024 | 6 min read\n") == date(2024, 6, 12)
    assert dates.publication_date("입력 2024.04.17 10:31\n") == date(2024, 4, 17)
    assert dates.publication_date("2023년 12월 8일 | 정치부\n") == date(2023, 12, 8)
    assert dates.publication_date("No date here at all.\n") is None


PUB = date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize(("sentence", "expected"), [
    ("moved overnight on Tuesday", "2024-03-12"),
    ("raided last Thursday", "2024-03-07"),
    ("returned last October", "2023-10"),
    ("on the night of October 9 last year", "2023-10-09"),
    ("the count since January", "2024-01"),
    ("held in 2013", "2013"),
    ("the total this year", "2024"),
    ("one year ago", "2023-03"),
    ("held in detention currently", "2024-03"),
    ("sent back recently", None),
])
def test_english_relative_dates(sentence: str, expected: str | None) -> None:
    assert dates.date_near(sentence, 0, PUB, korean=False) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("지난해 10월 북송됐다", "2023-10"),
    ("지난 19일 북송됐다", "2024-02-19"),
    ("지난 2일 북송됐다", "2024-03-02"),
    ("지난주 체포됐다", "2024-03"),
    ("올해 입국한 탈북민", "2024"),
    ("3월 말 기준", "2024-03"),
])
def test_korean_relative_dates(sentence: str, expected: str) -> None:
    assert dates.date_near(sentence, 0, PUB, korean=True) == expected


def test_no_article_date_means_no_figure_date() -> None:
    assert dates.date_near("returned last October", 0, None, korean=False) is None
