import pytest

from tradexl.rules.identity import (
    email_domain,
    is_free_mail,
    normalize_company,
    normalize_phone,
    phone_numbers,
    region_hint,
)


@pytest.mark.parametrize(("email", "free"), [
    ("a@gmail.com", True), ("b@yahoo.co.uk", True), ("c@yahoo.com.cn", True), ("d@163.com", True),
    ("e@vip.163.com", True), ("f@qq.com", True), ("g@hotmail.fr", True), ("h@mail.ru", True), ("i@web.de", True),
    ("j@me.com", True), ("k@protonmail.com", True), ("l@naver.com", True), ("m@yeah.net", True),
    ("ali@alnoor.ae", False), ("buyer@company.me", False), ("sales@mail-company.com", False), ("", False),
    ("gmail.com", True),
])
def test_is_free_mail(email, free):
    assert is_free_mail(email) is free


def test_email_domain():
    assert email_domain("Ali <ali@Noor-Trading.AE>") == "noor-trading.ae"
    assert email_domain("no address") == ""


@pytest.mark.parametrize(("a", "b"), [
    ("Al Noor Trading L.L.C.", "AL-NOOR TRADING LLC"), ("ABC Co., Ltd.", "abc limited"),
    ("Müller GmbH", "MÜLLER"), ("Acme S.R.L.", "acme srl"), ("OOO Romashka", "Romashka JSC"),
    ("宁波明华电器有限公司", "宁波明华电器"), ("Gulf Est.", "Gulf Establishment"), ("Delta FZE", "delta fzco"),
])
def test_normalize_company_ignores_case_punctuation_and_legal_words(a, b):
    assert normalize_company(a) == normalize_company(b) != ""


def test_normalize_company_keeps_a_name_made_only_of_legal_words():
    assert normalize_company("Trading Co.") == "trading co"
    assert normalize_company(None) == ""


@pytest.mark.parametrize(("phone", "region", "expected"), [
    ("(+971) 50-123 4567", "", "+971501234567"),
    ("+971 (0)4 123 4567", "", "+97141234567"),          # "(0)" trunk digit dropped
    ("00971 4 1234567", "", "+97141234567"),             # "00" is "+"
    ("04 123 4567", "AE", "+97141234567"),               # local number, region from the row's country
    ("0086 574 8888 1234", "", "+8657488881234"),
    ("(713) 555-0142", "US", "+17135550142"),
    ("+1 713 555 0142 ext. 23", "", "+17135550142"),    # extension dropped
    ("+1 (416) 555-0199", "", "+14165550199"),           # Canada: another +1 country
    ("020 7946 0018", "GB", "+442079460018"),
    ("+44 (0)20 7946 0018", "", "+442079460018"),
    ("021-5555 1234", "", "02155551234"),                # no code and no hint: only its own digits
    (8613800000000.0, "", "+8613800000000"),             # Excel lost the "+"; a valid number with its code
    ("555-0142", "US", ""),                              # too short to identify anyone
    ("n/a", "", ""), (None, "", ""),
])
def test_normalize_phone(phone, region, expected):
    assert normalize_phone(phone, region) == expected


def test_phone_numbers_in_a_signature_include_fax_lines_but_not_postcodes():
    signature = ("Ahmed Saleh | Purchasing\nAl Noor Trading L.L.C.\nP.O. Box 123456, Dubai, UAE\n"
                 "Tel: +971 4 123 4567   Fax: +971 4 123 4568\nMob: 050 123 4567\nTRN 100234567800003")
    assert phone_numbers(signature, "AE", strict=True) == ("+97141234567", "+97141234568", "+971501234567")


@pytest.mark.parametrize(("country", "email", "hint"), [
    ("UAE", "", "AE"), ("", "ali@noor.com.sa", "SA"), ("", "bob@shop.co.uk", "GB"), ("", "x@brand.io", ""),
    ("Kenya", "x@firm.de", "KE"), ("", "x@gmail.com", ""),
])
def test_region_hint_from_country_else_cctld(country, email, hint):
    assert region_hint(country, email) == hint
