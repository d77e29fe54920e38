{
    "name": "Child Protection Reports",
    "summary": "Official documents and workbooks: the plan in the Decree 30 layout (PDF, DOCX), signed at "
               "issue with a QR verification page; periodic reports; XLSX workbooks; amounts in words",
    "version": "11.0.1.1.0",
    "category": "Government",
    "author": "Child Protection Suite contributors",
    "website": "https://example.org/child-protection",
    "license": "AGPL-3",
    "depends": ["child_protection", "child_events", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/child_reports_rules.xml",
        "report/child_reports_reports.xml",
        "report/child_plan_draft_report.xml",
        "report/child_plan_report_reports.xml",
        "views/child_allowance_reconciliation_views.xml",
        "views/child_event_views.xml",
        "views/child_document_views.xml",
        "views/child_plan_report_views.xml",
        "views/child_document_templates.xml",
    ],
    "demo": [
        "demo/child_reports_demo.xml",
    ],
    "external_dependencies": {"python": ["xlsxwriter", "weasyprint", "qrcode", "pyhanko", "docx"]},
    "installable": True,
}
