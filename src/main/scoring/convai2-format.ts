// ConvAI2 input files (docs/convai2-formats.md): gold examples and team predictions, each
// either a JSON array of objects or JSON Lines (one object per line, blank lines skipped).
// Every problem is an InputError naming the file and the position: `[3].references[0]` in a
// JSON array, `line 4, references[0]` in JSON Lines.
//
// Parsing validates the type of every known field that is present; which fields must be
// present depends on the metric and is checked by the scorers through `need`. Unknown
// fields are ignored, so one predictions file may carry all three metrics' fields.

import type { Convai2Task } from '../../shared/scoring'
import { InputError } from './input-error'
import {
  Loc,
  asArray,
  asFiniteNumberArray,
  asId,
  asInteger,
  asObject,
  asString,
  describeJson,
  formatPath,
  idKey,
  parseJson,
  type JsonObject,
  type JsonPath,
  type PathSegment
} from './json-input'

/** ConvAI2 ranks 20 candidates per example: the gold reply and 19 distractors. */
export const CONVAI2_CANDIDATES = 20

export type ExampleId = number | string

export interface GoldExample {
  id: ExampleId
  /** Position in the gold file (0-based). */
  index: number
  /** The dialog it belongs to (see `nameDialogs`) and its turn in it: ExampleResult's dialogId and turn. */
  dialogId: string
  turn: number
  /** The `context` field as utterances (a string is split on newlines, as ParlAI joins them); [] when absent. */
  context: string[]
  loc: Loc
  /** Gold replies; F1 takes the max over them; PPL scores references[0]. */
  references: string[] | null
  /** Exactly CONVAI2_CANDIDATES strings, with `goldIndex` pointing at the gold reply. */
  candidates: string[] | null
  goldIndex: number | null
  /** Official tokenization of references[0]: fixes how many log-probs a PPL prediction gives. */
  referenceTokens: string[] | null
}

export interface PredictionExample {
  gold: GoldExample
  loc: Loc
  response: string | null
  candidateScores: number[] | null
  tokenLogprobs: number[] | null
}

export interface GoldFile {
  file: string
  examples: GoldExample[]
  byId: Map<string, GoldExample>
}

/** A position in a JSON Lines file: `line 4` or `line 4, references[0]`. */
class LineLoc extends Loc {
  constructor(
    file: string,
    readonly line: number,
    path: JsonPath = []
  ) {
    super(file, path)
  }

  override at(...segs: PathSegment[]): Loc {
    return new LineLoc(this.file, this.line, [...this.path, ...segs])
  }

  override get text(): string {
    const inner = formatPath(this.path)
    return inner ? `line ${this.line}, ${inner}` : `line ${this.line}`
  }
}

interface RawRecord {
  value: unknown
  loc: Loc
}

/** The records of a JSON array or JSON Lines document, each with its location. */
export function readRecords(text: string, file: string): RawRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const first = /\S/.exec(src)
  if (!first) throw new InputError(file, '', 'the file is empty: expected a JSON array or JSON Lines of example objects')
  if (first[0] === '[') {
    const root = new Loc(file)
    return asArray(parseJson(src, file), root).map((value, i) => ({ value, loc: root.at(i) }))
  }
  const records: RawRecord[] = []
  const lines = src.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    records.push({ value: parseLine(line, file, i + 1), loc: new LineLoc(file, i + 1) })
  }
  return records
}

/** One JSON Lines line; syntax errors name the line of the file, not of the fragment. */
function parseLine(line: string, file: string, lineNo: number): unknown {
  try {
    return parseJson(line, file)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const column = /^line \d+, column (\d+)$/.exec(error.path)?.[1]
    throw new InputError(file, column ? `line ${lineNo}, column ${column}` : `line ${lineNo}`, error.problem)
  }
}

function optional(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== null ? obj[key] : undefined
}

function asStringArray(v: unknown, loc: Loc, { nonEmptyItems = false } = {}): string[] {
  const arr = asArray(v, loc, 'an array of strings')
  arr.forEach((item, i) => {
    asString(item, loc.at(i))
    if (nonEmptyItems && (item as string).trim() === '') throw loc.at(i).error('empty string')
  })
  return arr as string[]
}

function readId(obj: JsonObject, loc: Loc): ExampleId {
  if (!Object.prototype.hasOwnProperty.call(obj, 'id')) throw loc.at('id').error('missing')
  return asId(obj.id, loc.at('id'))
}

function describeId(id: ExampleId): string {
  return JSON.stringify(id)
}

/** Parses and validates a gold file. */
export function readGold(text: string, file: string): GoldFile {
  const examples: GoldExample[] = []
  const byId = new Map<string, GoldExample>()
  readRecords(text, file).forEach(({ value, loc }, index) => {
    const obj = asObject(value, loc, 'an example object')
    const id = readId(obj, loc)
    const first = byId.get(idKey(id))
    if (first) throw loc.at('id').error(`duplicate id ${describeId(id)} (first at ${first.loc.text})`)

    const contextRaw = optional(obj, 'context')
    const context =
      contextRaw === undefined ? [] : typeof contextRaw === 'string' ? contextRaw.split('\n') : asStringArray(contextRaw, loc.at('context'))

    const refsRaw = optional(obj, 'references')
    const references = refsRaw === undefined ? null : asStringArray(refsRaw, loc.at('references'))
    if (references && references.length === 0) throw loc.at('references').error('expected at least one reference')

    const candsRaw = optional(obj, 'candidates')
    const candidates = candsRaw === undefined ? null : asStringArray(candsRaw, loc.at('candidates'))
    if (candidates && candidates.length !== CONVAI2_CANDIDATES) {
      throw loc
        .at('candidates')
        .error(`expected ${CONVAI2_CANDIDATES} candidates (ConvAI2 ranks ${CONVAI2_CANDIDATES} per example), got ${candidates.length}`)
    }
    const goldRaw = optional(obj, 'gold_index')
    let goldIndex: number | null = null
    if (goldRaw !== undefined) {
      if (!candidates) throw loc.at('gold_index').error('given without "candidates"')
      goldIndex = asInteger(goldRaw, loc.at('gold_index'))
      if (goldIndex < 0 || goldIndex >= candidates.length) {
        throw loc.at('gold_index').error(`out of range (${candidates.length} candidates, indices 0 to ${candidates.length - 1})`)
      }
    } else if (candidates) {
      throw loc.at('gold_index').error('missing (required with "candidates")')
    }

    const tokRaw = optional(obj, 'reference_tokens')
    let referenceTokens: string[] | null = null
    if (tokRaw !== undefined) {
      if (!references) throw loc.at('reference_tokens').error('given without "references"')
      referenceTokens = asStringArray(tokRaw, loc.at('reference_tokens'), { nonEmptyItems: true })
      if (referenceTokens.length === 0) throw loc.at('reference_tokens').error('expected at least one token')
    }

    const example: GoldExample = {
      id,
      index,
      dialogId: String(id),
      turn: index,
      context,
      loc,
      references,
      candidates,
      goldIndex,
      referenceTokens
    }
    examples.push(example)
    byId.set(idKey(id), example)
  })
  if (examples.length === 0) throw new InputError(file, '', 'no examples')
  nameDialogs(examples)
  return { file, examples, byId }
}

/** The reply the gold gives for an example: references[0], else the gold candidate. */
const goldReply = (g: GoldExample): string | null =>
  g.references?.[0] ?? (g.candidates && g.goldIndex !== null ? g.candidates[g.goldIndex]! : null)

/**
 * Groups the examples of one dialog for error analysis (the numbers never depend on it). An
 * example continues the previous one's dialog when its context is the previous context, then
 * the previous gold reply, then at least one more utterance (ParlAI lists a dialog's turns in a
 * row, each with the whole history). A dialog is named by its first example's id; an example
 * that continues none keeps its own id, and its position in the file as its turn.
 */
function nameDialogs(examples: GoldExample[]): void {
  const continues = (prev: GoldExample, g: GoldExample): boolean => {
    if (prev.context.length === 0 || g.context.length < prev.context.length + 2) return false
    if (!prev.context.every((u, k) => g.context[k] === u)) return false
    const reply = goldReply(prev)
    return reply === null || g.context[prev.context.length] === reply
  }
  examples.forEach((g, i) => {
    const prev = examples[i - 1]
    if (!prev || !continues(prev, g)) return
    if (prev.dialogId === String(prev.id)) prev.turn = 0
    g.dialogId = prev.dialogId
    g.turn = prev.turn + 1
  })
}

/** Parses predictions; every id must exist in the gold file, once. */
export function readPredictions(text: string, file: string, gold: GoldFile): PredictionExample[] {
  const seen = new Map<string, Loc>()
  return readRecords(text, file).map(({ value, loc }) => {
    const obj = asObject(value, loc, 'a prediction object')
    const id = readId(obj, loc)
    const g = gold.byId.get(idKey(id))
    if (!g) throw loc.at('id').error(`unknown id ${describeId(id)} (not in ${gold.file})${idHint(id, gold)}`)
    const first = seen.get(idKey(id))
    if (first) throw loc.at('id').error(`duplicate prediction for id ${describeId(id)} (first at ${first.text})`)
    seen.set(idKey(id), loc)

    const responseRaw = optional(obj, 'response')
    const response = responseRaw === undefined ? null : asString(responseRaw, loc.at('response'))

    const scoresRaw = optional(obj, 'candidate_scores')
    let candidateScores: number[] | null = null
    if (scoresRaw !== undefined) {
      candidateScores = asFiniteNumberArray(scoresRaw, loc.at('candidate_scores'))
      if (g.candidates && candidateScores.length !== g.candidates.length) {
        throw loc
          .at('candidate_scores')
          .error(`expected ${g.candidates.length} scores (one per candidate in ${gold.file}), got ${candidateScores.length}`)
      }
    }

    const lpRaw = optional(obj, 'token_logprobs')
    let tokenLogprobs: number[] | null = null
    if (lpRaw !== undefined) {
      const lpLoc = loc.at('token_logprobs')
      const zero = Array.isArray(lpRaw) ? lpRaw.indexOf(Number.NEGATIVE_INFINITY) : -1
      if (zero >= 0) {
        throw lpLoc
          .at(zero)
          .error('-Infinity is a zero probability (the official perplexity would be infinite): give every token a minimum probability')
      }
      tokenLogprobs = asFiniteNumberArray(lpRaw, lpLoc)
      if (tokenLogprobs.length === 0) throw lpLoc.error('expected at least one log-probability')
      tokenLogprobs.forEach((lp, i) => {
        if (lp > 0) throw lpLoc.at(i).error(`a log-probability is at most 0 (natural log of a probability), got ${lp}`)
      })
      if (g.referenceTokens && tokenLogprobs.length !== g.referenceTokens.length) {
        throw lpLoc.error(
          `expected ${g.referenceTokens.length} log-probabilities (one per token of reference_tokens in ${gold.file}), got ${tokenLogprobs.length}`
        )
      }
    }
    return { gold: g, loc, response, candidateScores, tokenLogprobs }
  })
}

/** `1` and `"1"` are different ids; say so when that is the likely mistake. */
function idHint(id: ExampleId, gold: GoldFile): string {
  const other: ExampleId | null = typeof id === 'number' ? String(id) : /^-?\d+(\.\d+)?$/.test(id) ? Number(id) : null
  if (other === null || !gold.byId.has(idKey(other))) return ''
  return `; the gold file has ${describeJson(other)} ${JSON.stringify(other)}`
}

/** What each metric needs from a gold example and its prediction. */
const NEEDS: Record<Convai2Task, { gold: Array<keyof GoldExample>; pred: Array<keyof PredictionExample> }> = {
  'convai2-f1': { gold: ['references'], pred: ['response'] },
  'convai2-hits1': { gold: ['candidates'], pred: ['candidateScores'] },
  'convai2-ppl': { gold: ['references'], pred: ['tokenLogprobs'] }
}

const JSON_NAMES: Record<string, string> = {
  references: 'references',
  candidates: 'candidates',
  response: 'response',
  candidateScores: 'candidate_scores',
  tokenLogprobs: 'token_logprobs'
}

/**
 * Throws an InputError at the first field the task needs but the input lacks, or when there
 * is no prediction at all (a mean over nothing is not a score).
 */
export function need(task: Convai2Task, gold: GoldFile, predictions: readonly PredictionExample[], predFile: string): void {
  for (const ex of gold.examples) {
    for (const key of NEEDS[task].gold) {
      if (ex[key] === null) throw ex.loc.at(JSON_NAMES[key]!).error(`missing (${task} needs it for every gold example)`)
    }
  }
  if (predictions.length === 0) throw new InputError(predFile, '', 'no predictions to score')
  for (const p of predictions) {
    for (const key of NEEDS[task].pred) {
      if (p[key] === null) throw p.loc.at(JSON_NAMES[key]!).error(`missing (${task} needs it for every prediction)`)
    }
  }
}

/** Predictions in gold-file order: the order examples are reported in. */
export function inGoldOrder(predictions: readonly PredictionExample[]): PredictionExample[] {
  return [...predictions].sort((a, b) => a.gold.index - b.gold.index)
}
