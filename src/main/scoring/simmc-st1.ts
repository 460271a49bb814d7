// SIMMC (DSTC9) subtask 1: API call (action + attributes) prediction.
// Reproduces mm_action_prediction/tools/action_evaluation.py (final DSTC9 version, with
// --compute_std_err and --single_round_evaluation); each formula notes the official definition.
import { distinctTurns, duplicateWarning, keepScored, readGoldDialogs, readPredictedTurns } from './simmc-dialogs'
import type { ConfusionMatrix, ExampleResult, ScoreOptions, ScoreResult, ScoreWarning } from '../../shared/scoring'
import {
  Loc,
  asArray,
  assertFiniteNumberValues,
  assertShallow,
  asObject,
  describeJson,
  isObject,
  optionalObjectField,
  parseJson,
  stringField,
  type JsonObject
} from './json-input'
import { mean, populationStd, stdError } from './stats'

/** Official IGNORE_ATTRIBUTES: supervision keys never scored. */
export const IGNORE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'minPrice',
  'maxPrice',
  'furniture_id',
  'material',
  'decorStyle',
  'intendedRoom',
  'raw_matches',
  'focus'
])

interface GoldRound {
  action: string
  /** action_supervision, unwrapped from `args`; null when absent. */
  supervision: JsonObject | null
}

interface GoldDialog {
  id: number | string
  rounds: GoldRound[]
}

/** Official: supervision = action_supervision, replaced by supervision["args"] when present. */
function readSupervision(round: JsonObject, loc: Loc): JsonObject | null {
  const sup = round['action_supervision'] ?? null
  const hasArgs = isObject(sup) && Object.hasOwn(sup, 'args')
  const value = hasArgs ? (sup['args'] ?? null) : sup
  if (value === null) return null
  const supLoc = hasArgs ? loc.at('action_supervision', 'args') : loc.at('action_supervision')
  const obj = asObject(value, supLoc)
  // The official script calls len() on every scored value: a number, boolean or null crashes it.
  for (const k in obj) {
    if (IGNORE_ATTRIBUTES.has(k)) continue
    const v = obj[k]
    if (pyLen(v) === undefined) throw supLoc.at(k).error(`expected a list or string, got ${describeJson(v)}`)
    if (typeof v === 'object') assertShallow(v, supLoc.at(k))
  }
  return obj
}

function readGold(text: string, file: string): Map<string, GoldDialog> {
  const root = new Loc(file)
  return readGoldDialogs(asArray(parseJson(text, file), root, 'an array of dialogs'), root, 'dialog_id', 'actions', (round, loc) => ({
    action: stringField(round, 'action', loc),
    supervision: readSupervision(round, loc)
  }))
}

interface Prediction {
  loc: Loc
  action: string
  /** action_log_prob; null when the file gives none (the official script then raises KeyError). */
  logProb: JsonObject | null
  attributes: JsonObject | undefined
}

/** Validates the whole prediction file (all turns, whatever singleRound says). */
function readPredictions(text: string, file: string, gold: Map<string, GoldDialog>, goldName: string) {
  return readPredictedTurns(text, file, gold, goldName, 'predictions', (pred, pLoc) => {
    const action = stringField(pred, 'action', pLoc)
    const lp = optionalObjectField(pred, 'action_log_prob', pLoc)
    if (lp) assertFiniteNumberValues(lp, pLoc.at('action_log_prob'))
    const attributes = optionalObjectField(pred, 'attributes', pLoc) ?? undefined
    if (attributes) assertShallow(attributes, pLoc.at('attributes'))
    return { action, logProb: lp, attributes }
  })
}

/** Python `a == b` for JSON values (structural). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]))
  }
  return false
}

const pyLen = (v: unknown): number | undefined =>
  typeof v === 'string' || Array.isArray(v) ? v.length : isObject(v) ? Object.keys(v).length : undefined

/**
 * Attribute matches of one round, in official order. Official rules:
 * - keys in IGNORE_ATTRIBUTES are skipped;
 * - action wrong: False for every remaining key (even an empty gold list: the emptiness
 *   check only exists in the action-matches branch);
 * - action right: empty gold value skipped; list -> F1 = 2rp / (r + p + 1e-5) with
 *   r = mean(gold in pred), p = mean(pred in gold) or 0 for an empty prediction;
 *   otherwise exact match.
 */
function attributeMatches(sup: JsonObject, pred: Prediction, actionMatch: boolean, goldName: string): number[] {
  const out: number[] = []
  for (const [key, goldVal] of Object.entries(sup)) {
    if (IGNORE_ATTRIBUTES.has(key)) continue
    if (!actionMatch) {
      out.push(0)
      continue
    }
    // Official reads round_datum["attributes"][key] before anything else: KeyError if absent.
    const attrLoc = pred.loc.at('attributes')
    if (!pred.attributes) throw attrLoc.error(`missing (the gold supervision in ${goldName} has attribute "${key}")`)
    if (!Object.hasOwn(pred.attributes, key)) throw attrLoc.at(key).error(`missing (the gold supervision in ${goldName} has it)`)
    const predVal = pred.attributes[key]
    if (pyLen(goldVal) === 0) continue
    if (Array.isArray(goldVal)) {
      if (!Array.isArray(predVal)) throw attrLoc.at(key).error(`expected a list (gold value is a list), got ${describeJson(predVal)}`)
      const recall = mean(goldVal.map((g) => (predVal.some((p) => jsonEqual(g, p)) ? 1 : 0)))
      const precision = predVal.length ? mean(predVal.map((p) => (goldVal.some((g) => jsonEqual(g, p)) ? 1 : 0))) : 0
      out.push((2 * recall * precision) / (recall + precision + 1e-5))
    } else {
      out.push(jsonEqual(goldVal, predVal) ? 1 : 0)
    }
  }
  return out
}

/** ` key=value ...` for the scored supervision keys (those of the gold round only). */
function describeAttributes(attrs: JsonObject | null | undefined, keys: JsonObject | null): string {
  if (!attrs || !keys) return ''
  const parts = Object.keys(keys)
    .filter((k) => !IGNORE_ATTRIBUTES.has(k) && Object.hasOwn(attrs, k))
    .map((k) => {
      const v = attrs[k]
      return `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`
    })
  return parts.length ? ` ${parts.join(' ')}` : ''
}

/** Official confusion matrix: labels = sorted(gold ∪ predicted actions); ours is [gold][pred]. */
function confusionMatrix(pairs: Array<[string, string]>): ConfusionMatrix {
  const labels = [...new Set(pairs.flat())].sort()
  const index = new Map(labels.map((l, i) => [l, i]))
  const counts = labels.map(() => labels.map(() => 0))
  for (const [g, p] of pairs) counts[index.get(g)!]![index.get(p)!]!++
  return { labels, counts }
}

/**
 * The official perplexity reads action_log_prob[gold action] for every scored round: a file
 * without log-probs (or without the gold action's) makes it raise KeyError. Podium scores the
 * other metrics and leaves the perplexity out, saying so; it also leaves out a perplexity that
 * overflows (the official script prints inf; JSON has no number for it).
 */
function perplexityNote(missing: Prediction[], goldActions: string[], scored: number, logProbs: number[]): ScoreWarning | null {
  if (missing.length > 0) {
    const first = missing[0]!
    const noLp = missing.filter((p) => p.logProb === null).length
    const why =
      first.logProb === null
        ? `KeyError 'action_log_prob': ${first.loc.text} has no action_log_prob`
        : `KeyError '${goldActions[0]}': ${first.loc.at('action_log_prob').text} has no log-prob for the gold action`
    const counts = `${missing.length} of ${scored} scored predictions lack the gold action's log-prob${noLp ? ` (${noLp} have no action_log_prob at all)` : ''}`
    return {
      code: 'official-script-fails',
      message: `official script would fail here: ${why}; ${counts}. Podium scored action and attribute accuracy; action_perplexity is not reported`
    }
  }
  const exponent = -mean(logProbs)
  if (!Number.isFinite(Math.exp(exponent))) {
    return {
      code: 'not-reported',
      message: `action_perplexity is not reported: exp(${exponent}) overflows (mean log-prob of the gold actions ${-exponent}; the official script prints inf)`
    }
  }
  return null
}

export function scoreApiPrediction(goldText: string, predText: string, opts: ScoreOptions): ScoreResult {
  const gold = readGold(goldText, opts.goldName)
  const preds = readPredictions(predText, opts.predName, gold, opts.goldName)
  const actions: number[] = []
  const logProbs: number[] = []
  const attributes: number[] = []
  const pairs: Array<[string, string]> = []
  const examples: ExampleResult[] = []
  const missingLogProb: Prediction[] = []
  const missingActions: string[] = []
  // Official iterates the prediction file in order, every round it is given (a duplicate is
  // scored twice); --single_round_evaluation skips every round but the dialog's last gold round.
  const scored = keepScored(preds, opts.singleRound, opts.predName)
  for (const pred of scored) {
    const g = pred.dialog
    const turn = pred.turn
    const round = g.rounds[turn]!
    const match = round.action === pred.action
    const hasLogProb = pred.logProb !== null && Object.hasOwn(pred.logProb, round.action)
    const logProb = hasLogProb ? (pred.logProb![round.action] as number) : null
    if (logProb === null) {
      missingLogProb.push(pred)
      missingActions.push(round.action)
    } else logProbs.push(logProb)
    actions.push(match ? 1 : 0)
    pairs.push([round.action, pred.action])
    const attr = round.supervision ? attributeMatches(round.supervision, pred, match, opts.goldName) : []
    attributes.push(...attr)
    examples.push({
      dialogId: String(g.id),
      turn,
      gold: round.action + describeAttributes(round.supervision, round.supervision),
      prediction: pred.action + describeAttributes(pred.attributes, round.supervision),
      score: match ? 1 : 0,
      detail: {
        goldAction: round.action,
        predictedAction: pred.action,
        goldLogProb: logProb,
        attributeScore: attr.length ? mean(attr) : null,
        attributeCount: attr.length
      }
    })
  }
  let total = 0
  for (const g of gold.values()) total += opts.singleRound ? Math.min(1, g.rounds.length) : g.rounds.length
  const perplexityWarning = perplexityNote(missingLogProb, missingActions, scored.length, logProbs)
  const metrics: Record<string, number> = { action_accuracy: mean(actions) } // np.mean(matches["action"])
  const stderr: Record<string, number> = { action_accuracy: stdError(actions) } // np.std(x) / np.sqrt(len(x))
  // np.mean(matches["attributes"]) is nan when no attribute was scored: left out, with a note.
  const attributeWarning: ScoreWarning | null = attributes.length
    ? null
    : { code: 'not-reported', message: 'attribute_accuracy is not reported: no attribute was scored (the official script prints nan)' }
  if (!attributeWarning) {
    metrics.attribute_accuracy = mean(attributes)
    stderr.attribute_accuracy = stdError(attributes)
  }
  if (!perplexityWarning) {
    metrics.action_perplexity = Math.exp(-mean(logProbs)) // np.exp(-1 * np.mean(perplexity))
    // Official quirk, reproduced as is: np.exp(-1 * np.std(logp)) / np.sqrt(n).
    stderr.action_perplexity = Math.exp(-populationStd(logProbs)) / Math.sqrt(logProbs.length)
  }
  const warnings = [duplicateWarning(scored), attributeWarning, perplexityWarning].filter((w): w is ScoreWarning => w !== null)
  return {
    task: 'simmc-st1',
    n: actions.length,
    metrics,
    stderr,
    coverage: { predicted: distinctTurns(scored), total },
    examples,
    confusion: confusionMatrix(pairs),
    ...(warnings.length ? { warnings } : {})
  }
}
