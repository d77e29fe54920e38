"""The register of an issuing body as a hash chain (plain Python, no odoo import).

Each issued document is an entry of its issuer's register, in the order the documents entered it (``seq``
1, 2, 3...). An entry holds the hash of the entry before it (``prev``; the first holds :data:`GENESIS`) and its
own hash: SHA-256 over that previous hash and a canonical serialisation of the entry's fields
(:func:`canonical`). Changing a field of an entry, its hash, or removing an entry breaks the chain from there on:
:func:`verify` says where and how. An auditor who kept a head (``seq`` and hash of the last entry at some date)
finds out, with :func:`check_anchor`, whether entries were removed since (an old backup restored, rows deleted
at the end).
"""
import datetime
import hashlib
import json
import re

#: The "previous hash" of an issuer's first entry.
GENESIS = "0" * 64
#: Version of the serialisation, part of every hash: a later change of the fields hashed is a new version.
VERSION = 1
#: The fields of a document an entry commits to, in the serialisation (sorted by name there).
FIELDS = ("seq", "number", "type_name", "title", "issuer_id", "issue_date", "signer", "file_name", "sha256",
          "token", "plan_id", "report_id", "signature_count", "signature_note")

_HASH = re.compile(r"^[0-9a-f]{64}$")

# The kinds of problems :func:`verify` and :func:`check_anchor` report.
UNCHAINED = "unchained"
SEQUENCE = "sequence"
LINK = "link"
ALTERED = "altered"
ANCHOR = "anchor"


def _plain(name, value):
    """A field's value as JSON: None for empty (Odoo's False), text, whole numbers, dates as YYYY-MM-DD."""
    if value is None or value is False:
        return None
    if isinstance(value, bool):
        raise TypeError("%s: a yes/no value is not an entry field" % name)
    if isinstance(value, int):
        return value
    if isinstance(value, datetime.datetime):
        raise TypeError("%s: a date and time is not an entry field, a date is" % name)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, str):
        return value
    raise TypeError("%s: %s values are not entry fields" % (name, type(value).__name__))


def canonical(entry):
    """The bytes an entry's hash is computed over: its :data:`FIELDS` (missing ones as null) and the
    :data:`VERSION`, as JSON with sorted keys, no spaces, UTF-8 (not ASCII escapes)."""
    values = {name: _plain(name, entry.get(name)) for name in FIELDS}
    values["v"] = VERSION
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(prev, entry):
    """SHA-256 (hex) of ``prev`` (the previous entry's hash, 64 hex digits) and the entry's serialisation."""
    if not isinstance(prev, str) or not _HASH.match(prev):
        raise ValueError("previous hash: 64 lowercase hexadecimal digits expected, got %r" % (prev,))
    return hashlib.sha256(prev.encode("ascii") + b"\n" + canonical(entry)).hexdigest()


def append(head, entry):
    """The chain values of ``entry`` appended after ``head`` (``None`` for an empty register, else a dict with
    the last entry's ``seq`` and ``hash``): ``{"seq", "prev", "hash"}``. ``entry["seq"]`` is set to its place."""
    seq = head["seq"] + 1 if head else 1
    prev = head["hash"] if head else GENESIS
    entry = dict(entry, seq=seq)
    return {"seq": seq, "prev": prev, "hash": entry_hash(prev, entry)}


def build(entries):
    """Chain values for ``entries`` (dicts of :data:`FIELDS`, without ``seq``) in register order, from an empty
    register: one ``{"seq", "prev", "hash"}`` per entry."""
    head, result = None, []
    for entry in entries:
        head = append(head, entry)
        result.append(head)
    return result


def _problem(entry, what, expected, found):
    return {"number": entry.get("number"), "seq": entry.get("seq"), "what": what,
            "expected": expected, "found": found}


def verify(entries):
    """The problems of one issuer's register: ``entries`` are its documents, each a dict of :data:`FIELDS` with
    ``prev`` and ``hash`` as stored (``seq``, ``prev`` and ``hash`` None for a document outside the chain).
    Returns a list of ``{"number", "seq", "what", "expected", "found"}``, empty when the chain holds:

    - ``unchained``: a document that is not in the chain at all (added behind the register);
    - ``sequence``: an entry missing before this one (expected seq, found seq), or a seq taken twice;
    - ``link``: the previous hash this entry holds is not the hash of the entry before it;
    - ``altered``: this entry's fields (or its hash) were changed: its hash recomputed differs from the stored one.
    """
    problems = []
    chained = []
    for entry in entries:
        if entry.get("seq") is None or not entry.get("hash"):
            problems.append(_problem(entry, UNCHAINED, "an entry of the register", "none"))
        else:
            chained.append(entry)
    chained.sort(key=lambda entry: entry["seq"])
    previous = None
    for entry in chained:
        expected_seq = previous["seq"] + 1 if previous else 1
        if entry["seq"] != expected_seq:
            problems.append(_problem(entry, SEQUENCE, expected_seq, entry["seq"]))
        expected_prev = previous["hash"] if previous else GENESIS
        if entry.get("prev") != expected_prev:
            problems.append(_problem(entry, LINK, expected_prev, entry.get("prev")))
        try:
            recomputed = entry_hash(entry.get("prev") or "", entry)
        except (TypeError, ValueError) as error:
            recomputed = "not computable (%s)" % error
        if recomputed != entry["hash"]:
            problems.append(_problem(entry, ALTERED, recomputed, entry["hash"]))
        previous = entry
    return problems


def head(entries):
    """The last chained entry of a register as ``{"seq", "hash", "number"}``, or None."""
    chained = [entry for entry in entries if entry.get("seq") is not None and entry.get("hash")]
    if not chained:
        return None
    last = max(chained, key=lambda entry: entry["seq"])
    return {"seq": last["seq"], "hash": last["hash"], "number": last.get("number")}


def check_anchor(entries, anchor):
    """Problems if the register no longer holds the entry ``anchor`` (``{"seq", "hash"}``, a head kept by an
    auditor earlier): entries were removed, or the register was rolled back (an old backup restored)."""
    for entry in entries:
        if entry.get("seq") == anchor["seq"]:
            if entry.get("hash") == anchor["hash"]:
                return []
            return [_problem(entry, ANCHOR, anchor["hash"], entry.get("hash"))]
    last = head(entries)
    return [{"number": anchor.get("number"), "seq": anchor["seq"], "what": ANCHOR,
             "expected": "entry %s with hash %s" % (anchor["seq"], anchor["hash"]),
             "found": "the register ends at entry %s" % last["seq"] if last else "an empty register"}]
