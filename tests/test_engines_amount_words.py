"""Amount in words engine of child_reports: Vietnamese accounting rules (DOMAIN.md)."""
import pytest

from child_reports_engines.amount_words import amount_in_words, number_words


@pytest.mark.parametrize("amount, words", [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (31, "Ba mươi mốt đồng"),
    (55, "Năm mươi lăm đồng"),
    (94, "Chín mươi tư đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    (1000, "Một nghìn đồng chẵn"),
    (1005, "Một nghìn không trăm linh năm đồng"),
    (1015, "Một nghìn không trăm mười lăm đồng"),
    (1100, "Một nghìn một trăm đồng"),
    (2001, "Hai nghìn không trăm linh một đồng"),
    (10000, "Mười nghìn đồng chẵn"),
    (15000, "Mười lăm nghìn đồng chẵn"),
    (21000, "Hai mươi mốt nghìn đồng chẵn"),
    (100000, "Một trăm nghìn đồng chẵn"),
    (105000, "Một trăm linh năm nghìn đồng chẵn"),
    (151000, "Một trăm năm mươi mốt nghìn đồng chẵn"),
    (468000, "Bốn trăm sáu mươi tám nghìn đồng chẵn"),
    (500000, "Năm trăm nghìn đồng chẵn"),
    (1000000, "Một triệu đồng chẵn"),
    (1000005, "Một triệu không trăm linh năm đồng"),
    (1001000, "Một triệu không trăm linh một nghìn đồng chẵn"),
    (1250015, "Một triệu hai trăm năm mươi nghìn không trăm mười lăm đồng"),
    (2024000, "Hai triệu không trăm hai mươi tư nghìn đồng chẵn"),
    (2340000, "Hai triệu ba trăm bốn mươi nghìn đồng chẵn"),
    (10000000, "Mười triệu đồng chẵn"),
    (25500000, "Hai mươi lăm triệu năm trăm nghìn đồng chẵn"),
    (1000000000, "Một tỷ đồng chẵn"),
    (1000000001, "Một tỷ không trăm linh một đồng"),
    (2005000000, "Hai tỷ không trăm linh năm triệu đồng chẵn"),
    (30000000000, "Ba mươi tỷ đồng chẵn"),
    (1000000000000, "Một nghìn tỷ đồng chẵn"),
    (1234567891011, "Một nghìn hai trăm ba mươi tư tỷ năm trăm sáu mươi bảy triệu tám trăm chín mươi mốt nghìn "
                    "không trăm mười một đồng"),
    (10 ** 18, "Một tỷ tỷ đồng chẵn"),
])
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_sentence_case_only_the_first_letter():
    words = amount_in_words(1250015)
    assert words[0].isupper() and words[1:] == words[1:].lower()


def test_le_instead_of_linh_and_no_round_word():
    assert amount_in_words(105, zero_tens="lẻ") == "Một trăm lẻ năm đồng"
    assert amount_in_words(1000000, round_word="") == "Một triệu đồng"
    assert number_words(2001, "lẻ") == "hai nghìn không trăm lẻ một"


@pytest.mark.parametrize("bad, error", [(-1, ValueError), (1.5, TypeError), ("100", TypeError), (True, TypeError),
                                        (None, TypeError)])
def test_refuses_what_is_not_a_whole_amount(bad, error):
    with pytest.raises(error):
        amount_in_words(bad)


def test_unknown_zero_tens_word():
    with pytest.raises(ValueError):
        number_words(105, "lẻo")
