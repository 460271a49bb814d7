// Issue 16 items 3-4 / issue 18 item 4 on real components: teams served by `git http-backend`, the SQLite
// file, the scoring pool (built worker), the CLI commands. A team's predictions come from its own refs;
// a prediction file kept in two folders (test-std beside a devtest run) is decided by the gold's dialog
// ids, and when the gold cannot tell, by the organizer, with the choice in the audit log.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { teamCommand } from '../../src/main/cli/admin-commands'
import { generateGold, goldFiles, predictionFiles } from '../../src/main/demo/simmc-data'
import { buildRepo, runGit, type CommitStep } from '../../src/main/intake/repo-builder'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { dispatch } from '../../src/main/services/handlers'
import type { Challenge } from '../../src/shared/challenge'
import type { Team } from '../../src/shared/teams'
import { entry } from '../helpers/fixture-repos'
import { startGitServer, type GitServer } from '../helpers/git-http-server'

const ST1 = 'dstc9-simmc-teststd-fashion-subtask-1.json'
let dir: string
let runtime: Runtime
let server: GitServer
let challenge: Challenge

const teststd = generateGold('fashion', { dialogs: 6, seed: 'refs' })
const devtest = generateGold('fashion', { dialogs: 4, seed: 'dev', firstId: 9000 })
const good = predictionFiles(teststd, { quality: 1, seed: 'a' })[ST1]!
const other = predictionFiles(teststd, { quality: 0.3, seed: 'b' })[ST1]!
const dev = predictionFiles(devtest, { quality: 1, seed: 'c' })[ST1]!

/** Entry tag, then predictions tagged `preds` (lightweight), then a late HEAD rewritten from the first commit. */
function repo(files: Record<string, string>): CommitStep[] {
  const steps = entry()
  steps.pop()
  return [
    ...steps,
    { label: 'preds', message: 'Predictions', date: '2020-10-02T09:00:00-07:00', files, tags: [{ name: 'preds', annotated: false }] },
    { label: 'late', branch: 'v2', from: 'initial', message: 'v2', date: '2022-01-01T00:00:00Z', files: { 'src/v2.py': 'pass\n' } }
  ]
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podium-refs-flow-'))
  for (const domain of ['fashion', 'furniture'] as const) {
    mkdirSync(join(dir, 'gold', domain), { recursive: true })
    const gold = domain === 'fashion' ? teststd : generateGold(domain, { dialogs: 3, seed: 'refs' })
    for (const [name, text] of Object.entries(goldFiles(gold))) writeFileSync(join(dir, 'gold', domain, name), text)
  }
  mkdirSync(join(dir, 'served'))
  const built = {
    // td_small sorts after predictions: the old rule scored the devtest copy.
    copies: await buildRepo(join(dir, 'served', 'copies.git'), {
      commits: repo({ [`predictions/${ST1}`]: good, [`td_small/${ST1}`]: dev })
    }),
    runs: await buildRepo(join(dir, 'served', 'runs.git'), { commits: repo({ [`run-a/${ST1}`]: good, [`run-b/${ST1}`]: other }) })
  }
  for (const b of Object.values(built)) await runGit(['branch', '-f', 'main', b.commits.late!], b.dir)
  server = await startGitServer(join(dir, 'served'))
  runtime = startRuntime({ dataDir: join(dir, 'data'), transport: 'http', workers: 1 })
  challenge = await runtime.handlers['challenges.create']({
    name: 'Refs',
    slug: 'refs',
    deadline: '2020-09-27T23:59:59-12:00',
    entryTag: 'dstc9-simmc-entry',
    goldDir: join(dir, 'gold')
  })
})
afterAll(async () => {
  await runtime?.close()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function intake(team: Team) {
  runtime.intake.enqueue([team.id])
  await runtime.intake.idle()
  const submission = runtime.store.submissions.latestForTeam(team.id)!
  return { submission, report: runtime.store.submissions.report(submission.id)! }
}

describe('predictions refs and copies through the services', () => {
  it('the test-std copy is scored, not the devtest copy beside it; the verdict records ref -> commit', async () => {
    const team = await runtime.handlers['teams.add']({
      challengeId: challenge.id,
      name: 'Copies',
      repo: `${server.url}/copies.git`,
      predictionRefs: ['preds']
    })
    expect(team.predictionRefs).toEqual(['preds'])
    const { submission, report } = await intake(team)
    expect(submission.status).toBe('done')
    expect(report.predictionSources).toEqual([
      { ref: 'preds', commit: submission.predictionsCommit, files: [`predictions/${ST1}`, `td_small/${ST1}`] }
    ])
    expect(report.predictionCopies).toEqual([
      {
        file: ST1,
        paths: [`predictions/${ST1}`, `td_small/${ST1}`],
        chosen: `predictions/${ST1}`,
        how: 'gold',
        matches: [
          { path: `predictions/${ST1}`, dialogs: 6, inGold: 6 },
          { path: `td_small/${ST1}`, dialogs: 4, inGold: 0 }
        ]
      }
    ])
    expect(report.problems.find((p) => p.code === 'AMBIGUOUS_PREDICTION_FILE')?.message).toContain(`scored predictions/${ST1}`)
    const [evaluation] = runtime.store.evaluations.forSubmission(submission.id)
    expect(evaluation?.n).toBe(6)
    const audit = runtime.store.audit.list(challenge.id, team.id).map((a) => a.detail)
    expect(audit.at(-1)).toContain('predictions refs: preds')
  })

  it('two test-std runs wait for the organizer, who picks one (API), and the pick is audited and scored', async () => {
    const team = await runtime.handlers['teams.add']({ challengeId: challenge.id, name: 'Runs', repo: `${server.url}/runs.git` })
    // Default: the remote HEAD, which was rewritten after the deadline.
    const first = await intake(team)
    expect(first.report.problems.map((p) => p.code)).toContain('PREDICTIONS_NOT_DESCENDANT')
    await runtime.handlers['teams.update']({ teamId: team.id, predictionRefs: ['preds'] })
    let { submission, report } = await intake(team)
    expect(submission.status).toBe('failed')
    expect(submission.statusCode).toBe('PREDICTION_COPY_UNCHOSEN')
    expect(report.predictionCopies?.[0]?.chosen).toBeUndefined()
    expect(report.problems[0]!.message).toContain('until the organizer chooses a copy')

    const bad = await dispatch(runtime.handlers, 'teams.choosePredictionFile', { teamId: team.id, file: ST1, path: `run-c/${ST1}` })
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(!bad.ok && bad.error.message).toContain(`run-a/${ST1}, run-b/${ST1}`)
    const chosen = await runtime.handlers['teams.choosePredictionFile']({ teamId: team.id, file: ST1, path: `run-b/${ST1}` })
    expect(chosen.predictionChoices).toEqual({ [ST1]: `run-b/${ST1}` })
    ;({ submission, report } = await intake(team))
    expect(submission.status).toBe('done')
    expect(report.predictionCopies?.[0]).toMatchObject({ chosen: `run-b/${ST1}`, how: 'organizer' })
    const evaluation = runtime.store.evaluations.forSubmission(submission.id)[0]!
    expect(evaluation.metrics['action_accuracy']!).toBeLessThan(1)
    const actions = runtime.store.audit.list(challenge.id, team.id).map((a) => `${a.action} ${a.detail}`)
    expect(actions).toContain(`team.prediction-file-chosen ${ST1}: the organizer chose run-b/${ST1}`)
    expect(actions).toContain('team.predictions-refs predictions refs: HEAD (default) -> preds')
  })

  it('refuses bad refs with the field and the reason', async () => {
    const out = await dispatch(runtime.handlers, 'teams.add', {
      challengeId: challenge.id,
      name: 'Bad',
      repo: `${server.url}/runs.git`,
      predictionRefs: ['ok', 'two words']
    })
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(!out.ok && out.error.message).toMatch(/^request\.predictionRefs\[1\]: predictions ref "two words" has a space/)
    expect(runtime.store.teams.list(challenge.id).map((t) => t.name)).not.toContain('Bad')
  })

  it('the CLI adds a team with repeated --predictions-ref, changes them, and picks a copy', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const data = join(dir, 'data')
    try {
      const common = ['--challenge', 'refs', '--data', data]
      expect(
        await teamCommand.run([
          'add',
          ...common,
          '--name',
          'Cli',
          '--repo',
          `${server.url}/runs.git`,
          '--predictions-ref',
          'st1',
          '--predictions-ref',
          'st3'
        ])
      ).toBe(0)
      expect(String(out.mock.calls.at(-1)?.[0])).toContain('predictions from st1, st3')
      expect(await teamCommand.run(['update', ...common, '--team', 'Cli', '--predictions-head'])).toBe(0)
      expect(String(out.mock.calls.at(-1)?.[0])).toContain('predictions from HEAD (default)')
      await expect(teamCommand.run(['update', ...common, '--team', 'Cli'])).rejects.toThrow(
        /--predictions-ref REF \(repeatable\) or --predictions-head/
      )
      expect(await teamCommand.run(['choose-file', ...common, '--team', 'Runs', '--file', ST1, '--clear'])).toBe(0)
    } finally {
      out.mockRestore()
    }
    const cli = runtime.store.teams.list(challenge.id).find((t) => t.name === 'Cli')!
    expect(cli.predictionRefs).toEqual([])
    expect(runtime.store.teams.list(challenge.id).find((t) => t.name === 'Runs')!.predictionChoices).toEqual({})
  })
})
