// Readers for SIMMC subtask-3 (DST) files: the GPT-2 line format parsed exactly like the official
// mm_dst/gpt2_dst/utils/convert.py `parse_flattened_result`, and the dialog-level JSON read by
// mm_dst/utils/evaluate_dst.py (`{"dialogue_data": [{"dialogue": [{"belief_state": [...]}]}]}`).
import { scanActs } from './dst-belief-scan'
import { pyStrip, pyStripBounds } from './py-strip'
import { Loc, arrayField, asArray, assertShallow, asId, asObject, asString, describeJson, field, idKey, parseJson } from './json-input'

/** One belief-state frame. */
export interface DstFrame {
  /** Official `'act' in frame` (counts toward n_true_acts / n_pred_acts). */
  hasAct: boolean
  /** frame['act'], or null for a missing act or a JSON null (official: None). */
  act: string | null
  /** Slot strings as the official script builds them: f'{name}={value}'. */
  slots: string[]
}

export interface DstTurn {
  /** Dialog id, or `dialog N` for a dialog without one. */
  dialogId: string
  turn: number
  frames: DstFrame[]
  /** Always true for a JSON turn; the field gives it the shape of a parsed line (parseBeliefLine). */
  parsed: boolean
  /** Where the turn is, for messages (its path is only built for one). */
  loc: Loc
}

export interface DstDialog {
  /** dialogue_idx; null when the dialog has none (then matched to the gold by position). */
  id: number | string | null
  turns: DstTurn[]
  /** Where the dialog is, for messages. */
  loc: Loc
}

const START_BELIEF_STATE = '=> Belief State :'
const END_OF_BELIEF = '<EOB>'
// Official dialog_act_regex '([\w:?.?]*)  *\[([^\]]*)\]'. Python 3's \w is Unicode-aware
// (letters, digits, underscore), hence \p{L}\p{N}_ with the u flag.
const DIALOG_ACT = /([\p{L}\p{N}_:?.]*) +\[([^\]]*)\]/gu
// Official slot_regex '([A-Za-z0-9_.-:]*)  *= ([^,]*)'. `.-:` is a range ('.' to ':'), so a
// hyphen is not allowed in slot names: "fashion-color = x" yields the slot name "color". Kept.
const SLOT = /([A-Za-z0-9_.-:]*) += ([^,]*)/g

/**
 * Official parse_flattened_result: strip the line, split on `=> Belief State :` (exactly two
 * parts), split the rest on `<EOB>` (exactly two parts), then every `ACT [ ... ]` match is a
 * frame whose slots are the `name = value` matches inside the brackets (both stripped).
 * Anything else gives an empty belief.
 */
export function parseBeliefLine(line: string): { frames: DstFrame[]; parsed: boolean } {
  // Found with indexOf rather than split: `split(marker)` has exactly two parts iff the marker
  // occurs once, and both markers start and end with non-space characters, so stripping the
  // line first never changes where (or whether) they occur.
  const start = onlyIndex(line, START_BELIEF_STATE, 0)
  if (start === -1) return { frames: [], parsed: false }
  const from = start + START_BELIEF_STATE.length
  const end = onlyIndex(line, END_OF_BELIEF, from)
  if (end === -1) return { frames: [], parsed: false }
  // The belief text, stripped: line[a, b).
  const [a, b] = pyStripBounds(line, from, end)
  return { frames: scanActs(line, a, b) ?? matchActs(line.slice(a, b)), parsed: true }
}

/** The official regular expressions themselves, for belief text whose act names may hold non-ASCII letters. */
function matchActs(acts: string): DstFrame[] {
  const frames: DstFrame[] = []
  DIALOG_ACT.lastIndex = 0
  for (let act = DIALOG_ACT.exec(acts); act !== null; act = DIALOG_ACT.exec(acts)) {
    const slots: string[] = []
    const inside = act[2]!
    SLOT.lastIndex = 0
    // The name's characters exclude whitespace, so only the value needs Python's strip().
    for (let m = SLOT.exec(inside); m !== null; m = SLOT.exec(inside)) slots.push(`${m[1]!}=${pyStrip(m[2]!)}`)
    frames.push({ hasAct: true, act: act[1]!, slots })
  }
  return frames
}

/** Index of `marker` in `s` from `from` on if it occurs there exactly once, else -1. */
function onlyIndex(s: string, marker: string, from: number): number {
  const at = s.indexOf(marker, from)
  return at !== -1 && s.indexOf(marker, at + marker.length) === -1 ? at : -1
}

/** Lines as Python's `for line in open(path)` yields them (universal newlines, no empty tail). */
export function splitLines(text: string): string[] {
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n')
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** One dialog of the dialog-level gold: its id and how many turns it has, in file order. */
export interface DialogTurnCount {
  id: string
  turns: number
}

/** `dialogue_data` of a SIMMC dials file, or null when the text is not JSON of that shape (no error: callers fall back). */
export function lenientDialogueData(text: string): unknown[] | null {
  let top: unknown
  try {
    top = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return null
  }
  const list = (top as { dialogue_data?: unknown } | null)?.dialogue_data
  return Array.isArray(list) ? list : null
}

/**
 * The dialogs of a dialog-level gold file (`{domain}_teststd_dials.json`), read leniently:
 * only `dialogue_data[].dialogue_idx` and the length of `dialogue` matter here. Null when the
 * text does not have that shape (then line-format examples keep their line numbers).
 */
export function readDialogTurnCounts(text: string): DialogTurnCount[] | null {
  const list = lenientDialogueData(text)
  if (!list) return null
  const out: DialogTurnCount[] = []
  for (const d of list as unknown[]) {
    const dialog = d as { dialogue_idx?: unknown; dialogue?: unknown } | null
    const id = dialog?.dialogue_idx
    if ((typeof id !== 'string' && typeof id !== 'number') || !Array.isArray(dialog?.dialogue)) return null
    out.push({ id: String(id), turns: dialog.dialogue.length })
  }
  return out
}

/** Dialog id and turn of every line of a line target file; null when they cannot be told. */
export interface LineLabels {
  dialogIds: string[]
  turns: number[]
}

/**
 * The line target file lists every turn, dialog by dialog, in the order of the dialog-level
 * gold: line i is turn j of dialog d where the turn counts add up to i. Only when the counts
 * add up to the number of lines exactly; otherwise (null) the lines keep their numbers.
 */
export function lineLabels(dialogs: readonly DialogTurnCount[] | null, lines: number): LineLabels | null {
  if (!dialogs || dialogs.reduce((sum, d) => sum + d.turns, 0) !== lines) return null
  const labels: LineLabels = { dialogIds: [], turns: [] }
  for (const d of dialogs) {
    for (let j = 0; j < d.turns; j++) {
      labels.dialogIds.push(d.id)
      labels.turns.push(j)
    }
  }
  return labels
}

/** Python str() of a JSON value, so f'{k}={v}' slot strings match the official ones. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v
  return pyRepr(v)
}

function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan'
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf'
    return String(v)
  }
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`
  return `{${Object.entries(v as object)
    .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
    .join(', ')}}`
}

function readFrames(value: unknown, loc: Loc): DstFrame[] {
  return asArray(value, loc).map((f, k) => {
    const fLoc = loc.at(k)
    const frame = asObject(f, fLoc)
    // Own properties only: a key named like an Object.prototype member is just a key.
    const hasAct = Object.hasOwn(frame, 'act')
    const act = hasAct && frame['act'] !== null ? asString(frame['act'], fLoc.at('act')) : null
    const slotsLoc = fLoc.at('slots')
    const slots = Object.hasOwn(frame, 'slots') ? asArray(frame['slots'], slotsLoc) : []
    return {
      hasAct,
      act,
      slots: slots.map((s, m) => {
        // Official unpacks `for k, v in frame['slots']`: each slot must be a pair.
        if (!Array.isArray(s) || s.length !== 2) {
          throw slotsLoc
            .at(m)
            .error(`expected a [name, value] pair, got ${describeJson(s)}${Array.isArray(s) ? ` of length ${s.length}` : ''}`)
        }
        assertShallow(s, slotsLoc.at(m))
        return `${pyStr(s[0])}=${pyStr(s[1])}`
      })
    }
  })
}

/**
 * `{"dialogue_data": [{"dialogue_idx", "dialogue": [{"belief_state": [frames]}]}]}`. A dialog
 * without `dialogue_idx` has id null (real test-std predictions have none: the 2020 official
 * script matched dialogs by position); ids that are given must be unique.
 */
export function readDstJson(text: string, file: string): DstDialog[] {
  const root = new Loc(file)
  const top = asObject(parseJson(text, file), root, 'an object with "dialogue_data"')
  const listLoc = root.at('dialogue_data')
  const seen = new Set<string>()
  return arrayField(top, 'dialogue_data', root).map((d, i) => {
    const loc = listLoc.at(i)
    const obj = asObject(d, loc)
    const id = Object.hasOwn(obj, 'dialogue_idx') ? asId(obj['dialogue_idx'], loc.at('dialogue_idx')) : null
    if (id !== null) {
      if (seen.has(idKey(id))) throw loc.at('dialogue_idx').error(`duplicate dialog id ${id}`)
      seen.add(idKey(id))
    }
    const turns = arrayField(obj, 'dialogue', loc).map((t, j) => {
      const tLoc = loc.at('dialogue', j)
      const turn = asObject(t, tLoc)
      const frames = readFrames(field(turn, 'belief_state', tLoc), tLoc.at('belief_state'))
      return { dialogId: id === null ? `dialog ${i}` : String(id), turn: j, frames, parsed: true, loc: tLoc }
    })
    return { id, turns, loc }
  })
}

/** A JSON DST file starts with `{`; anything else is read as the line format. */
export function looksLikeJson(text: string): boolean {
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{')
}

/** Belief state as text: `ACT [ name = value, ... ] ...` (slot strings shown as name = value). */
export function formatBelief(frames: readonly DstFrame[]): string {
  return frames
    .map((f) => {
      const slots = f.slots.map((s) => s.replace('=', ' = ')).join(', ')
      return `${f.act ?? '(no act)'} [${slots ? ` ${slots} ` : ' '}]`
    })
    .join(' ')
}
