// nltk.word_tokenize(text) with language='english', preserve_line=False:
// Punkt sentence split, then the Treebank-style tokenizer, both as the chosen
// nltk release has them (Punkt's candidate search changed in 3.6.6; 3.9 only
// moved the model from a pickle to tables with the same parameters).

import { DEFAULT_TOKENIZER } from '../../../shared/scoring'
import { sentTokenize, type PunktModel } from './punkt'
import { treebankTokenize, type NltkVersion } from './treebank'

export { NLTK_VERSIONS, type NltkVersion } from './treebank'

export function wordTokenize(text: string, model: PunktModel, version: NltkVersion = DEFAULT_TOKENIZER): string[] {
  return sentTokenize(text, model, version).flatMap((sentence) => treebankTokenize(sentence, version))
}
