-- Podium schema, version 3: the settings an evaluation's numbers depend on, recorded with it
-- (e.g. {"tokenizer":"nltk-3.5"}: the nltk release whose word_tokenize the BLEU reproduces).
-- NULL for evaluations stored before (their BLEU used later nltk development rules: score again to record one).
ALTER TABLE evaluations ADD COLUMN params_json TEXT;
