"""Headers teams use in their own customer lists, beyond the contract's names and Chinese labels, as data.

`schema.py` holds what the engine itself accepts; these extra words are only used to *recognise* a sheet the
user already keeps (客户资料.xlsx, "Customer List.xlsx"). The adopted rows are copied under the contract's own
header, so the engine never needs to know them.
"""

from __future__ import annotations

from tradexl.schema import SHEETS_BY_KEY, normalize_header

EXTRA: dict[str, dict[str, tuple[str, ...]]] = {
    "customers": {
        "Customer ID": ("Customer No", "Client ID", "客户代码", "客户号"),
        "Company": ("Company Name", "Customer", "Customer Name", "Client", "Client Name", "Buyer", "客户",
                    "公司名", "客户公司", "买家"),
        "Contact": ("Contact Person", "Contact Name", "联系人姓名", "姓名"),
        "Email": ("E-mail", "Mail", "Email Address", "E-mail Address", "邮箱地址", "电邮", "邮件地址"),
        "Phone": ("Tel", "Tel.", "Telephone", "Mobile", "Phone No", "Phone Number", "手机", "电话号码", "联系电话",
                  "手机号"),
        "Fax": ("Fax No", "传真号"),
        "Country": ("Nation", "Country/Region", "国别", "国家/地区", "国家地区"),
        "Type": ("Customer Type", "Business Type", "客户性质"),
        "Source": ("Lead Source", "Customer Source", "客户来源"),
        "Owner": ("Sales", "Salesperson", "Sales Rep", "Account Manager", "业务", "销售", "跟单员", "负责业务员"),
        "Grade": ("Level", "Rank", "客户等级", "级别"),
        "Notes": ("Note", "Remark", "Remarks", "Comment", "Comments", "备注说明"),
    },
    "inquiries": {
        "Received": ("Date", "Inquiry Date", "Received Date", "询盘日期", "收到日期"),
        "Company": ("Company Name", "Customer", "Customer Name", "Buyer", "客户", "买家"),
        "Contact": ("Contact Person", "联系人姓名"),
        "Email": ("E-mail", "Mail", "Email Address", "邮箱地址"),
        "Phone": ("Tel", "Telephone", "Mobile", "手机", "联系电话"),
        "Product": ("Products", "Item", "Model", "Model No", "产品名称", "询盘产品"),
        "Quantity": ("Qty", "Quantity (pcs)", "需求数量"),
        "Target Price": ("Target", "目标单价"),
        "Message": ("Inquiry", "Content", "Requirement", "需求", "询盘详情"),
        "Owner": ("Sales", "Salesperson", "Sales Rep", "业务", "销售"),
    },
    "followups": {
        "Date": ("Follow-up Date", "Contact Date", "联系日期"),
        "Company": ("Company Name", "Customer", "Customer Name", "客户"),
        "Channel": ("Method", "Way", "联系方式"),
        "Summary": ("Result", "Follow-up", "跟进记录", "沟通内容", "跟进情况"),
        "Next Step": ("Next Action", "Next Steps", "下一步计划", "下次跟进"),
        "By": ("Sales", "Salesperson", "跟进业务员"),
    },
    "quotes": {
        "Quote No": ("Quotation No", "Quote Number", "Quotation Number", "报价单号码"),
        "Date": ("Quote Date", "Quotation Date"),
        "Company": ("Company Name", "Customer", "Customer Name", "客户"),
        "Model": ("Item", "Item No", "Model No", "货号"),
        "Quantity": ("Qty",),
        "Unit Price": ("Price", "报价"),
        "Valid Until": ("Validity", "Valid Till", "有效期"),
        "By": ("Sales", "Salesperson"),
    },
    "products": {
        "Model": ("Model No", "Item No", "Item", "货号"),
        "Name": ("Product Name", "Description", "产品"),
        "MOQ": ("Min Order", "Minimum Order"),
        "Base Price": ("Price", "Unit Price", "FOB Price", "价格", "出厂价"),
        "Certifications": ("Certificate", "Certificates", "证书"),
    },
    "samples": {
        "Date": ("Sample Date", "Sent Date"),
        "Company": ("Company Name", "Customer", "客户"),
        "Courier": ("Express", "快递公司"),
        "Tracking No": ("Tracking Number", "AWB", "快递单号"),
        "Cost": ("Sample Cost", "样品费"),
    },
}


def labels(key: str) -> dict[str, str]:
    """Normalised header text -> canonical column, for one input sheet (contract labels first)."""
    sheet = SHEETS_BY_KEY[key]
    out: dict[str, str] = {}
    for col in sheet.user_columns:
        for label in col.labels():
            out.setdefault(normalize_header(label), col.name)
    for name, extra in EXTRA.get(key, {}).items():
        for label in extra:
            out.setdefault(normalize_header(label), name)
    return out
