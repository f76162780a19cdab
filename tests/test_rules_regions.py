import pandas as pd
import pytest

from tradexl.rules.regions import ALL_COUNTRIES, find_country, region_of, regions_for
from tradexl.settings import DEFAULT_REGIONS


@pytest.mark.parametrize(("country", "region"), [
    ("UAE", "Middle East"), ("U.A.E.", "Middle East"), ("United Arab Emirates", "Middle East"),
    ("阿联酋", "Middle East"),
    ("USA", "North America"), ("U.S.A.", "North America"), ("us", "North America"), ("美国", "North America"),
    ("UK", "Europe"), ("Great Britain", "Europe"), ("GBR", "Europe"), ("德国", "Europe"), ("de", "Europe"),
    ("KSA", "Middle East"), ("Saudi", "Middle East"), ("沙特", "Middle East"),
    ("Vietnam", "Southeast Asia"), ("Viet Nam", "Southeast Asia"), ("越南", "Southeast Asia"),
    ("Korea", "East Asia"), ("South Korea", "East Asia"), ("Russia", "Russia & Central Asia"),
    ("Türkiye", "Middle East"), ("Turkey", "Middle East"), ("india", "South Asia"), ("Nigeria", "Africa"),
    ("Brazil", "Latin America"), ("Mexico", "Latin America"), ("Australia", "Oceania"), ("Kazakhstan",
    "Russia & Central Asia"), ("  the Netherlands ", "Europe"), ("Côte d'Ivoire", "Africa"), ("Ivory Coast", "Africa"),
])
def test_builtin_map_reads_common_spellings(country, region):
    assert region_of(country) == region


@pytest.mark.parametrize("country", ["Narnia", "", None, "xx"])
def test_unknown_or_blank_country_has_no_region(country):
    assert region_of(country) == ""


def test_every_iso_country_maps_to_a_settings_region():
    regions = {r.region for r in DEFAULT_REGIONS}
    assert len(ALL_COUNTRIES) == 249
    assert {c.region for c in ALL_COUNTRIES} == regions


def test_override_wins_and_covers_every_spelling_of_that_country():
    overrides = {"Turkey": "Europe", "Narnia": "Middle East"}
    assert region_of("Türkiye", overrides) == "Europe"
    assert region_of("TR", overrides) == "Europe"
    assert region_of("narnia", overrides) == "Middle East"
    assert region_of("UAE", overrides) == "Middle East"


def test_regions_for_a_column():
    result = regions_for(pd.Series(["UAE", None, "Narnia", "UAE"], index=[5, 6, 7, 8]))
    assert result.tolist() == ["Middle East", "", "", "Middle East"]
    assert result.index.tolist() == [5, 6, 7, 8]


def test_find_country_gives_iso_codes():
    country = find_country("阿联酋")
    assert (country.alpha2, country.alpha3) == ("AE", "ARE")
