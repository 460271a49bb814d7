#!/usr/bin/python3
"""Writes NLTK_DATA/tokenizers/punkt/{,PY3/}english.pickle for the official response_evaluation.py.

Debian's python3-nltk ships no Punkt pickle; the English model is rebuilt from Podium's tables
(resources/nltk-punkt-english) by the reference helper of the tokenizer tests, so the official
script tokenizes as nltk 3.8 with the standard English model. Usage: nltk_punkt_pickle.py DIR
"""

import os
import pickle
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'test', 'fixtures', 'tokenizer-corpus'))
from nltk_reference import punkt_tokenizer  # noqa: E402

tokenizer = punkt_tokenizer('nltk-3.8')
for sub in ('', 'PY3'):
    target = os.path.join(sys.argv[1], 'tokenizers', 'punkt', sub)
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, 'english.pickle'), 'wb') as f:
        pickle.dump(tokenizer, f)
