"""Hostile values: what a careless client, a scanner or an attacker sends instead of what a form expects."""

from urllib.parse import quote

from hypothesis import strategies as st

SQL = [
    "' OR '1'='1",
    "'; DROP TABLE experts_expert; --",
    "1 UNION SELECT email, password FROM members_user --",
    "%' AND pg_sleep(5) --",
    "\\",
    "%_%",
    "$$",
]
HTML = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "javascript:alert(1)",
    "&lt;&#x3C;&#0;",
]
WRONG_TYPES = ["-1", "0", "1.5", "1e309", "NaN", "-Infinity", "9" * 400, "true", "None", "[]", "{}", "２０２０"]
HUGE = ["x" * 20_000, "字 " * 3_000, "a," * 2_000]
# Raw query-string fragments: bytes that are not UTF-8, truncated sequences, broken escapes, NUL.
RAW_ESCAPES = ["%ff", "%fe%ff", "%c0%af", "%e3%81", "%ed%a0%80", "%", "%zz", "%00", "%0d%0a", "%%32%35"]

control_characters = st.text(st.characters(min_codepoint=0, max_codepoint=0x1F), min_size=1, max_size=5)
# The client can only send what encodes to UTF-8: no lone surrogates.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)

hostile_text = st.one_of(
    st.just(""),
    any_text,
    control_characters,
    st.sampled_from(SQL + HTML + WRONG_TYPES + HUGE),
    st.tuples(any_text, control_characters, st.sampled_from(SQL + HTML)).map("".join),
)

# One value as it appears in a query string: percent-encoded text, or raw bytes that are not text at all.
encoded_value = st.one_of(
    hostile_text.map(lambda value: quote(value, safe="")),
    st.lists(st.sampled_from(RAW_ESCAPES), min_size=1, max_size=4).map("".join),
)


def query_strings(names):
    """Query strings giving each of ``names`` none, one or a few hostile values, plus a stray parameter."""
    per_name = st.fixed_dictionaries({name: st.lists(encoded_value, max_size=3) for name in names})
    stray = st.lists(st.tuples(encoded_value, encoded_value), max_size=1)
    return st.tuples(per_name, stray).map(
        lambda pair: "&".join(
            [f"{name}={value}" for name, values in pair[0].items() for value in values]
            + [f"{name}={value}" for name, value in pair[1]]
        )
    )
