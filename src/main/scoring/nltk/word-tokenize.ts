// nltk.word_tokenize(text) with language='english', preserve_line=False:
// Punkt sentence split, then the Treebank-style tokenizer of the chosen nltk
// release on each sentence. Punkt behaves the same in the three releases
// (nltk 3.8 undid the 3.6.6 sentence-splitting regression; 3.9 only moved the
// model from a pickle to tables), so only the word rules are versioned.

import { DEFAULT_TOKENIZER } from '../../../shared/scoring'
import { sentTokenize, type PunktModel } from './punkt'
import { treebankTokenize, type NltkVersion } from './treebank'

export { NLTK_VERSIONS, type NltkVersion } from './treebank'

export function wordTokenize(text: string, model: PunktModel, version: NltkVersion = DEFAULT_TOKENIZER): string[] {
  return sentTokenize(text, model).flatMap((sentence) => treebankTokenize(sentence, version))
}
