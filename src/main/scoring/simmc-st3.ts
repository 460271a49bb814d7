// SIMMC (DSTC9) subtask 3: multimodal dialog state tracking.
// Reproduces mm_dst/utils/evaluate_dst.py (final DSTC9 version with act/slot F1 std errors),
// fed either by the line format (gpt2_dst/scripts/evaluate.py) or the dialog-level JSON, each
// against the gold of its own format.
import type { ExampleResult, ScoreOptions, ScoreResult, ScoreWarning } from '../../shared/scoring'
import {
  type DstDialog,
  type DstFrame,
  type DstTurn,
  formatBelief,
  lineLabels,
  looksLikeJson,
  parseBeliefLine,
  readDialogTurnCounts,
  readDstJson,
  splitLines
} from './dst-format'
import { idKey } from './json-input'
import { InputError } from './input-error'
import { isBlank } from './py-strip'

export interface DstCounts {
  frames: number
  trueActs: number
  predActs: number
  correctActs: number
  trueSlots: number
  predSlots: number
  correctSlots: number
  correctBeliefs: number
}

const zeroCounts = (): DstCounts => ({
  frames: 0,
  trueActs: 0,
  predActs: 0,
  correctActs: 0,
  trueSlots: 0,
  predSlots: 0,
  correctSlots: 0,
  correctBeliefs: 0
})

function addCounts(a: DstCounts, b: DstCounts): void {
  a.frames += b.frames
  a.trueActs += b.trueActs
  a.predActs += b.predActs
  a.correctActs += b.correctActs
  a.trueSlots += b.trueSlots
  a.predSlots += b.predSlots
  a.correctSlots += b.correctSlots
  a.correctBeliefs += b.correctBeliefs
}

const NO_SLOTS: readonly string[] = []
// Up to this many slots a frame's lists are scanned; longer ones (none in real files) use Sets.
const SCAN_LIMIT = 16

/** The slots as a set (the official script builds one), without a Set for a handful of slots. */
function distinct(slots: readonly string[]): readonly string[] {
  if (slots.length > SCAN_LIMIT) return [...new Set(slots)]
  for (let i = 1; i < slots.length; i++) if (slots.lastIndexOf(slots[i]!, i - 1) !== -1) return [...new Set(slots)]
  return slots
}

/** |gold ∩ pred| of two duplicate-free lists. */
function commonCount(gold: readonly string[], pred: readonly string[]): number {
  let common = 0
  if (gold.length > SCAN_LIMIT || pred.length > SCAN_LIMIT) {
    const ps = new Set(pred)
    for (const s of gold) if (ps.has(s)) common++
  } else for (const s of gold) if (pred.includes(s)) common++
  return common
}

/**
 * Official evaluate_turn + evaluate_frame(strict=False): gold frames are compared with the
 * predicted frame at the same position ({} when missing). Acts compare with None for a
 * missing act; slots are sets of 'name=value' strings; correct slots = |gold ∩ pred| even when
 * the act is wrong (strict=False); a belief is correct when act and slot set both match.
 */
export function countTurn(gold: readonly DstFrame[], pred: readonly DstFrame[]): DstCounts {
  const c = zeroCounts()
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!
    const p = pred[i]
    const actOk = g.act === (p?.act ?? null)
    const gs = distinct(g.slots)
    const ps = p ? distinct(p.slots) : NO_SLOTS
    const common = commonCount(gs, ps)
    c.frames += 1
    c.correctActs += actOk ? 1 : 0
    c.trueActs += g.hasAct ? 1 : 0
    c.predActs += p?.hasAct ? 1 : 0
    c.trueSlots += gs.length
    c.predSlots += ps.length
    c.correctSlots += common
    c.correctBeliefs += actOk && common === gs.length && common === ps.length ? 1 : 0
  }
  return c
}

/**
 * Official b_stderr: np.std of an array with n_pos ones and n_total - n_pos zeros, over
 * sqrt(n_total); i.e. sqrt(p(1 - p) / n) with p = min(n_pos, n_total) / n_total.
 */
function binomialStdError(nTotal: number, nPos: number): number {
  const p = Math.min(nPos, nTotal) / nTotal
  return Math.sqrt(p * (1 - p)) / Math.sqrt(nTotal)
}

/**
 * Official d_f1 (delta method on 2/F1 = 1/r + 1/p): dF1 = F1²/2 · (dr/r² + dp/p²), with dr, dp
 * the binomial std errors of recall (n_true) and precision (n_pred). The official script
 * divides by zero when nothing is correct; we report 0 there.
 */
export function f1StdError(nTrue: number, nPred: number, nCorrect: number): number {
  if (nCorrect === 0 || nTrue === 0 || nPred === 0) return 0
  const r = nCorrect / nTrue
  const p = nCorrect / nPred
  const f1 = (2 * p * r) / (p + r)
  return 0.5 * f1 ** 2 * (binomialStdError(nTrue, nCorrect) / r ** 2 + binomialStdError(nPred, nCorrect) / p ** 2)
}

/** Official: rec = correct/true, prec = correct/pred (0 when the official would divide by 0), F1. */
function recPrecF1(correct: number, nTrue: number, nPred: number): [number, number, number] {
  const rec = nTrue ? correct / nTrue : 0
  const prec = nPred ? correct / nPred : 0
  return [rec, prec, prec + rec !== 0 ? (2 * prec * rec) / (prec + rec) : 0]
}

/**
 * evaluate_dst.py divides Python floats: any zero denominator raises ZeroDivisionError (the
 * metrics, and the F1 std errors, which divide by recall and precision). Podium reports 0 for
 * each such ratio; the note says where the official script would stop.
 */
export function zeroDivisionNote(c: DstCounts): ScoreWarning | null {
  const reasons: string[] = []
  if (c.frames === 0) reasons.push('no gold frames (joint accuracy is 0/0)')
  if (c.trueActs === 0) reasons.push('no gold acts (act recall is 0/0)')
  if (c.predActs === 0) reasons.push('no acts predicted (act precision is 0/0)')
  else if (c.trueActs > 0 && c.correctActs === 0) reasons.push('no act predicted correctly (the act F1 std error divides by 0)')
  if (c.trueSlots === 0) reasons.push('no gold slots (slot recall is 0/0)')
  if (c.predSlots === 0) reasons.push('no slots predicted (slot precision is 0/0)')
  else if (c.trueSlots > 0 && c.correctSlots === 0) reasons.push('no slot predicted correctly (the slot F1 std error divides by 0)')
  if (reasons.length === 0) return null
  return {
    code: 'official-script-fails',
    message: `official script would fail here: ZeroDivisionError, ${reasons.join('; ')}. Podium reports 0 for each such ratio`
  }
}

interface Pair {
  gold: DstTurn
  pred: DstTurn | undefined
}

/**
 * JSON on both sides: dialogs matched by dialogue_idx, turns by position. Predictions without
 * any dialogue_idx are matched to the gold dialogs by position, as the 2020 official script
 * (evaluate_dst.py) did for every file; then the counts must agree.
 */
function pairJson(goldText: string, predText: string, opts: ScoreOptions): { pairs: Pair[]; warning: ScoreWarning | null } {
  const gold = readDstJson(goldText, opts.goldName)
  const missingGoldId = gold.find((d) => d.id === null)
  if (missingGoldId) throw missingGoldId.loc.at('dialogue_idx').error('missing')
  const predDialogs = readDstJson(predText, opts.predName)
  const withoutId = predDialogs.filter((d) => d.id === null)
  if (withoutId.length > 0 && withoutId.length === predDialogs.length) return pairJsonByPosition(gold, predDialogs, opts)
  if (withoutId.length > 0) {
    throw withoutId[0]!.loc
      .at('dialogue_idx')
      .error('missing (other dialogs give one: give dialogue_idx in every dialog, or in none to match dialogs by position)')
  }
  const pred = new Map<string, DstTurn[]>()
  const goldIds = new Map(gold.map((d) => [idKey(d.id), d]))
  for (const d of predDialogs) {
    const g = goldIds.get(idKey(d.id))
    if (!g) throw d.loc.at('dialogue_idx').error(`unknown dialog id ${JSON.stringify(d.id)} (not in ${opts.goldName})`)
    const extra = d.turns[g.turns.length]
    if (extra) throw extra.loc.error(`turn ${extra.turn} out of range (dialog ${g.id} has ${g.turns.length} turns in ${opts.goldName})`)
    pred.set(idKey(d.id), d.turns)
  }
  return { pairs: gold.flatMap((g) => g.turns.map((t, j) => ({ gold: t, pred: pred.get(idKey(g.id))?.[j] }))), warning: null }
}

/** The official `d_pred[i]['dialogue'][j]` pairing; a count that differs would misalign every later dialog, so it is refused. */
function pairJsonByPosition(gold: DstDialog[], pred: DstDialog[], opts: ScoreOptions): { pairs: Pair[]; warning: ScoreWarning } {
  const why = 'dialogs without dialogue_idx are matched to the gold dialogs by position'
  if (pred.length !== gold.length) {
    throw new InputError(opts.predName, 'dialogue_data', `has ${pred.length} dialogs but ${opts.goldName} has ${gold.length}: ${why}`)
  }
  gold.forEach((g, i) => {
    const p = pred[i]!
    if (p.turns.length !== g.turns.length) {
      throw p.loc
        .at('dialogue')
        .error(`has ${p.turns.length} turns but dialog ${g.id} (position ${i} in ${opts.goldName}) has ${g.turns.length}: ${why}`)
    }
  })
  const pairs = gold.flatMap((g, i) => g.turns.map((t, j) => ({ gold: t, pred: pred[i]!.turns[j] })))
  const s = pred.length === 1 ? '' : 's'
  return {
    pairs,
    warning: {
      code: 'matched-by-position',
      message: `${pred.length} prediction dialog${s} without dialogue_idx matched to the dialogs of ${opts.goldName} by position, as the 2020 official script (evaluate_dst.py) did`
    }
  }
}

/**
 * The two official DST evaluations compare like with like: dialog-level JSON against the
 * dialog-level gold (evaluate_dst.py), lines against the line-format target (gpt2_dst
 * evaluate.py). Across formats the slot names differ (the line parser turns `fashion-O` into
 * `O`), so slot F1 would silently be 0: refused, naming both files.
 */
function checkSameFormat(goldJson: boolean, predJson: boolean, opts: ScoreOptions): void {
  if (goldJson === predJson) return
  const what = (json: boolean) => (json ? 'dialog-level JSON' : 'the line format')
  const want = predJson
    ? 'score JSON predictions against the dialog-level gold ({domain}_teststd_dials.json, evaluate_dst.py)'
    : 'score line predictions against the line-format gold ({domain}_teststd_dst_target.txt, gpt2_dst evaluate.py)'
  throw new InputError(
    opts.predName,
    '',
    `is ${what(predJson)} but the gold ${opts.goldName} is ${what(goldJson)}: the formats name slots differently (the line parser drops "fashion-"), so slot F1 would be meaningless; ${want}`
  )
}

interface ScoredTurns {
  examples: ExampleResult[]
  total: DstCounts
  predicted: number
}

/**
 * Line format on both sides, matched by position (official). Each pair of lines is parsed,
 * compared and let go in turn: only the examples outlive the loop.
 */
function scoreLines(goldText: string, predText: string, opts: ScoreOptions): ScoredTurns {
  const gold = splitLines(goldText)
  const pred = splitLines(predText)
  // Labels only (error analysis groups by dialog); pairing and numbers stay by position.
  const labels = opts.dialogs === undefined ? null : lineLabels(readDialogTurnCounts(opts.dialogs), gold.length)
  const total = zeroCounts()
  const examples: ExampleResult[] = []
  for (let i = 0; i < gold.length; i++) {
    const g = parseBeliefLine(gold[i]!)
    // Every line of an official target file has its belief section: one that does not is a
    // broken gold file, reported as such (before any prediction count mismatch).
    if (!g.parsed) {
      throw new InputError(
        opts.goldName,
        `line ${i + 1}`,
        'no "=> Belief State : ... <EOB>" section (every line of a DST target file has one)'
      )
    }
    if (i >= pred.length) continue
    const dialogId = labels ? labels.dialogIds[i]! : `line ${i + 1}`
    examples.push(turnExample(total, g.frames, parseBeliefLine(pred[i]!), dialogId, labels ? labels.turns[i]! : i, i + 1))
  }
  // The official script crashes on fewer prediction lines and ignores extra ones. A count
  // mismatch means the position matching is off, so we refuse it; only blank extra lines pass.
  const extraBlank = pred.slice(gold.length).every(isBlank)
  if (pred.length < gold.length || (pred.length > gold.length && !extraBlank)) {
    throw new InputError(
      opts.predName,
      '',
      `has ${pred.length} lines but ${opts.goldName} has ${gold.length} turns: predictions are matched to gold turns by position`
    )
  }
  return { examples, total, predicted: gold.length }
}

/** JSON turns paired with their predictions (undefined when the prediction has no such turn). */
function scorePairs(pairs: readonly Pair[]): ScoredTurns {
  const total = zeroCounts()
  const examples = pairs.map(({ gold, pred }) => turnExample(total, gold.frames, pred, gold.dialogId, gold.turn, null))
  return { examples, total, predicted: pairs.filter((p) => p.pred).length }
}

/** One turn's example; its counts are added to `total`. */
function turnExample(
  total: DstCounts,
  gold: readonly DstFrame[],
  pred: { frames: readonly DstFrame[]; parsed: boolean } | undefined,
  dialogId: string,
  turn: number,
  line: number | null
): ExampleResult {
  const c = countTurn(gold, pred?.frames ?? [])
  addCounts(total, c)
  return {
    dialogId,
    turn,
    gold: formatBelief(gold),
    prediction: !pred ? '(no prediction)' : pred.parsed ? formatBelief(pred.frames) : '(no belief state found)',
    // Per-turn joint accuracy; a turn without gold frames counts as right iff nothing is predicted.
    score: c.frames ? c.correctBeliefs / c.frames : (pred?.frames.length ?? 0) === 0 ? 1 : 0,
    detail: turnDetail(c, pred?.parsed ?? false, line)
  }
}

/** The counts of one turn, whether its prediction parsed and (line format) its line; one object, no spreads. */
function turnDetail(c: DstCounts, parsed: boolean, line: number | null): Record<string, number | boolean> {
  const detail: Record<string, number | boolean> = {
    frames: c.frames,
    trueActs: c.trueActs,
    predActs: c.predActs,
    correctActs: c.correctActs,
    trueSlots: c.trueSlots,
    predSlots: c.predSlots,
    correctSlots: c.correctSlots,
    correctBeliefs: c.correctBeliefs,
    parsed
  }
  if (line !== null) detail.line = line
  return detail
}

export function scoreDst(goldText: string, predText: string, opts: ScoreOptions): ScoreResult {
  // opts.singleRound is ignored: evaluate_dst.py has no single-round mode and the official
  // DST numbers (reference.json) are over every turn.
  const goldJson = looksLikeJson(goldText)
  checkSameFormat(goldJson, looksLikeJson(predText), opts)
  const json = goldJson ? pairJson(goldText, predText, opts) : null
  const { examples, total, predicted } = json ? scorePairs(json.pairs) : scoreLines(goldText, predText, opts)
  const warning = json?.warning ?? null
  if (examples.length === 0) throw new InputError(opts.goldName, '', 'no turns to score: the gold file has none')
  const [actRec, actPrec, actF1] = recPrecF1(total.correctActs, total.trueActs, total.predActs)
  const [slotRec, slotPrec, slotF1] = recPrecF1(total.correctSlots, total.trueSlots, total.predSlots)
  const warnings = [warning, zeroDivisionNote(total)].filter((w): w is ScoreWarning => w !== null)
  return {
    task: 'simmc-st3',
    n: examples.length,
    metrics: {
      joint_accuracy: total.frames ? total.correctBeliefs / total.frames : 0, // n_correct_beliefs / n_frames
      act_rec: actRec,
      act_prec: actPrec,
      act_f1: actF1,
      slot_rec: slotRec,
      slot_prec: slotPrec,
      slot_f1: slotF1
    },
    stderr: {
      act_f1: f1StdError(total.trueActs, total.predActs, total.correctActs),
      slot_f1: f1StdError(total.trueSlots, total.predSlots, total.correctSlots)
    },
    coverage: { predicted, total: examples.length },
    examples,
    ...(warnings.length ? { warnings } : {})
  }
}
