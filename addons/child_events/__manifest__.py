{
    "name": "Child Events",
    "summary": "Action Month and the other child events: participation feeding the plan's indicator, budgets by "
               "funding source with revisions, gifts and recipients per ward, settlement",
    "version": "11.0.1.0.0",
    "category": "Government",
    "author": "Child Protection Suite contributors",
    "website": "https://example.org/child-protection",
    "license": "AGPL-3",
    "depends": ["child_protection"],
    "data": [
        "security/child_events_security.xml",
        "security/ir.model.access.csv",
        "security/child_events_rules.xml",
        "data/auditlog_rule_data.xml",
        "views/child_event_views.xml",
        "views/child_event_report_views.xml",
        "views/child_events_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/child_event_demo.xml",
    ],
    "installable": True,
    "application": False,
}
