import pandas as pd

from tradexl.rules.linking import buyer_index, customer_keys, link_keys, unknown_customer_problems


def _link(rows, customers):
    keys = customer_keys(customers)
    found = buyer_index(customers, keys).identify(rows)
    return link_keys(rows, found), found, keys

CUSTOMERS = pd.DataFrame({
    "Customer ID": ["C1", "", ""],
    "Company": ["Al Noor Trading LLC", "Beta GmbH", "Gamma Ltd"],
    "Email": ["ali@alnoor.ae", "Info@Beta.de; sales@beta.de", ""],
}, index=[2, 3, 4])


def test_customer_keys_id_else_email_else_name():
    assert customer_keys(CUSTOMERS).tolist() == ["C1", "email:info@beta.de", "name:gamma"]


def test_rows_link_by_id_then_email_then_normalised_name():
    rows = pd.DataFrame({
        "Customer ID": ["C1", "", "", "", "C9", ""],
        "Company": ["", "", "GAMMA LIMITED", "Al-Noor Trading L.L.C.", "", "Newco"],
        "Email": ["", "SALES@beta.de", "", "", "", "new@newco.com"],
    }, index=[10, 11, 12, 13, 14, 15])
    keys, _, _ = _link(rows, CUSTOMERS)
    assert keys.tolist() == ["C1", "email:info@beta.de", "name:gamma", "C1", "C9", "email:new@newco.com"]


def test_unknown_customers_are_problems():
    rows = pd.DataFrame({"Customer ID": ["C9", "", ""], "Company": ["", "Newco", ""], "Email": ["", "", ""],
                         "Channel": ["", "Phone", ""]},
                        index=[5, 6, 7])
    keys, found, cust_keys = _link(rows, CUSTOMERS)
    strict = unknown_customer_problems(rows, found, keys, cust_keys, "Follow-ups", strict=True)
    assert [(p.row, p.column, p.value) for p in strict] == [(7, "Customer ID", ""), (5, "Customer ID", "C9"),
                                                            (6, "Company", "Newco")]
    lenient = unknown_customer_problems(rows, found, keys, cust_keys, "Inquiries", strict=False)
    # an inquiry from a buyer nobody knows (typed in after a call) is listed for a person to add
    assert [(p.row, p.value, p.message.split(" –")[0]) for p in lenient] == [
        (5, "C9", "customer not in Customers"), (6, "Newco", "buyer not in Customers")]
