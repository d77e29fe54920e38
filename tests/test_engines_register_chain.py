"""The register chain engine of child_reports: each issued document's entry hash commits to its fields and to the
entry before it, so a changed field, a changed hash, a removed entry or a register rolled back is found."""
import datetime
import hashlib

import pytest

from child_reports_engines import register_chain as chain


def document(n, **values):
    entry = {"number": "%02d/KH-UBND" % n, "type_name": "KẾ HOẠCH", "title": "Kế hoạch số %d về trẻ em" % n,
             "issuer_id": 7, "issue_date": "2024-03-%02d" % n, "signer": "Phó Chủ tịch Nguyễn Thị Hà",
             "file_name": "%02d-KH-UBND.pdf" % n, "sha256": hashlib.sha256(b"pdf %d" % n).hexdigest(),
             "token": "token-%d" % n, "plan_id": 100 + n, "report_id": None, "signature_count": 2,
             "signature_note": "Nguyễn Thị Hà: Ký ban hành"}
    entry.update(values)
    return entry


def register(count):
    """``count`` documents with their chain values, as the model stores them."""
    entries = [document(n) for n in range(1, count + 1)]
    for entry, values in zip(entries, chain.build(entries)):
        entry.update(values)
    return entries


def test_first_entry_links_to_genesis_and_each_to_the_one_before():
    entries = register(3)
    assert [e["seq"] for e in entries] == [1, 2, 3]
    assert entries[0]["prev"] == chain.GENESIS
    assert entries[1]["prev"] == entries[0]["hash"] and entries[2]["prev"] == entries[1]["hash"]
    assert len({e["hash"] for e in entries}) == 3
    assert chain.verify(entries) == []


def test_hash_is_sha256_of_previous_hash_and_canonical_json():
    entry = dict(document(1), seq=1)
    expected = hashlib.sha256(chain.GENESIS.encode() + b"\n" + chain.canonical(entry)).hexdigest()
    assert chain.entry_hash(chain.GENESIS, entry) == expected
    text = chain.canonical(entry).decode("utf-8")
    assert text.startswith('{"file_name":') and '"v":1' in text and " " not in text.replace("KẾ HOẠCH", "") \
        .replace("Kế hoạch số 1 về trẻ em", "").replace("Phó Chủ tịch Nguyễn Thị Hà", "") \
        .replace("Nguyễn Thị Hà: Ký ban hành", "")
    assert "KẾ HOẠCH" in text   # UTF-8, not \\u escapes


def test_odoo_and_database_values_serialise_alike():
    """The model hashes what it reads back from the database (dates as dates, None) and what the ORM gives
    (dates as text, False): both are the same entry."""
    orm = dict(document(1), seq=1, report_id=False, signer=False)
    database = dict(document(1), seq=1, report_id=None, signer=None, issue_date=datetime.date(2024, 3, 1))
    assert chain.canonical(orm) == chain.canonical(database)


def test_every_field_counts():
    entry = dict(document(1), seq=1)
    base = chain.entry_hash(chain.GENESIS, entry)
    for name in chain.FIELDS:
        changed = dict(entry, **{name: (entry.get(name) or 0) + 1 if isinstance(entry.get(name), int)
                                 else "%sx" % (entry.get(name) or "")})
        assert chain.entry_hash(chain.GENESIS, changed) != base, name


def test_unknown_values_refused():
    with pytest.raises(TypeError):
        chain.canonical(dict(document(1), title=True))
    with pytest.raises(TypeError):
        chain.canonical(dict(document(1), issue_date=datetime.datetime(2024, 3, 1, 8, 0)))
    with pytest.raises(ValueError):
        chain.entry_hash("not a hash", document(1))


def test_changed_title_is_found_at_its_entry():
    entries = register(4)
    entries[1]["title"] = "Kế hoạch khác"
    problems = chain.verify(entries)
    assert [(p["number"], p["what"]) for p in problems] == [("02/KH-UBND", chain.ALTERED)]
    assert problems[0]["found"] == entries[1]["hash"]


def test_changed_file_hash_is_found():
    entries = register(3)
    entries[2]["sha256"] = hashlib.sha256(b"another pdf").hexdigest()
    assert [(p["number"], p["what"]) for p in chain.verify(entries)] == [("03/KH-UBND", chain.ALTERED)]


def test_rewritten_entry_hash_breaks_the_next_link():
    entries = register(3)
    entries[0]["title"] = "Sửa"
    entries[0]["hash"] = chain.entry_hash(entries[0]["prev"], entries[0])   # recomputed by the forger
    problems = chain.verify(entries)
    assert [(p["number"], p["what"]) for p in problems] == [("02/KH-UBND", chain.LINK)]
    assert problems[0]["expected"] == entries[0]["hash"] and problems[0]["found"] == entries[1]["prev"]


def test_deleted_middle_entry_is_found():
    entries = register(4)
    del entries[1]
    problems = chain.verify(entries)
    assert {(p["number"], p["what"]) for p in problems} == {("03/KH-UBND", chain.SEQUENCE),
                                                            ("03/KH-UBND", chain.LINK)}
    sequence = next(p for p in problems if p["what"] == chain.SEQUENCE)
    assert (sequence["expected"], sequence["found"]) == (2, 3)


def test_document_outside_the_chain_is_found():
    entries = register(2) + [dict(document(3), seq=None, prev=None, hash=None)]
    assert [(p["number"], p["what"]) for p in chain.verify(entries)] == [("03/KH-UBND", chain.UNCHAINED)]


def test_order_of_the_rows_does_not_matter():
    entries = register(5)
    assert chain.verify(list(reversed(entries))) == []


def test_append_continues_a_register():
    entries = register(2)
    head = chain.head(entries)
    assert head == {"seq": 2, "hash": entries[1]["hash"], "number": "02/KH-UBND"}
    values = chain.append(head, document(3))
    assert values["seq"] == 3 and values["prev"] == entries[1]["hash"]
    assert chain.verify(entries + [dict(document(3), **values)]) == []
    assert chain.append(None, document(1)) == chain.build([document(1)])[0]


def test_anchor_finds_a_register_rolled_back():
    entries = register(5)
    anchor = chain.head(entries)
    assert chain.check_anchor(entries, anchor) == []
    old_backup = entries[:3]
    assert chain.verify(old_backup) == []   # a shorter chain is a valid chain...
    problems = chain.check_anchor(old_backup, anchor)   # ...but not the one the auditor saw
    assert [p["what"] for p in problems] == [chain.ANCHOR]
    assert "ends at entry 3" in problems[0]["found"]
    forged = register(5)
    forged[4]["hash"] = "f" * 64
    assert [p["what"] for p in chain.check_anchor(forged, anchor)] == [chain.ANCHOR]
