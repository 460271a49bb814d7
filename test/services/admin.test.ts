import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateGold, goldFiles } from '../../src/main/demo/simmc-data'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { dispatch } from '../../src/main/services/handlers'
import { mkdirSync, writeFileSync } from 'node:fs'

let dir: string
let runtime: Runtime
let goldDir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-admin-'))
  runtime = startRuntime({ dataDir: join(dir, 'data'), transport: 'http' })
  goldDir = join(dir, 'gold')
  for (const domain of ['fashion', 'furniture'] as const) {
    mkdirSync(join(goldDir, domain), { recursive: true })
    for (const [name, text] of Object.entries(goldFiles(generateGold(domain, { dialogs: 5, seed: 'admin' })))) {
      writeFileSync(join(goldDir, domain, name), text)
    }
  }
})
afterAll(async () => {
  await runtime.close()
  rmSync(dir, { recursive: true, force: true })
})

const request = { name: 'SIMMC 2020', slug: 'simmc-2020', deadline: '2020-09-27T23:59:59-12:00', entryTag: 'dstc9-simmc-entry' }

describe('challenge and team administration', () => {
  it('refuses a challenge whose gold files are missing, naming them, and stores nothing', async () => {
    const out = await dispatch(runtime.handlers, 'challenges.create', { ...request, goldDir: join(dir, 'empty') })
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(!out.ok && out.error.message).toContain(join(dir, 'empty', 'fashion', 'fashion_teststd_dials_api_calls.json'))
    expect(runtime.store.challenges.list()).toEqual([])
  })

  it('refuses a deadline without a zone and a bad slug', async () => {
    const noZone = await dispatch(runtime.handlers, 'challenges.create', { ...request, goldDir, deadline: '2020-09-27T23:59:59' })
    expect(noZone.ok).toBe(false)
    expect(!noZone.ok && noZone.error.message).toMatch(/^deadline: /)
    const slug = await dispatch(runtime.handlers, 'challenges.create', { ...request, goldDir, slug: 'Bad Slug' })
    expect(!slug.ok && slug.error.message).toContain('slug "Bad Slug"')
  })

  it('creates a challenge with copied gold files, edits it, and logs both', async () => {
    const created = await runtime.handlers['challenges.create']({ ...request, goldDir, combination: 'mean' })
    expect(created.config.combination).toBe('mean')
    expect(created.config.goldDir).toBe(join('challenges', 'simmc-2020', 'gold'))
    const updated = await runtime.handlers['challenges.update']({ challengeId: created.id, deadline: '2020-09-28T23:59:59-12:00' })
    expect(updated.deadline).toBe('2020-09-28T23:59:59-12:00')
    const log = runtime.store.audit.list(created.id).map((a) => `${a.action} ${a.detail}`)
    expect(log[0]).toBe('challenge.updated deadline: 2020-09-27T23:59:59-12:00 → 2020-09-28T23:59:59-12:00')
    expect(log[1]).toMatch(/^challenge.created/)
    const duplicate = await dispatch(runtime.handlers, 'challenges.create', { ...request, goldDir })
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('adds teams with stable anonymous ids and baselines under their own name', async () => {
    const [c] = runtime.store.challenges.list()
    const a = await runtime.handlers['teams.add']({ challengeId: c!.id, name: 'Alpha', repo: '/repos/alpha' })
    const b = await runtime.handlers['teams.add']({ challengeId: c!.id, name: 'Beta', repo: '/repos/beta' })
    const base = await runtime.handlers['teams.add']({ challengeId: c!.id, name: 'Seq2Seq', repo: '/repos/base', isBaseline: true })
    expect([a.anonId, b.anonId].sort()).toEqual(['Team 1', 'Team 2'])
    expect(base.anonId).toBe('Baseline: Seq2Seq')
    const again = await dispatch(runtime.handlers, 'teams.add', { challengeId: c!.id, name: 'Alpha', repo: '/x' })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const flagged = await runtime.handlers['teams.flag']({ teamId: a.id, reason: 'used test-std labels' })
    expect(flagged.flaggedReason).toBe('used test-std labels')
  })
})
