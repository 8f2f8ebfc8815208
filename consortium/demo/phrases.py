"""Small helpers for writing lists the way each language does."""


def join_ja(items):
    return "、".join(items)


def join_en(items):
    items = list(items)
    if len(items) < 3:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def lower_first(text):
    """ "Conservation science" -> "conservation science", but "GIS" stays "GIS"."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


# Countries whose English names take "the" inside a sentence ("in the Philippines").
_WITH_ARTICLE = {"AE", "BS", "CF", "CZ", "DO", "GB", "GM", "KM", "MH", "MV", "NL", "PH", "SB", "US", "VA"}


def country_en(country):
    """A country's English name as it reads in running text."""
    return f"the {country.name_en}" if country.code.upper() in _WITH_ARTICLE else country.name_en


# A site's name takes "the" in running text when it opens with a common noun,
# maybe after an adjective ("the Ancient City of Aleppo", but "Ancient Thebes"),
# or, being short, ends with one ("the Ajanta Caves"); a proper name stands
# alone ("Angkor", "Lumbini, the Birthplace of the Lord Buddha").
_NOUNS = {
    "area", "areas", "caves", "centre", "churches", "citadel", "cities", "city", "complex", "compounds", "fortress",
    "grottoes",
    "group", "landscape", "lines", "medina", "minaret", "monasteries", "monuments", "palace", "park", "port",
    "remains", "rice", "ruins", "sanctuary", "sector", "site", "sites", "temple", "terraces", "tombs", "town",
    "towns", "valley", "walls", "zone",
}  # fmt: skip
_ADJECTIVES = {
    "ancient", "archaeological", "architectural", "buddhist", "central", "cultural", "early", "great", "historic",
    "historical", "imperial", "jesuit", "maya", "megalithic", "old", "pre-hispanic", "prehistoric", "rock-hewn",
    "royal", "sacred",
}  # fmt: skip


def site_en(name):
    """A heritage site's English name as it reads in running text."""
    words = [word.strip(",:").lower() for word in name.split()]
    if not words:
        return name
    opens_common = words[0] in _NOUNS or (words[0] in _ADJECTIVES and _NOUNS.intersection(words[1:3]))
    if opens_common or (len(words) <= 4 and words[-1] in _NOUNS):
        return f"the {name}"
    return name
