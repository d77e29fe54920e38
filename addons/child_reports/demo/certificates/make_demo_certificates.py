"""Make the demo's certificates again: a demo authority, the personal certificates of the demo signers and the
seals of the demo committees, every PKCS#12 file with the password "demo".

Run from the repository's root with the project's Python (cryptography and pyHanko come from requirements.txt):

    .venv/bin/python addons/child_reports/demo/certificates/make_demo_certificates.py

The authority's private key is not kept: running it again makes a new authority and new files. A personal
certificate's subject (common name) must name its user exactly as the demo user is called (res_users_demo.xml):
the suite refuses it otherwise.
"""
import datetime
import importlib.util
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("signing", str(HERE.parent.parent / "engines" / "signing.py"))
signing = importlib.util.module_from_spec(spec)
spec.loader.exec_module(signing)

PASSWORD = "demo"
START, END = datetime.datetime(2025, 1, 1), datetime.datetime(2035, 12, 31, 23, 59)
#: file name -> (common name, organisation or None)
HOLDERS = {
    "leader.p12": ("Lê Thị Hồng Nhung", None),
    "vice_chair.p12": ("Nguyễn Thị Thanh Hà", None),
    "committee_long_bien.p12": ("Ủy ban nhân dân quận Long Biên", "Ủy ban nhân dân quận Long Biên"),
    "committee_bo_de.p12": ("Ủy ban nhân dân phường Bồ Đề", "Ủy ban nhân dân phường Bồ Đề"),
}


def main():
    authority = signing.make_authority("Child Protection DEMO CA (not trusted outside the demo)",
                                       not_before=START, not_after=datetime.datetime(2045, 12, 31))
    (HERE / "demo_ca.pem").write_bytes(authority["cert_pem"])
    for name, (common_name, organisation) in HOLDERS.items():
        (HERE / name).write_bytes(signing.issue_pkcs12(authority, common_name, organisation, password=PASSWORD,
                                                       not_before=START, not_after=END))
        print(name, common_name)


if __name__ == "__main__":
    main()
