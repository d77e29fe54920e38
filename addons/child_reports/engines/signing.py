"""PAdES signatures of the issued PDF: the signer's and the organisation's, with visible stamps (pyHanko).

Plain Python, no odoo import. ``official_document.render_pdf`` leaves a blank space between the signer's title and
name and returns where it is; ``sign_pdf`` puts the signatures there, each one an incremental update, so a later
signature (the organisation's seal after the head's signature) leaves the earlier ones valid. ``verify_pdf`` reads
them back for the verification page and the tests, offline: trust comes only from the roots the caller gives.

Signing keys come as PKCS#12 files (.p12/.pfx, the key with its certificate chain) that users upload.
``make_authority`` and ``issue_pkcs12`` build a small test PKI for the tests and the demo data.

Two pyHanko 0.20 quirks are handled here (see shared/PLATFORM.md): the stamp's OpenType font must be on a
1000-unit em grid (Liberation Serif uses 2048, so a rescaled copy is cached in the temp folder), and the glyph
accumulator's font size must equal the text box's. Datetimes in and out are naive UTC, like Odoo's.
"""
import datetime
import functools
import io
import os
import subprocess
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys, x509 as asn1_x509

# cryptography 45, the last release for Python 3.7 (the runtime of Odoo 11), says so at import
warnings.filterwarnings("ignore", message="Python 3.7 is no longer supported")
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from PIL import Image
from pyhanko import stamp
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils import images, layout, text
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, validation
from pyhanko.sign.general import SigningError, get_pyca_cryptography_hash
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

FONT_FILE = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
FONT_FAMILY = "Liberation Serif"
FONT_SIZE = 10          # points, the stamp text before pyHanko shrinks it to fit the box
DER = serialization.Encoding.DER


# Test and demo PKI ---------------------------------------------------------------------------------------------

def _name(common_name, organisation=None):
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    return x509.Name(attributes + [x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, issuer, public_key, issuer_key, days, ca, not_before=None, not_after=None):
    """A certificate signed by ``issuer_key``: a CA's (certificate and CRL signing) or a signer's (signatures
    and non-repudiation), valid from 5 minutes ago for ``days``, or from ``not_before`` to ``not_after``."""
    now = datetime.datetime.utcnow()
    not_before = not_before or now - datetime.timedelta(minutes=5)
    not_after = not_after or now + datetime.timedelta(days)
    usage = dict(digital_signature=not ca, content_commitment=not ca, key_encipherment=False, data_encipherment=False,
                 key_agreement=False, key_cert_sign=ca, crl_sign=ca, encipher_only=False, decipher_only=False)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(**usage), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .sign(issuer_key, hashes.SHA256()))


def make_authority(common_name="Child Protection Test CA", organisation=None, days=3650, not_before=None,
                   not_after=None):
    """A self-signed certificate authority (RSA 2048): ``{"cert_pem": bytes, "key_pem": bytes}``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(common_name, organisation)
    cert = _certificate(name, name, key.public_key(), key, days, ca=True, not_before=not_before,
                        not_after=not_after)
    return {"cert_pem": cert.public_bytes(serialization.Encoding.PEM),
            "key_pem": key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())}


def issue_pkcs12(authority, common_name, organisation=None, password="1234", days=730, not_before=None,
                 not_after=None):
    """A PKCS#12 file (bytes) with a new signing key, its certificate issued by ``authority`` (from
    :func:`make_authority`) and the authority's certificate, encrypted with ``password``; valid for ``days`` from
    now, or from ``not_before`` to ``not_after`` (naive UTC datetimes)."""
    ca_cert = x509.load_pem_x509_certificate(authority["cert_pem"])
    ca_key = serialization.load_pem_private_key(authority["key_pem"], password=None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _certificate(_name(common_name, organisation), ca_cert.subject, key.public_key(), ca_key, days, ca=False,
                        not_before=not_before, not_after=not_after)
    return pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"), key, cert, [ca_cert],
        serialization.BestAvailableEncryption(_password_bytes(password) or b""))


def normalised_name(name):
    """A person's name as compared with a certificate's subject: Unicode NFC, case folded, spaces collapsed
    (``"  LÊ  thị Hồng nhung"`` and ``"Lê Thị Hồng Nhung"`` are the same name; so are the composed and decomposed
    spellings of a Vietnamese letter)."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


def names_person(subject, name):
    """Whether a certificate's subject (common name) ``subject`` names the person called ``name``."""
    return bool(normalised_name(name)) and normalised_name(subject) == normalised_name(name)


# PKCS#12 -------------------------------------------------------------------------------------------------------

def _password_bytes(password):
    return password.encode("utf-8") if isinstance(password, str) else password


@functools.lru_cache(maxsize=16)
def _open_pkcs12(data, password):
    """(private key, certificate, other certificates) of a PKCS#12 file, or a ValueError saying what is wrong.

    Kept for the next call with the same file and password: opening one costs about 0.35 s here (the key
    derivation of the password, and OpenSSL 3 checks an RSA key at each load), twice for every issued document.
    """
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, _password_bytes(password) or None)
    except (TypeError, ValueError):
        raise ValueError("the PKCS#12 file could not be opened with this password (or it is not a PKCS#12 file)")
    if key is None:
        raise ValueError("the PKCS#12 file holds no private key")
    if cert is None:
        raise ValueError("the PKCS#12 file holds no certificate")
    return key, cert, others


def _attribute(name, oid):
    values = name.get_attributes_for_oid(oid)
    return values[0].value if values else ""


def load_pkcs12(data, password):
    """What a PKCS#12 file says about its holder: subject and organisation, issuer, validity and serial."""
    return _describe(_open_pkcs12(data, password)[1])


def load_certificate(data):
    """What a certificate (PEM or DER, e.g. a trusted authority's) says: as :func:`load_pkcs12`."""
    try:
        cert = (x509.load_pem_x509_certificate(data) if data.lstrip().startswith(b"-----BEGIN")
                else x509.load_der_x509_certificate(data))
    except (TypeError, ValueError):
        raise ValueError("the file is not a certificate (PEM or DER)")
    return _describe(cert)


def _describe(cert):
    return {"cert_pem": cert.public_bytes(serialization.Encoding.PEM),
            "subject": _attribute(cert.subject, NameOID.COMMON_NAME),
            "organisation": _attribute(cert.subject, NameOID.ORGANIZATION_NAME),
            "issuer": _attribute(cert.issuer, NameOID.COMMON_NAME),
            "not_before": cert.not_valid_before_utc.replace(tzinfo=None),
            "not_after": cert.not_valid_after_utc.replace(tzinfo=None),
            "serial": cert.serial_number}


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner signing with the key already loaded: pyHanko 0.20 parses the key again for every
    raw signature (twice a signature, with its size estimate), and OpenSSL 3 checks an RSA key at each load, about
    0.4 s on a small server."""

    def __init__(self, key, **kwargs):
        super().__init__(**kwargs)
        self.key = key

    def sign_raw(self, data, digest_algorithm):
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        if mechanism != "rsassa_pkcs1v15":
            return super().sign_raw(data, digest_algorithm)
        return self.key.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


def _signer(data, password):
    """A pyHanko signer with the key of a PKCS#12 file and the chain it carries (embedded in the signature)."""
    key, cert, others = _open_pkcs12(data, password)
    key_der = key.private_bytes(DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return _LoadedKeySigner(
        key, signing_cert=asn1_x509.Certificate.load(cert.public_bytes(DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(other.public_bytes(DER)) for other in others]))


# Stamps --------------------------------------------------------------------------------------------------------

def stamp_font(source=None):
    """Path of a copy of Liberation Serif rescaled to 1000 units per em, made once and cached in the temp folder
    under a name holding the source's size and time (so a font upgrade makes a new copy)."""
    source = source or (FONT_FILE if os.path.exists(FONT_FILE) else subprocess.check_output(
        ["fc-match", "--format=%{file}", FONT_FAMILY]).decode())
    status = os.stat(source)
    path = os.path.join(tempfile.gettempdir(), "%s-%d-%d-upem1000.ttf" % (
        os.path.splitext(os.path.basename(source))[0], status.st_size, int(status.st_mtime)))
    if not os.path.exists(path):
        font = TTFont(source)
        scale_upem(font, 1000)
        if "FFTM" in font:
            del font["FFTM"]    # FontForge's timestamp: the subsetter would warn at every signature
        partial = "%s.%d" % (path, os.getpid())
        font.save(partial)
        os.replace(partial, path)   # atomic: another worker may be making the same copy
    return path


@dataclass(frozen=True)
class ColouredTextStampStyle(stamp.TextStampStyle):
    """pyHanko's text stamp with its border and text in one colour (pyHanko 0.20 draws them black)."""
    colour: tuple = (0, 0, 0)

    def create_stamp(self, writer, box, text_params):
        return _ColouredTextStamp(writer=writer, style=self, box=box, text_params=text_params)


class _ColouredTextStamp(stamp.TextStamp):
    def render(self):
        return b"q %g %g %g RG %g %g %g rg %s Q" % (self.style.colour * 2 + (super().render(),))


def _stamp_style(signature):
    """The stamp of one signature: its lines in Liberation Serif, over the seal image if there is one."""
    font = GlyphAccumulatorFactory(stamp_font(), font_size=FONT_SIZE)
    seal = signature.get("seal_png")
    return ColouredTextStampStyle(
        stamp_text="\n".join(signature.get("stamp_lines") or ()).replace("%", "%%"),
        text_box_style=text.TextBoxStyle(font=font, font_size=FONT_SIZE),
        border_width=1,
        background=images.PdfImage(Image.open(io.BytesIO(seal))) if seal else None,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(2), inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT),
        background_opacity=0.8,
        colour=tuple(float(c) for c in signature.get("color") or (0, 0, 0)))


# Signing -------------------------------------------------------------------------------------------------------

def _check_signature(writer, signature):
    """Refuse a signature without stamp text (pyHanko's OpenType layout fails on it), whose field name is taken
    or whose box is not on its page."""
    name, page, box = signature["field"], signature.get("page", 0), signature["box"]
    if not "".join(signature.get("stamp_lines") or ()).strip():
        raise ValueError("the signature %r has no stamp text" % name)
    if any(fields.enumerate_sig_fields(writer, with_name=name)):
        raise ValueError("the document already has a signature field named %r" % name)
    if not 0 <= page < int(writer.root["/Pages"]["/Count"]):
        raise ValueError("the document has no page %d (pages count from 0)" % page)
    left, bottom, right, top = (float(v) for v in writer.find_page_for_modification(page)[0].get_object()["/MediaBox"])
    x1, y1, x2, y2 = box
    if not (left <= x1 < x2 <= right and bottom <= y1 < y2 <= top):
        raise ValueError("the signature box %r is not on page %d (%g x %g points)" % (box, page, right, top))


def _sign_once(pdf, signature, context):
    """``pdf`` with one more signature, added as an incremental update. With a validation ``context``, pyHanko
    first checks that the signer's certificate leads to a trusted authority (for non-repudiation)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _check_signature(writer, signature)
    meta = signers.PdfSignatureMetadata(
        field_name=signature["field"], subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=signature.get("reason"), location=signature.get("location"), validation_context=context)
    field = fields.SigFieldSpec(signature["field"], on_page=signature.get("page", 0),
                                box=tuple(signature["box"]))
    pdf_signer = signers.PdfSigner(meta, _signer(signature["p12"], signature.get("password")),
                                   stamp_style=_stamp_style(signature), new_field_spec=field)
    try:
        return pdf_signer.sign_pdf(writer).getvalue()
    except SigningError as error:
        raise ValueError("the signature %r cannot be made: %s" % (signature["field"], error))


def sign_pdf(pdf, signatures, trust_roots=()):
    """``pdf`` (bytes) signed with each of ``signatures`` in turn (see the keys in the module's tests):
    ``p12``, ``password``, ``field``, ``page``, ``box``, ``stamp_lines``, ``reason``, ``location``, optional
    ``seal_png`` and ``color``. With ``trust_roots`` (as :func:`verify_pdf`'s), a signer whose certificate does
    not lead to one of them is refused (ValueError)."""
    context = _validation_context(trust_roots) if trust_roots else None
    for signature in signatures:
        pdf = _sign_once(pdf, signature, context)
    return pdf


# Verification --------------------------------------------------------------------------------------------------

def _validation_context(trust_roots):
    roots = [cert for data in trust_roots for cert in load_certs_from_pemder_data(data)]
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def _naive_utc(moment):
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None) if moment else None


def _check(embedded, trust_roots):
    """One signature's entry of :func:`verify_pdf`."""
    entry = {"field": embedded.field_name, "signer": "", "organisation": "", "signing_time": None,
             "intact": False, "trusted": False, "valid": False}
    try:
        subject = embedded.signer_cert.subject.native
        entry.update(signer=subject.get("common_name", ""), organisation=subject.get("organization_name", ""),
                     signing_time=_naive_utc(embedded.self_reported_timestamp))
        status = validation.validate_pdf_signature(embedded, _validation_context(trust_roots))
    except Exception as error:  # noqa: BLE001 - the bytes are untrusted: pyHanko then fails in many ways (zlib, asn1)
        entry["summary"] = "broken: the signature cannot be checked (%s)" % error
        return entry
    entry.update(intact=bool(status.intact), trusted=bool(status.trusted))
    entry["valid"] = entry["intact"] and entry["trusted"] and bool(status.bottom_line)
    if entry["valid"]:
        entry["summary"] = "valid: the signed content is unchanged and the signer is trusted"
    elif not entry["intact"]:
        entry["summary"] = "broken: the document was changed after this signature"
    elif not entry["trusted"]:
        entry["summary"] = "untrusted: the signer's certificate does not lead to a trusted authority"
    else:
        entry["summary"] = "invalid: the document was modified after signing in a way signatures do not allow"
    return entry


def verify_pdf(pdf, trust_roots=()):
    """One entry per signature of ``pdf``, in signing order: field, signer, organisation, signing time (naive UTC,
    as the signer's computer said), intact, trusted, valid and a short summary. ``trust_roots``: the trusted
    authorities' certificates, PEM or DER bytes; nothing is fetched from the network."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - untrusted bytes: the reader fails in many ways (zlib, filters, asserts)
        raise ValueError("not a readable PDF")
    trust_roots = list(trust_roots)
    return [_check(signature, trust_roots) for signature in embedded]
