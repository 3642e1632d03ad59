"""English stemming for the database backend and for highlighting: the Porter algorithm.

Elasticsearch's `english` analyzer stems with Lucene's PorterStemFilter; Snowball's `porter`
stemmer is the same algorithm, so both backends reduce "patents"/"patented" to "patent".
"""

from functools import lru_cache

import snowballstemmer

_PORTER = snowballstemmer.stemmer("porter")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The Porter stem of a lower-case ASCII word; anything else (Chinese, digits, codes) is
    returned as it is."""
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    return _PORTER.stemWord(word)
