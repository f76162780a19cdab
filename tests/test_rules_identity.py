import pytest

from tradexl.rules.identity import email_domain, is_free_mail, normalize_company, normalize_phone


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


@pytest.mark.parametrize(("phone", "expected"), [
    ("(+971) 50-123 4567", "+971501234567"), ("0086 574 8888 1234", "+8657488881234"), ("021-5555 1234", "02155551234"),
    (8613800000000.0, "8613800000000"), ("n/a", ""), (None, ""),
])
def test_normalize_phone(phone, expected):
    assert normalize_phone(phone) == expected
