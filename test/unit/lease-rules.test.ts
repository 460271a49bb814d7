import { describe, expect, it } from 'vitest'
import { heldByOther, planClaim, processAlive, type LeaseOwner, type LeaseView } from '../../src/main/services/lease-rules'

const me: LeaseOwner = { id: '100-aa', pid: 100, host: 'here', holder: 'podium intake (pid 100)' }
const NOW = 1_000_000
const lease = (o: Partial<LeaseView> = {}): LeaseView => ({
  owner: '200-bb',
  pid: 200,
  host: 'here',
  holder: 'podium serve (pid 200)',
  expiresAt: NOW + 30_000,
  ...o
})
const alive = (): boolean => true
const dead = (): boolean => false

describe('submission leases', () => {
  it('another live, unexpired holder keeps the submission', () => {
    expect(heldByOther(lease(), me, NOW, alive)).toBe(true)
    // On another host the pid cannot be checked: only the expiry frees it.
    expect(heldByOther(lease({ host: 'elsewhere' }), me, NOW, dead)).toBe(true)
  })

  it('a lease is free when nobody, this process, an expired or a dead holder has it', () => {
    expect(heldByOther(lease({ owner: null }), me, NOW, alive)).toBe(false)
    expect(heldByOther(lease({ owner: me.id }), me, NOW, alive)).toBe(false)
    expect(heldByOther(lease({ expiresAt: NOW }), me, NOW, alive)).toBe(false)
    expect(heldByOther(lease(), me, NOW, dead)).toBe(false)
  })

  it('plans: new after a final submission, wait for a live holder, resume what a dead one left', () => {
    expect(planClaim(undefined, me, NOW, alive)).toEqual({ kind: 'new' })
    expect(planClaim({ id: 1, status: 'done', lease: lease() }, me, NOW, alive)).toEqual({ kind: 'new' })
    expect(planClaim({ id: 2, status: 'scoring', lease: lease() }, me, NOW, alive)).toEqual({
      kind: 'busy',
      submissionId: 2,
      holder: 'podium serve (pid 200)'
    })
    expect(planClaim({ id: 2, status: 'scoring', lease: lease() }, me, NOW, dead)).toEqual({
      kind: 'reuse',
      submissionId: 2,
      resumedFrom: 'scoring'
    })
    expect(planClaim({ id: 3, status: 'pending', lease: lease() }, me, NOW, dead)).toEqual({
      kind: 'reuse',
      submissionId: 3,
      resumedFrom: 'pending'
    })
    expect(planClaim({ id: 4, status: 'pending', lease: lease({ owner: null }) }, me, NOW, alive)).toEqual({
      kind: 'reuse',
      submissionId: 4,
      resumedFrom: null
    })
  })

  it('checks a pid for real', () => {
    expect(processAlive(process.pid)).toBe(true)
    expect(processAlive(2 ** 22 + 12345)).toBe(false)
  })
})
