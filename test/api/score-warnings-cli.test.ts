// `podium score` on files the official scripts accept but Podium used to refuse, and on bad
// input: numbers with a "warnings" array, or exit 2 with one line naming the file.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/serve'

const run = promisify(execFile)
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-score-warn-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Writes the two files and runs `podium score --json`; returns exit code, stdout and stderr. */
async function score(task: string, gold: string | Buffer, pred: string | Buffer, extra: string[] = []) {
  const goldPath = join(dir, `gold-${task}`)
  const predPath = join(dir, `pred-${task}.json`)
  writeFileSync(goldPath, gold)
  writeFileSync(predPath, pred)
  const args = [join(ROOT, 'bin', 'podium.js'), 'score', '--task', task, '--gold', goldPath, '--pred', predPath, '--json', ...extra]
  try {
    const { stdout, stderr } = await run(process.execPath, args)
    return { code: 0, stdout, stderr, predPath, goldPath }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, predPath, goldPath }
  }
}

const st1Gold = JSON.stringify([
  {
    dialog_id: 1,
    actions: [
      { action: 'A', action_supervision: { color: 'red' } },
      { action: 'B', action_supervision: { color: 'blue' } }
    ]
  }
])
const round = (turn: number, action: string) => ({
  turn_id: turn,
  action,
  action_log_prob: { A: -0.5, B: -1 },
  attributes: { color: 'blue' }
})

describe('podium score --json warnings', () => {
  it('duplicates: scored as the official script scores them, with a warning', async () => {
    const pred = JSON.stringify([
      { dialog_id: 1, predictions: [round(1, 'B')] },
      { dialog_id: 1, predictions: [round(1, 'A')] }
    ])
    const r = await score('simmc-st1', st1Gold, pred, ['--single-round'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { n: number; metrics: Record<string, number>; warnings: Array<{ code: string; message: string }> }
    expect(out.n).toBe(2)
    expect(out.metrics.action_accuracy).toBe(0.5)
    expect(out.warnings).toEqual([
      {
        code: 'duplicate-predictions',
        message:
          '1 duplicate prediction counted twice, as the official script does (it scores every prediction it is given): dialog 1 turn 1 at [1].predictions[0] (first at [0].predictions[0])'
      }
    ])
  })

  it('a file without log-probs: scored, the perplexity left out, the official KeyError named', async () => {
    const r = await score(
      'simmc-st1',
      st1Gold,
      JSON.stringify([{ dialog_id: 1, predictions: [{ turn_id: 0, action: 'A', attributes: { color: 'red' } }] }])
    )
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { metrics: Record<string, number>; warnings: Array<{ code: string; message: string }> }
    expect(Object.keys(out.metrics)).toEqual(['action_accuracy', 'attribute_accuracy'])
    expect(out.warnings[0]!.code).toBe('official-script-fails')
    expect(out.warnings[0]!.message).toMatch(/^official script would fail here: KeyError 'action_log_prob'/)
  })

  it('bad input: exit 2 and one line, never a stack trace or null', async () => {
    const prefix = Buffer.from('[{"dialog_id": 1, "predictions": [{"turn_id": 0, "action": "caf')
    const bad = await score('simmc-st1', st1Gold, Buffer.concat([prefix, Buffer.from([0xe9]), Buffer.from('"}]}]')]))
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().endsWith(` at byte ${prefix.length}: not valid UTF-8 (byte 0xe9): save the prediction file as UTF-8`)).toBe(
      true
    )
    const deep = `[{"dialog_id": 1, "predictions": [{"turn_id": 0, "action": "A", "attributes": {"a": ${'['.repeat(5000)}${']'.repeat(5000)}}}]}]`
    const deepGold = JSON.stringify([{ dialog_id: 1, actions: [{ action: 'A', action_supervision: { a: ['x'] } }] }])
    const nested = await score('simmc-st1', deepGold, deep)
    expect(nested.code).toBe(2)
    expect(nested.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/at \[0\]\.predictions\[0\]\.attributes: nested more than 512 levels deep$/)
    ])
    const empty = await score('simmc-st1', st1Gold, '[]')
    expect([empty.code, empty.stderr.trim().endsWith('no predictions to score')]).toEqual([2, true])
  })

  it('a file not in the format at all is still exit 2, one line', async () => {
    const r = await score('simmc-st1', st1Gold, '{"dialog_id": 1}')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('expected an array of dialogs, got an object')
  })
})
