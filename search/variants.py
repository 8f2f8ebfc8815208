"""Variant kanji, folded to the common form on both sides of a search.

Family names keep old or variant forms of their kanji on a family register
(髙橋, 山﨑, 渡邉, 齋藤), while a member types the common form from the keyboard
(高橋, 山崎, 渡辺, 斎藤), or the other way round. ``search_normalize`` maps each
variant below to one common form, in the stored text and in the query alike,
so that each spelling finds the others. One character becomes one character,
so positions found in normalised text are positions in the original (the
highlighting relies on it).

Variation selectors (the invisible code points after a kanji that ask for a
particular glyph, 葛󠄀) are removed the same way: they change how a name looks,
never which name it is.
"""

# Variant → common form. 斉 is a different character in general use, but 斉藤 and
# 斎藤 are the same family name to everyone who writes them, so it folds too.
VARIANT_KANJI = {
    "髙": "高",
    "﨑": "崎", "嵜": "崎", "碕": "崎",
    "邊": "辺", "邉": "辺",
    "齋": "斎", "齊": "斎", "斉": "斎",
    "濱": "浜",
    "澤": "沢",
    "櫻": "桜",
    "廣": "広",
    "國": "国",
    "眞": "真",
    "德": "徳",
    "惠": "恵",
    "冨": "富",
    "槇": "槙",
    "藪": "薮",
    "嶋": "島", "嶌": "島",
    "瀨": "瀬",
    "曾": "曽",
    "淺": "浅",
    "關": "関",
    "實": "実",
    "榮": "栄",
    "壽": "寿",
    "彌": "弥",
    "黑": "黒",
    "龍": "竜",
    "萬": "万",
    "𠮷": "吉",
    "靜": "静",
    "縣": "県",
    "藏": "蔵",
    "條": "条",
    "豐": "豊",
    "鐵": "鉄",
}  # fmt: skip

VARIATION_SELECTORS = "".join(chr(code) for code in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)))

FROM = "".join(VARIANT_KANJI) + VARIATION_SELECTORS
"""The characters ``translate`` changes or removes, in SQL's order: the variants, then the selectors."""
TO = "".join(VARIANT_KANJI.values())
"""What the variants become; the selectors, past its end, are removed (as SQL's ``translate`` does)."""

FOLD = str.maketrans({**VARIANT_KANJI, **dict.fromkeys(VARIATION_SELECTORS)})


def fold_variants(text):
    """``text`` with the variant kanji in their common form and no variation selectors."""
    return text.translate(FOLD)
