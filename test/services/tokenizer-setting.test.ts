// The BLEU tokenizer as a challenge setting: stored with the challenge, carried by the
// scoring plan into the worker pool (built worker), recorded with every generation
// evaluation, shown in the submission detail and in reports.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Challenge } from '../../src/shared/challenge'
import { writeSimmcFiles } from '../helpers/simmc-files'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { dispatch } from '../../src/main/services/handlers'
import { buildReportModel } from '../../src/main/services/reports'
import { scoreSubmission } from '../../src/main/services/scoring-service'
import { planScoring } from '../../src/main/services/scoring-plan'

let dir: string
let runtime: Runtime
let goldDir: string
let predDir: string

const request = { name: 'SIMMC 2020', deadline: '2020-09-27T23:59:59-12:00', entryTag: 'dstc9-simmc-entry' }

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-tokenizer-'))
  runtime = startRuntime({ dataDir: join(dir, 'data'), transport: 'http', workers: 1 })
  goldDir = join(dir, 'gold')
  predDir = join(dir, 'pred')
  writeSimmcFiles(goldDir, predDir, { dialogs: 6, quality: 0.6, seed: 'tokenizer' })
})
afterAll(async () => {
  await runtime.close()
  rmSync(dir, { recursive: true, force: true })
})

const generationFiles = (): Map<string, string> =>
  new Map(
    ['fashion', 'furniture'].map((d) => {
      const name = `dstc9-simmc-teststd-${d}-subtask-2-generation.json`
      return [name, join(predDir, name)]
    })
  )

async function scoreTeam(challenge: Challenge, name: string): Promise<number> {
  const team = await runtime.handlers['teams.add']({ challengeId: challenge.id, name, repo: join(dir, name) })
  const submissionId = runtime.store.submissions.create(team.id, challenge.entryTag)
  const outcome = await scoreSubmission(
    { store: runtime.store, pool: runtime.pool, events: runtime.events, dataDir: join(dir, 'data') },
    challenge,
    submissionId,
    generationFiles(),
    { label: name, teamId: team.id }
  )
  expect(outcome.failures).toEqual([])
  expect(outcome.scored).toBe(2)
  return team.id
}

describe('the tokenizer setting', () => {
  let challenge: Challenge

  it('defaults to nltk-3.5 for a SIMMC challenge and refuses unknown values, naming the choices', async () => {
    challenge = await runtime.handlers['challenges.create']({ ...request, slug: 'simmc-a', goldDir })
    expect(challenge.config.tokenizer).toBe('nltk-3.5')
    const bad = await dispatch(runtime.handlers, 'challenges.create', {
      ...request,
      slug: 'simmc-b',
      goldDir,
      tokenizer: 'nltk-4.0' as never
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(!bad.ok && bad.error.message).toBe('request.tokenizer must be one of nltk-3.5, nltk-3.8, nltk-3.9 (got "nltk-4.0")')
    const chosen = await runtime.handlers['challenges.create']({ ...request, slug: 'simmc-c', goldDir, tokenizer: 'nltk-3.8' })
    expect(chosen.config.tokenizer).toBe('nltk-3.8')
  })

  it('is carried into every scoring job of the plan', () => {
    const { jobs } = planScoring(challenge, join(dir, 'data'), generationFiles())
    expect(jobs.map((j) => j.job.tokenizer)).toEqual(['nltk-3.5', 'nltk-3.5'])
  })

  it('is recorded with each generation evaluation, shown in the submission detail and the report', async () => {
    const teamId = await scoreTeam(challenge, 'Aurora')
    const detail = await runtime.handlers['submissions.get']({ teamId })
    expect(detail.evaluations.map((e) => [e.task, e.params])).toEqual([
      ['simmc-st2-generation', { tokenizer: 'nltk-3.5' }],
      ['simmc-st2-generation', { tokenizer: 'nltk-3.5' }]
    ])
    const report = buildReportModel(runtime.store, join(dir, 'data'), challenge, true)
    expect(report.settings).toEqual(['BLEU tokenized as nltk 3.5 (word_tokenize of that nltk release)'])
    const md = await runtime.handlers['reports.export']({ challengeId: challenge.id, format: 'md', anonymized: true })
    expect(md.content).toContain('- BLEU tokenized as nltk 3.5 (word_tokenize of that nltk release)')
  })

  it('an update is audited, applies to the next scoring, and the report names evaluations scored otherwise', async () => {
    challenge = await runtime.handlers['challenges.update']({ challengeId: challenge.id, tokenizer: 'nltk-3.9' })
    expect(challenge.config.tokenizer).toBe('nltk-3.9')
    expect(runtime.store.audit.list(challenge.id)[0]).toMatchObject({
      action: 'challenge.updated',
      detail: 'tokenizer: nltk-3.5 → nltk-3.9'
    })
    const teamId = await scoreTeam(challenge, 'Blue Heron')
    const detail = await runtime.handlers['submissions.get']({ teamId })
    expect(detail.evaluations.map((e) => e.params?.tokenizer)).toEqual(['nltk-3.9', 'nltk-3.9'])
    expect(buildReportModel(runtime.store, join(dir, 'data'), challenge, true).settings).toEqual([
      'BLEU tokenized as nltk 3.9 (word_tokenize of that nltk release)',
      '2 generation evaluation(s) were tokenized as nltk 3.5: score them again to apply the setting'
    ])
    const unchanged = await runtime.handlers['challenges.update']({ challengeId: challenge.id, name: 'SIMMC 2020 (rerun)' })
    expect(unchanged.config.tokenizer).toBe('nltk-3.9')
  })
})
