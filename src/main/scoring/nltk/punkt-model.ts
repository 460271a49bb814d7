// Loading nltk's Punkt model from its four `punkt_tab` tables. The only I/O of
// the tokenizer; `parsePunktModel` is the pure part.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { collocationKey, type PunktModel } from './punkt'

/** The text of the four tables, as found in an nltk_data `punkt_tab/<language>` folder. */
export interface PunktTableTexts {
  /** abbrev_types.txt: one abbreviation type a line. */
  abbrev: string
  /** collocations.tab: two word types a line, tab-separated. */
  collocations: string
  /** sent_starters.txt: one word type a line. */
  sentStarters: string
  /** ortho_context.tab: word type, tab, integer flags. */
  orthoContext: string
}

export const PUNKT_TABLE_FILES = {
  abbrev: 'abbrev_types.txt',
  collocations: 'collocations.tab',
  sentStarters: 'sent_starters.txt',
  orthoContext: 'ortho_context.tab'
} as const satisfies Record<keyof PunktTableTexts, string>

/** Lines of a table; CRLF tolerated, the empty line after a final newline ignored. */
function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line !== '')
}

function fields(line: string, file: string, lineNo: number): [string, string] {
  const parts = line.split('\t')
  if (parts.length !== 2) {
    throw new Error(`${file} line ${lineNo}: expected two tab-separated fields`)
  }
  return [parts[0]!, parts[1]!]
}

export function parsePunktModel(files: PunktTableTexts): PunktModel {
  const collocations = new Set<string>()
  lines(files.collocations).forEach((line, i) => {
    const [first, second] = fields(line, PUNKT_TABLE_FILES.collocations, i + 1)
    collocations.add(collocationKey(first, second))
  })
  const orthoContext = new Map<string, number>()
  lines(files.orthoContext).forEach((line, i) => {
    const [type, flags] = fields(line, PUNKT_TABLE_FILES.orthoContext, i + 1)
    if (!/^\d+$/.test(flags)) {
      throw new Error(`${PUNKT_TABLE_FILES.orthoContext} line ${i + 1}: flags must be an integer`)
    }
    orthoContext.set(type, Number(flags))
  })
  return {
    abbrevTypes: new Set(lines(files.abbrev)),
    collocations,
    sentStarters: new Set(lines(files.sentStarters)),
    orthoContext
  }
}

/** Reads the four tables from `dir` (e.g. resources/nltk-punkt-english). */
export function loadPunktModel(dir: string): PunktModel {
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8')
  return parsePunktModel({
    abbrev: read(PUNKT_TABLE_FILES.abbrev),
    collocations: read(PUNKT_TABLE_FILES.collocations),
    sentStarters: read(PUNKT_TABLE_FILES.sentStarters),
    orthoContext: read(PUNKT_TABLE_FILES.orthoContext)
  })
}
