"""The functional core: pure rules on pandas DataFrames (`today`/`now` passed in; no files, Excel or clock).

`enrich` turns the raw `InputTables` into the `Enriched` frames reports read; `computed_columns` picks out
what the shells write back into the Inquiries and Customers sheets.
"""

from tradexl.rules.enrich import computed_columns, enrich
from tradexl.rules.identity import email_domain, is_free_mail, normalize_company, normalize_phone
from tradexl.rules.regions import region_of, regions_for
from tradexl.rules.replies import REPLY_STATUSES

__all__ = ["REPLY_STATUSES", "computed_columns", "email_domain", "enrich", "is_free_mail", "normalize_company",
           "normalize_phone", "region_of", "regions_for"]
