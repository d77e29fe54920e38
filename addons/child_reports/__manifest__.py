{
    "name": "Child Protection Reports",
    "summary": "Official documents and workbooks of the child-protection suite: the allowance reconciliation "
               "workbook, the event settlement workbook, the Vietnamese amount in words",
    "version": "11.0.1.0.0",
    "category": "Government",
    "author": "Child Protection Suite contributors",
    "website": "https://example.org/child-protection",
    "license": "AGPL-3",
    "depends": ["child_protection", "child_events", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "report/child_reports_reports.xml",
        "views/child_allowance_reconciliation_views.xml",
        "views/child_event_views.xml",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "installable": True,
}
