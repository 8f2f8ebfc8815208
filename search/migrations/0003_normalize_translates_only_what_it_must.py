"""``search_normalize`` translates only the texts that hold a character to translate (``search.textnorm``).

PostgreSQL's ``translate`` compares each character of a text with every character it replaces: the
variant kanji with their variation selectors (some 300) and the katakana took three quarters of the
function's time, about 3 µs a character, which every write of a searchable record and every search of
the public pages (normalised as they are read, ``search.site``) paid. A regular expression says cheaply
whether a text holds any of them; the long-vowel rules run only where the mark is. The results are the
same for every text, so the stored search columns and their indexes stay as they are: no row is
rewritten. (PL/pgSQL, for the local variable that keeps each step from being computed again.)
"""

import importlib

from django.db import migrations

NORMALIZE = r'''CREATE OR REPLACE FUNCTION public.search_normalize(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $normalize$
DECLARE
    folded text := normalize(value, NFKC);
BEGIN
    IF folded ~ '[髙﨑嵜碕邊邉齋齊斉濱澤櫻廣國眞德惠冨槇藪嶋嶌瀨曾淺關實榮壽彌黑龍萬𠮷靜縣藏條豐鐵<selectors>]' THEN
        folded := translate(folded, '髙﨑嵜碕邊邉齋齊斉濱澤櫻廣國眞德惠冨槇藪嶋嶌瀨曾淺關實榮壽彌黑龍萬𠮷靜縣藏條豐鐵<selectors>', '高崎崎崎辺辺斎斎斎浜沢桜広国真徳恵富槙薮島島瀬曽浅関実栄寿弥黒竜万吉静県蔵条豊鉄');
    END IF;
    folded := lower(public.unaccent('public.unaccent'::regdictionary, folded));
    IF folded ~ '[ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ]' THEN
        folded := translate(folded, 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ');
    END IF;
    IF strpos(folded, 'ー') > 0 THEN
        folded := regexp_replace(folded, '([あかさたなはまやらわがざだばぱぁゃゎ])ー', '\1あ', 'g');
        folded := regexp_replace(folded, '([いきしちにひみりぎじぢびぴぃ])ー', '\1い', 'g');
        folded := regexp_replace(folded, '([うくすつぬふむゆるぐずづぶぷぅゅゔ])ー', '\1う', 'g');
        folded := regexp_replace(folded, '([えけせてねへめれげぜでべぺぇ])ー', '\1い', 'g');
        folded := regexp_replace(folded, '([おこそとのほもよろをごぞどぼぽぉょ])ー', '\1う', 'g');
    END IF;
    RETURN btrim(regexp_replace(folded, '\s+', ' ', 'g'));
END
$normalize$;
'''.replace(
    # Variation selectors, invisible in source.
    "<selectors>",
    "".join(chr(code) for code in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0))),
)

PREVIOUS_NORMALIZE = importlib.import_module("search.migrations.0001_variant_kanji").NORMALIZE


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_saved_searches"),
    ]

    operations = [
        migrations.RunSQL(NORMALIZE, reverse_sql=PREVIOUS_NORMALIZE),
    ]
