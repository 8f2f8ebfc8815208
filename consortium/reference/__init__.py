"""Reference data the data migrations load: countries, regions, languages and the controlled vocabularies.

Each module builds its rows from a well-kept source (pycountry for the ISO
code lists, Babel's CLDR data for names) plus small, commented tables of what
no library holds. A change here reaches existing databases only through a new
data migration that loads the rows again.
"""
