// Input parsing and JSON output for `npx podium winners --input FILE --json`. No I/O here:
// the CLI reads the file and prints `winnersJson(determineWinners(parseWinnersInput(...)))`.
//
// Input: { "priority": [{ "metric": "mrr", "direction": "higher" }, ...],   (or "task": "simmc-st2-retrieval")
//          "entries": [{ "team": "A", "metrics": { "mrr": { "value": 0.6, "stderr": 0.01 } },
//                        "baseline"?: bool, "eligible"?: bool, "ineligibleReasons"?: [string] }] }
// A metric that is absent or null is a missing value; `stderr` absent or null is unknown.
// Unknown fields are errors, so a typo such as "stdErr" cannot silently become "no stderr".

import { InputError } from '../scoring/input-error'
import { SIMMC_TASKS } from '../../shared/scoring'
import { simmcCategory } from '../../shared/simmc-categories'
import type { MetricPriority, MetricValue, ScoredEntry, WinnerInput, WinnerOutcome } from '../../shared/ranking'

/** Message: `<file>: <path>: <problem>`, e.g. `input.json: entries[2].metrics.mrr.value: expected a finite number`. */
export class WinnersInputError extends InputError {
  constructor(file: string, path: string, problem: string) {
    super(file, path, problem)
    this.name = 'WinnersInputError'
    this.message = path ? `${file}: ${path}: ${problem}` : `${file}: ${problem}`
  }
}

type Json = Record<string, unknown>

export function parseWinnersInput(text: string, fileName: string): WinnerInput {
  const fail = (path: string, problem: string): never => {
    throw new WinnersInputError(fileName, path, problem)
  }
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch (error) {
    fail('', `not valid JSON (${(error as Error).message})`)
  }
  const top = expectObject(root, '', ['priority', 'entries', 'task'], fail)
  const priority = top.priority === undefined ? priorityOfTask(top.task, fail) : parsePriority(top.priority, fail)
  if (!Array.isArray(top.entries)) return fail('entries', 'expected an array of entries')
  if (top.entries.length === 0) fail('entries', 'expected at least one entry')
  const firstIndex = new Map<string, number>()
  const entries = top.entries.map((raw, i) => {
    const entry = parseEntry(raw, `entries[${i}]`, fail)
    const earlier = firstIndex.get(entry.team)
    if (earlier !== undefined) fail(`entries[${i}].team`, `duplicate team "${entry.team}" (also entries[${earlier}])`)
    firstIndex.set(entry.team, i)
    return entry
  })
  return { priority, entries }
}

/** Exactly `{"winners": [...], "joint": bool, "trace": [...]}`, indented by 2 spaces. */
export function winnersJson(outcome: WinnerOutcome): string {
  return JSON.stringify({ winners: outcome.winners, joint: outcome.joint, trace: outcome.trace }, null, 2)
}

type Fail = (path: string, problem: string) => never

function priorityOfTask(task: unknown, fail: Fail): MetricPriority[] {
  if (task === undefined) return fail('priority', 'missing (give a priority list or a SIMMC "task")')
  const category = typeof task === 'string' ? simmcCategory(task) : undefined
  if (!category) return fail('task', `expected one of ${SIMMC_TASKS.join(', ')}`)
  return category.priority.map((p) => ({ ...p }))
}

function parsePriority(raw: unknown, fail: Fail): MetricPriority[] {
  if (!Array.isArray(raw) || raw.length === 0) return fail('priority', 'expected a non-empty array')
  const seen = new Set<string>()
  return raw.map((item, i) => {
    const path = `priority[${i}]`
    const obj = expectObject(item, path, ['metric', 'direction'], fail)
    if (typeof obj.metric !== 'string' || obj.metric === '') fail(`${path}.metric`, 'expected a non-empty string')
    const metric = obj.metric as string
    if (seen.has(metric)) fail(`${path}.metric`, `"${metric}" is listed twice`)
    seen.add(metric)
    if (obj.direction !== 'higher' && obj.direction !== 'lower') fail(`${path}.direction`, 'expected "higher" or "lower"')
    return { metric, direction: obj.direction as MetricPriority['direction'] }
  })
}

function parseEntry(raw: unknown, path: string, fail: Fail): ScoredEntry {
  const obj = expectObject(raw, path, ['team', 'metrics', 'baseline', 'eligible', 'ineligibleReasons'], fail)
  if (typeof obj.team !== 'string' || obj.team.trim() === '') fail(`${path}.team`, 'expected a non-empty string')
  const entry: ScoredEntry = { team: obj.team as string, metrics: {} }
  const metrics = expectObject(obj.metrics, `${path}.metrics`, null, fail)
  for (const [name, value] of Object.entries(metrics)) {
    const metricPath = `${path}.metrics${key(name)}`
    entry.metrics[name] = value === null ? null : parseMetric(value, metricPath, fail)
  }
  for (const flag of ['baseline', 'eligible'] as const) {
    if (obj[flag] === undefined) continue
    if (typeof obj[flag] !== 'boolean') fail(`${path}.${flag}`, 'expected true or false')
    entry[flag] = obj[flag] as boolean
  }
  if (obj.ineligibleReasons !== undefined) {
    const reasons = obj.ineligibleReasons
    if (!Array.isArray(reasons) || !reasons.every((r) => typeof r === 'string')) {
      fail(`${path}.ineligibleReasons`, 'expected an array of strings')
    }
    entry.ineligibleReasons = reasons as string[]
  }
  return entry
}

function parseMetric(raw: unknown, path: string, fail: Fail): MetricValue {
  const obj = expectObject(raw, path, ['value', 'stderr'], fail)
  if (typeof obj.value !== 'number' || !Number.isFinite(obj.value)) fail(`${path}.value`, 'expected a finite number')
  const stderr = obj.stderr
  if (stderr === undefined || stderr === null) return { value: obj.value as number, stderr: null }
  if (typeof stderr !== 'number' || !Number.isFinite(stderr) || stderr < 0) {
    fail(`${path}.stderr`, 'expected a finite number ≥ 0 or null')
  }
  return { value: obj.value as number, stderr: stderr as number }
}

/** The object at `path`; with `allowed`, any other field is an error. */
function expectObject(raw: unknown, path: string, allowed: readonly string[] | null, fail: Fail): Json {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(path, 'expected an object')
  const obj = raw as Json
  for (const field of allowed ? Object.keys(obj) : []) {
    if (!allowed!.includes(field)) fail(`${path}${path ? key(field) : field}`, `unknown field (expected ${allowed!.join(', ')})`)
  }
  return obj
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`
}
