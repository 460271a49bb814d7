// Every channel, sent malformed requests over HTTP to a real `podium serve`: 400 BAD_REQUEST naming
// the field, never INTERNAL, and nothing written. Plus the HTTP door itself: Host, method, size, path.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '../../src/shared/api'
import { callApi, startServe, type ServeProcess } from '../helpers/serve'

let dataDir: string
let server: ServeProcess
let simmcId: number
let convai2Id: number
let teamId: number
const socketPath = () => join(dataDir, 'bot.sock')

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-checks-'))
  server = await startServe(dataDir)
  const challenges = (await callApi(server, 'challenges.list', null)).body.data as Array<{ id: number; kind: string }>
  simmcId = challenges.find((c) => c.kind === 'simmc')!.id
  convai2Id = challenges.find((c) => c.kind === 'convai2')!.id
  teamId = (await callApi(server, 'teams.list', { challengeId: simmcId })).body.data[0].id
}, 120_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Every row of every table, hashed: any write (audit entry, flag, team, bot) changes it. */
function databaseFingerprint(): string {
  const db = new Database(join(dataDir, 'podium.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
    const hash = createHash('sha256')
    for (const table of tables) {
      const rows = db
        .prepare(`SELECT * FROM "${table}"`)
        .all()
        .map((row) => JSON.stringify(row))
      hash.update(`${table}:${rows.sort().join('\n')}\n`)
    }
    return hash.digest('hex')
  } finally {
    db.close()
  }
}

type Case = [request: unknown, field: string]

/** Malformed requests per channel and the field the answer must name (a Record: no channel is left out). */
function malformedCases(): Record<Channel, Case[]> {
  const create = { name: 'X', slug: 'x-new', deadline: '2020-09-27T23:59:59-12:00', entryTag: 't', goldDir: dataDir }
  const board = { challengeId: simmcId, categoryId: 'simmc-st1', domain: 'fashion' }
  return {
    'app.info': [[{ verbose: true }, 'request takes no parameters']],
    'challenges.list': [[[1], 'request takes no parameters']],
    'challenges.get': [
      [{ challengeId: '1' }, 'request.challengeId'],
      [null, 'request must be an object']
    ],
    'challenges.create': [
      [{ ...create, name: 5 }, 'request.name'],
      [{ ...create, goldDir: null }, 'request.goldDir'],
      [{ ...create, tokenizer: 7 }, 'request.tokenizer'],
      [{ ...create, combination: 'sum' }, 'request.combination'],
      [{ ...create, entryTag: undefined }, 'request.entryTag is required']
    ],
    'challenges.update': [
      [{ challengeId: simmcId, required: 'some' }, 'request.required'],
      [{ challengeId: simmcId, deadline: 20200927 }, 'request.deadline']
    ],
    'witness.record': [[{ challengeId: -1 }, 'request.challengeId']],
    'teams.list': [[{ challengeId: 1.5 }, 'request.challengeId']],
    'audit.list': [
      [{ challengeId: simmcId, limit: -1 }, 'request.limit'],
      [{ challengeId: simmcId, limit: 2.5 }, 'request.limit'],
      [{ challengeId: simmcId, teamId: 'x' }, 'request.teamId']
    ],
    'teams.add': [
      [{ challengeId: simmcId, name: {}, repo: '/r' }, 'request.name'],
      [{ challengeId: simmcId, name: 'New', repo: '/r', isBaseline: 'yes' }, 'request.isBaseline'],
      [{ challengeId: simmcId, name: 'New', repo: '/r', contactt: 'typo' }, 'request.contactt is not a field']
    ],
    'teams.flag': [
      [{ teamId, reason: { x: 1 } }, 'request.reason'],
      [{ reason: 'late' }, 'request.teamId is required']
    ],
    'teams.update': [
      [{ teamId, predictionRefs: 'main' }, 'request.predictionRefs'],
      [{ teamId, predictionRefs: ['main', 7] }, 'request.predictionRefs[1]']
    ],
    'teams.choosePredictionFile': [
      [{ teamId, file: 'x.json', path: 5 }, 'request.path'],
      [{ teamId, path: null }, 'request.file is required']
    ],
    'teams.decideDuplicate': [
      [{ teamId, decision: 'keep' }, 'request.decision'],
      [{ decision: 'distinct' }, 'request.teamId is required']
    ],
    'significance.compare': [
      [{ ...board, resamples: 'many' }, 'request.resamples'],
      [{ ...board, seed: -1 }, 'request.seed'],
      [{ challengeId: simmcId, categoryId: 'simmc-st1' }, 'request.domain is required']
    ],
    'significance.paperResults': [[{ ...board, top: 'ten' }, 'request.top']],
    'significance.cancel': [[{ jobId: 5 }, 'request.jobId']],
    'intake.run': [
      [{ challengeId: simmcId, teamIds: 'abc' }, 'request.teamIds'],
      [{ challengeId: simmcId, teamIds: [teamId, '2'] }, 'request.teamIds[1]']
    ],
    'submissions.get': [[{ teamId, anonymized: 'no' }, 'request.anonymized']],
    'evaluations.list': [[{ challengeId: simmcId, anonymized: 0 }, 'request.anonymized']],
    'evaluations.get': [[{ evaluationId: null }, 'request.evaluationId']],
    'examples.list': [
      [{ evaluationId: 1, limit: 0 }, 'request.limit'],
      [{ evaluationId: 1, limit: 1e9 }, 'request.limit'],
      [{ evaluationId: 1, offset: -5 }, 'request.offset'],
      [{ evaluationId: 1, minScore: 'x' }, 'request.minScore'],
      [{ evaluationId: 1, text: ['a'] }, 'request.text']
    ],
    'examples.dialog': [
      [{ evaluationId: 1, dialogId: 7 }, 'request.dialogId'],
      [{ dialogId: '7' }, 'request.evaluationId is required']
    ],
    'leaderboard.get': [
      [{ ...board, method: 'bogus' }, 'request.method'],
      [{ ...board, seSource: 'bogus' }, 'request.seSource'],
      [{ challengeId: simmcId, domain: 'fashion' }, 'request.categoryId is required']
    ],
    'reports.export': [[{ challengeId: simmcId, format: 'docx' }, 'request.format']],
    'notices.list': [[{}, 'request.challengeId is required']],
    'convai2.leaderboard': [[{ challengeId: true }, 'request.challengeId']],
    'wild.status': [[{ challengeId: 'a' }, 'request.challengeId']],
    'wild.start': [
      [{ port: socketPath() }, 'request.port'],
      [{ port: 70000 }, 'request.port'],
      [{ port: 8080.5, challengeId: convai2Id }, 'request.port']
    ],
    'wild.registerBot': [
      [null, 'request must be an object'],
      [{ name: 3 }, 'request.name'],
      [{ name: 'bot', teamId: 'x' }, 'request.teamId']
    ],
    'wild.dialogs': [[{ botId: 0 }, 'request.botId']],
    'wild.startDialog': [['x', 'request must be an object']],
    'wild.dialog': [[{}, 'request.chatId is required']],
    'wild.send': [
      [null, 'request must be an object'],
      [{ chatId: 1, text: 5 }, 'request.text']
    ],
    'wild.end': [
      [{ chatId: 1, quality: 6, roleplay: null }, 'request.quality'],
      [{ chatId: 1, quality: 3, roleplay: 2 }, 'request.roleplay']
    ],
    'wild.stop': [[{ force: true }, 'request takes no parameters']],
    'wild.unblockBot': [[{ botId: '1' }, 'request.botId']],
    'wild.setLimits': [
      [{ challengeId: convai2Id, limits: { maxTurns: 3 } }, 'request.limits.maxTurns'],
      [{ challengeId: convai2Id, limits: { maxUtterances: 'x' } }, 'request.limits.maxUtterances'],
      [{ challengeId: convai2Id, limits: null }, 'request.limits']
    ]
  }
}

/** A raw HTTP request, for what fetch will not send (a foreign Host, a chunked oversized body). */
function rawRequest(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; chunks?: number }
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url)
    const req = httpRequest(
      { host: '127.0.0.1', port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }
    )
    req.on('error', reject)
    if (options.chunks) {
      // A chunked body of unknown length: the limit is found while reading.
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      for (let i = 0; i < options.chunks; i++) req.write(chunk)
    }
    req.end(options.body)
  })
}

describe('request checks at the one door (HTTP to a real serve)', () => {
  it('answers 400 BAD_REQUEST naming the field for malformed requests on every channel, and writes nothing', async () => {
    const cases = malformedCases()
    expect(Object.keys(cases).sort()).toEqual([...CHANNELS].sort())
    const before = databaseFingerprint()
    for (const channel of CHANNELS) {
      for (const [request, field] of cases[channel]) {
        const answer = await callApi(server, channel, request)
        const what = `${channel} ${JSON.stringify(request)}`
        expect(answer.status, what).toBe(400)
        expect(answer.body.error.code, what).toBe('BAD_REQUEST')
        expect(answer.body.error.message, what).toContain(field)
      }
    }
    expect(databaseFingerprint()).toBe(before)
    expect(existsSync(socketPath())).toBe(false)
    expect((await callApi(server, 'wild.status', null)).body.data.url).toBeNull()
  })

  it('still answers well-formed requests (the checks refuse only what does not fit)', async () => {
    const audit = await callApi(server, 'audit.list', { challengeId: simmcId, limit: 1 })
    expect(audit.status).toBe(200)
    expect(audit.body.data).toHaveLength(1)
    const board = await callApi(server, 'leaderboard.get', {
      challengeId: simmcId,
      categoryId: 'simmc-st1',
      domain: 'fashion',
      method: 'average-rank',
      seSource: 'max'
    })
    expect(board.status).toBe(200)
    expect(board.body.data).toMatchObject({ method: 'average-rank', seSource: 'max' })
    expect((await callApi(server, 'wild.status', {})).status).toBe(200)
    // The fingerprint of the first test does see a write.
    const before = databaseFingerprint()
    const flagged = await callApi(server, 'teams.flag', { teamId, reason: 'copied entry' })
    expect(flagged.body.data.flaggedReason).toBe('copied entry')
    expect(databaseFingerprint()).not.toBe(before)
  })

  it('refuses a foreign Host header (DNS rebinding) and accepts its own names with the port', async () => {
    const port = new URL(server.url).port
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `localhost:${Number(port) + 1}`]) {
      const answer = await rawRequest('/api/call/app.info', { method: 'POST', headers: { host, authorization: `Bearer ${server.token}` } })
      expect(answer.status, host).toBe(403)
      expect(JSON.parse(answer.body).error.code).toBe('FORBIDDEN')
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const answer = await rawRequest('/api/call/app.info', { method: 'POST', headers: { host, authorization: `Bearer ${server.token}` } })
      expect(answer.status, host).toBe(200)
    }
  })

  it('answers 405 to a wrong method, 400 to malformed percent-encoding, 413 to an oversized body', async () => {
    const get = await fetch(`${server.url}api/call/app.info`, { headers: { authorization: `Bearer ${server.token}` } })
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect(((await get.json()) as any).error.code).toBe('METHOD_NOT_ALLOWED')
    expect((await fetch(server.url, { method: 'DELETE' })).status).toBe(405)

    const badPath = await fetch(`${server.url}assets/%E0%A4%A.js`)
    expect(badPath.status).toBe(400)
    expect(((await badPath.json()) as any).error.message).toContain('percent-encoding')

    const declared = await rawRequest('/api/call/teams.flag', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)
    })
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body).error.code).toBe('PAYLOAD_TOO_LARGE')
    const chunked = await rawRequest('/api/call/teams.flag', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'transfer-encoding': 'chunked' },
      chunks: 6
    })
    expect(chunked.status).toBe(413)
  })
})
