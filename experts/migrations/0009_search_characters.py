"""One-character Japanese searches by index: the characters of each record's search text.

Trigrams need three characters and the bigram index two, so a one-character
query (林, 森, 原: whole family names) read every record's text with ``strpos``.
``search_characters(text)`` gives the distinct non-ASCII characters of a text;
a GIN index over it for the search text of experts (here), projects and sites
(their own migrations) answers "holds 林" from the index.
"""

from django.db import migrations

CHARACTERS_FUNCTION = r"""
CREATE FUNCTION public.search_characters(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT coalesce(array_agg(DISTINCT c), '{}')
    FROM (SELECT substr(value, i, 1) AS c FROM generate_series(1, length(value)) AS i) AS characters
    WHERE octet_length(c) > 1
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0008_expert_listing_index"),
    ]

    operations = [
        migrations.RunSQL(CHARACTERS_FUNCTION, reverse_sql="DROP FUNCTION public.search_characters(text)"),
        migrations.RunSQL(
            "CREATE INDEX expert_search_characters_idx ON experts_expert USING gin (search_characters(search_text))",
            reverse_sql="DROP INDEX expert_search_characters_idx",
        ),
    ]
