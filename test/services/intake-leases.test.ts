// Leases held by a process on another machine (its pid cannot be checked): the queue waits while the
// lease is fresh, takes the finished result as the team's, and takes over once the lease expired.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Challenge } from '../../src/shared/challenge'
import type { TeamRow } from '../../src/shared/teams'
import { createDemoChallenge } from '../../src/main/demo/seed'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import type { LeaseOwner } from '../../src/main/services/lease-rules'

let dataDir: string
let runtime: Runtime
let challenge: Challenge
const remote: LeaseOwner = { id: '4242-remote', pid: 4242, host: 'another-machine', holder: 'podium intake (pid 4242)' }

const team = (name: string): TeamRow => runtime.store.teams.list(challenge.id).find((t) => t.name === name)!
const actions = (t: TeamRow): string[] =>
  runtime.store.audit
    .list(challenge.id, t.id)
    .map((a) => a.action)
    .reverse()

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-leases-'))
  runtime = startRuntime({ dataDir, transport: 'http', workers: 1 })
  challenge = runtime.store.challenges.get(await createDemoChallenge(runtime))!
})
afterAll(async () => {
  await runtime?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a lease held on another machine', () => {
  it('is waited for while fresh; its result is the team result, not a reason to process again', async () => {
    const aurora = team('Aurora Labs')
    const id = aurora.submission!.id
    runtime.store.submissions.setStatus(id, 'scoring', null, 'elsewhere')
    runtime.store.leases.take(id, remote, Date.now() + 60_000)
    const statuses: string[] = []
    const stop = runtime.events.subscribe((e) => {
      if (e.type === 'submission.status' && e.teamId === aurora.id) statuses.push(`${e.status}: ${e.reason ?? ''}`)
    })
    expect(runtime.intake.enqueue([aurora.id])).toBe(0)
    let idle = false
    const waiting = runtime.intake.idle().then(() => (idle = true))
    await new Promise((r) => setTimeout(r, 300))
    expect(idle).toBe(false)
    expect(runtime.store.submissions.get(id)!.status).toBe('scoring')
    // The other machine finishes.
    runtime.store.db.transaction(() => {
      runtime.store.submissions.setStatus(id, 'done', null, 'scored 8 prediction files; all checks passed')
      runtime.store.leases.release(id, remote)
    })()
    await waiting
    stop()
    expect(statuses).toEqual([
      'scoring: being processed by podium intake (pid 4242); waiting for it',
      'done: finished by another process: scored 8 prediction files; all checks passed'
    ])
    expect(team('Aurora Labs').submission!.id).toBe(id)
    expect(actions(aurora)).not.toContain('submission.scoring')
  })

  it('is taken over once expired: the same submission resumes and finishes', async () => {
    const heron = team('Blue Heron NLP')
    const id = heron.submission!.id
    runtime.store.submissions.setStatus(id, 'validating', null, 'elsewhere')
    runtime.store.leases.take(id, remote, Date.now() - 1)
    expect(runtime.intake.enqueue([heron.id])).toBe(1)
    await runtime.intake.idle()
    const after = team('Blue Heron NLP').submission!
    expect(after).toMatchObject({ id, status: 'done', statusCode: null })
    expect(runtime.store.leases.lease(id)!.owner).toBeNull()
    const resumed = runtime.store.audit.list(challenge.id, heron.id).find((a) => a.action === 'intake.resumed')!
    expect(resumed.detail).toMatch(/^submission \d+ was validating when podium intake \(pid 4242\) stopped; resumed by /)
  })

  it('a process that lost its lease writes nothing more', async () => {
    const cobalt = team('Cobalt Dialog')
    expect(runtime.intake.enqueue([cobalt.id])).toBe(1)
    const id = team('Cobalt Dialog').submission!.id
    // Another machine takes over at once (as if this process had been frozen past the expiry).
    runtime.store.leases.take(id, remote, Date.now() + 60_000)
    await runtime.intake.idle().catch(() => undefined)
    await new Promise((r) => setTimeout(r, 100))
    const row = runtime.store.submissions.get(id)!
    // It had started fetching (written under its lease); nothing after the takeover.
    expect(row.status).toBe('fetching')
    expect(runtime.store.leases.lease(id)!.owner).toBe(remote.id)
    expect(actions(cobalt).slice(-2)).toEqual(['submission.pending', 'submission.fetching'])
  })
})
