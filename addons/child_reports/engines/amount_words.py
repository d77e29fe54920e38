"""Amounts of money in Vietnamese words, as accountants write them under a total ("Bằng chữ: ...").

Plain Python, no odoo import; the one converter every document and workbook of the suite uses. The rules
(DOMAIN.md), which num2words 0.5.14 and Odoo's amount_to_text do not follow:

- digits: không, một, hai, ba, bốn, năm, sáu, bảy, tám, chín; groups of three digits named nghìn, triệu, and
  above them the number of tỷ, read the same way (1,234,000,000,000: "một nghìn hai trăm ba mươi tư tỷ");
- tens: "mười" for 1, "<digit> mươi" from 2; after "mươi" a final 1 is "mốt", a final 4 is "tư"; after "mười" or
  "mươi" a final 5 is "lăm";
- zero tens before a unit: "linh" (or "lẻ", a choice), e.g. 105 "một trăm linh năm";
- a group after the first that has zero hundreds still says them: 1,250,015 "... nghìn không trăm mười lăm";
  groups that are all zeros are left out;
- sentence case (only the first letter capital), then "đồng", and "chẵn" after a round sum, i.e. a whole number of
  thousands (1,000,000 "Một triệu đồng chẵn"; 21 "Hai mươi mốt đồng").
"""
DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10 ** 9
ZERO_TENS = ("linh", "lẻ")


def _tens_and_units(tens, units, zero_tens):
    if tens == 0:
        return [zero_tens, DIGITS[units]] if units else []
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 5:
        words.append("lăm")
    elif units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 4 and tens >= 2:
        words.append("tư")
    elif units:
        words.append(DIGITS[units])
    return words


def _group_words(number, leading, zero_tens):
    """The words of a group of three digits (1-999). ``leading``: the highest group, whose zero hundreds and
    zero tens are not said (5 "năm", not "không trăm linh năm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    if leading and not hundreds:
        if not tens:
            return [DIGITS[units]]
        return _tens_and_units(tens, units, zero_tens)
    return [DIGITS[hundreds], "trăm"] + _tens_and_units(tens, units, zero_tens)


def _below_billion(number, leading, zero_tens):
    """The words of 1 to 999,999,999 (groups of units, nghìn, triệu); ``leading``: nothing stands before it."""
    groups = [number // 1000000, number // 1000 % 1000, number % 1000]
    words = []
    for group, name in zip(groups, ("triệu", "nghìn", "")):
        if not group:
            continue
        words.extend(_group_words(group, leading and not words, zero_tens))
        if name:
            words.append(name)
    return words


def _words(number, leading, zero_tens):
    if number < BILLION:
        return _below_billion(number, leading, zero_tens)
    high, low = divmod(number, BILLION)
    words = _words(high, leading, zero_tens) + ["tỷ"]
    if low:
        words.extend(_below_billion(low, False, zero_tens))
    return words


def number_words(number, zero_tens="linh"):
    """A whole number from 0 up in Vietnamese words, lower case: 1250015 -> "một triệu hai trăm năm mươi nghìn
    không trăm mười lăm"; above a billion the parts are counted in tỷ (1,234 tỷ: "một nghìn hai trăm ba mươi tư
    tỷ")."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError("a whole number of đồng is needed, not %r" % (number,))
    if number < 0:
        raise ValueError("a negative amount has no words: %d" % number)
    if zero_tens not in ZERO_TENS:
        raise ValueError("zero tens are said %s, not %r" % (" or ".join(ZERO_TENS), zero_tens))
    if number == 0:
        return DIGITS[0]
    return " ".join(_words(number, True, zero_tens))


def amount_in_words(amount, currency="đồng", zero_tens="linh", round_word="chẵn"):
    """An amount of đồng as written under a total: sentence case, the currency, and ``round_word`` after a whole
    number of thousands. 1250015 -> "Một triệu hai trăm năm mươi nghìn không trăm mười lăm đồng"; 1000000 ->
    "Một triệu đồng chẵn"; 0 -> "Không đồng". ``round_word=""`` leaves "chẵn" out."""
    words = number_words(amount, zero_tens)
    parts = [words[0].upper() + words[1:], currency]
    if amount and amount % 1000 == 0 and round_word:
        parts.append(round_word)
    return " ".join(parts)
