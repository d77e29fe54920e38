{
    "name": "Child Protection",
    "summary": "Annual child-protection plans of People's Committees: agencies, areas, indicators, "
               "issue with a Decree 30 number",
    "version": "11.0.1.0.0",
    "category": "Government",
    "author": "Child Protection Suite contributors",
    "website": "https://example.org/child-protection",
    "license": "AGPL-3",
    "depends": ["mail"],
    "data": [
        "security/child_protection_security.xml",
        "security/ir.model.access.csv",
        "security/child_protection_rules.xml",
        "views/child_area_views.xml",
        "views/child_agency_views.xml",
        "views/child_plan_indicator_views.xml",
        "views/child_plan_views.xml",
        "views/child_protection_menus.xml",
    ],
    "demo": [
        "demo/child_area_demo.xml",
        "demo/child_agency_demo.xml",
        "demo/res_users_demo.xml",
        "demo/child_plan_demo.xml",
    ],
    "installable": True,
    "application": True,
}
