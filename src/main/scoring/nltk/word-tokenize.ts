// nltk.word_tokenize(text) with language='english', preserve_line=False:
// Punkt sentence split, then the Treebank-style tokenizer on each sentence.

import { sentTokenize, type PunktModel } from './punkt'
import { treebankTokenize } from './treebank'

export function wordTokenize(text: string, model: PunktModel): string[] {
  return sentTokenize(text, model).flatMap(treebankTokenize)
}
