import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { callApi, startServe, type ServeProcess } from '../helpers/serve'

let dataDir: string
let server: ServeProcess

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-serve-'))
  server = await startServe(dataDir)
})
afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('serve mode over real HTTP', () => {
  it('binds 127.0.0.1 and serves the renderer shell without a token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await fetch(server.url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
  })

  it('rejects API calls without the token or with a wrong one (401)', async () => {
    const missing = await callApi(server, 'challenges.list', null, '')
    expect(missing.status).toBe(401)
    expect(missing.body.error.code).toBe('UNAUTHORIZED')
    const wrong = await callApi(server, 'challenges.list', null, `${server.token}x`)
    expect(wrong.status).toBe(401)
    const events = await fetch(`${server.url}api/events`)
    expect(events.status).toBe(401)
  })

  it('answers with the demo challenges created on first start', async () => {
    const list = await callApi(server, 'challenges.list', null)
    expect(list.status).toBe(200)
    expect(list.body.data.map((c: { slug: string }) => c.slug)).toEqual(['simmc-dstc9-demo', 'convai2-demo'])
    const [demo] = list.body.data
    expect(demo).toMatchObject({ slug: 'simmc-dstc9-demo', entryTag: 'dstc9-simmc-entry', teamCount: 8 })
    const challenge = await callApi(server, 'challenges.get', { challengeId: demo.id })
    expect(challenge.body.data.deadline).toBe('2020-09-27T23:59:59-12:00')
    expect(challenge.body.data.config.categories.map((c: { id: string }) => c.id)).toEqual([
      'simmc-st1',
      'simmc-st2-generation',
      'simmc-st2-retrieval',
      'simmc-st3'
    ])
    const teams = await callApi(server, 'teams.list', { challengeId: demo.id })
    expect(teams.body.data).toHaveLength(9)
    const anonIds = teams.body.data
      .filter((t: any) => !t.isBaseline)
      .map((t: any) => t.anonId)
      .sort()
    expect(anonIds).toEqual(['Team 1', 'Team 2', 'Team 3', 'Team 4', 'Team 5', 'Team 6', 'Team 7', 'Team 8'])
  })

  it('reports app info for the http transport', async () => {
    const info = await callApi(server, 'app.info', null)
    expect(info.body.data).toMatchObject({ transport: 'http', dataDir, schemaVersion: MIGRATIONS.length })
  })

  it('gives clear errors for unknown channels, bad bodies and missing records', async () => {
    const unknown = await callApi(server, 'no.such.channel', null)
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toContain('no.such.channel')

    const badBody = await fetch(`${server.url}api/call/challenges.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: '{not json'
    })
    expect(badBody.status).toBe(400)

    const badField = await callApi(server, 'challenges.get', { challengeId: 'one' })
    expect(badField.status).toBe(400)
    expect(badField.body.error.message).toContain('challengeId')

    const missing = await callApi(server, 'challenges.get', { challengeId: 4242 })
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe('challenge 4242 does not exist')
  })

  it('streams intake progress as server-sent events to a client holding the token', async () => {
    const controller = new AbortController()
    const response = await fetch(`${server.url}api/events?token=${server.token}`, { signal: controller.signal })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const [demo] = (await callApi(server, 'challenges.list', null)).body.data
    const teams = (await callApi(server, 'teams.list', { challengeId: demo.id })).body.data
    const harbor = teams.find((t: { name: string }) => t.name === 'Harbor Bots')
    const queued = await callApi(server, 'intake.run', { challengeId: demo.id, teamIds: [harbor.id] })
    expect(queued.body.data).toEqual({ queued: 1 })

    const reader = response.body!.getReader()
    const statuses: string[] = []
    let buffer = ''
    while (!statuses.includes('done') && !statuses.includes('failed')) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += new TextDecoder().decode(value)
      for (const line of buffer.split('\n').filter((l) => l.startsWith('data: '))) {
        const event = JSON.parse(line.slice(6))
        if (event.type === 'submission.status' && event.teamId === harbor.id) statuses.push(event.status)
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1)
    }
    controller.abort()
    expect(statuses).toEqual(['pending', 'fetching', 'validating', 'scoring', 'done'])
    const after = (await callApi(server, 'submissions.get', { teamId: harbor.id })).body.data
    expect(after.submission.status).toBe('done')
    expect(after.evaluations).toHaveLength(8)
  })
})
