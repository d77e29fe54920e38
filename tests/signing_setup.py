"""Issuing needs the signer's personal certificate and the issuer's seal (issue 12): the administrator's set-up of
both for the end-to-end tests, with one test authority a run."""
import base64
import functools

from child_reports_engines import signing


@functools.lru_cache(maxsize=1)
def authority():
    return signing.make_authority("End-to-end test authority")


def add_signer(admin, user_id, name):
    """The personal certificate of the user ``user_id`` called ``name`` (its subject names them)."""
    return admin.call("child.signing.certificate", "create", {
        "name": "Chữ ký số của %s" % name, "kind": "signer", "user_id": user_id, "password": "p",
        "data": base64.b64encode(signing.issue_pkcs12(authority(), name, password="p")).decode()})


def add_seal(admin, agency_id, name="UBND thử nghiệm"):
    """The seal (organisation certificate) of the issuing body ``agency_id``."""
    return admin.call("child.signing.certificate", "create", {
        "name": "Con dấu %s" % name, "kind": "organisation", "agency_id": agency_id, "password": "p",
        "data": base64.b64encode(signing.issue_pkcs12(authority(), name, name, password="p")).decode()})


def trust_authority(admin):
    """The run's test authority among the trusted ones (once a database), so that its signatures verify."""
    cert = base64.b64encode(authority()["cert_pem"]).decode()
    found = admin.call("child.signing.certificate", "search", [("kind", "=", "authority"),
                                                               ("name", "=", "End-to-end test authority")])
    return found[0] if found else admin.call("child.signing.certificate", "create", {
        "name": "End-to-end test authority", "kind": "authority", "data": cert})
