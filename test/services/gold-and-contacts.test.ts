// challenges.create copies exactly the official gold files, by content; a team contact is an e-mail
// address, and a notice's headers stay headers whatever was stored before addresses were checked.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateGold, goldFiles } from '../../src/main/demo/simmc-data'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { dispatch } from '../../src/main/services/handlers'
import { headerValue, isEmailAddress } from '../../src/main/services/mail-header'

let dir: string
let runtime: Runtime
let goldDir: string
let outside: string
const request = { name: 'SIMMC 2020', deadline: '2020-09-27T23:59:59-12:00', entryTag: 'dstc9-simmc-entry' }

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-gold-'))
  runtime = startRuntime({ dataDir: join(dir, 'data'), transport: 'http' })
  goldDir = join(dir, 'gold')
  outside = join(dir, 'elsewhere')
  mkdirSync(outside)
  for (const domain of ['fashion', 'furniture'] as const) {
    mkdirSync(join(goldDir, domain), { recursive: true })
    for (const [name, text] of Object.entries(goldFiles(generateGold(domain, { dialogs: 5, seed: 'gold' })))) {
      // The fashion DST target lives elsewhere (a common data-link layout); the folder links to it.
      if (domain === 'fashion' && name.endsWith('_dst_target.txt')) {
        writeFileSync(join(outside, name), text)
        symlinkSync(join(outside, name), join(goldDir, domain, name))
      } else writeFileSync(join(goldDir, domain, name), text)
    }
    // Not gold: must not be copied.
    writeFileSync(join(goldDir, domain, 'notes.txt'), 'organizer notes\n')
    symlinkSync('/etc', join(goldDir, domain, 'etc-link'))
  }
})
afterAll(async () => {
  await runtime.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A plain copy of the official gold files (no links, no extra files), to spoil one of them. */
function copyOfGold(name: string): string {
  const copy = join(dir, name)
  for (const domain of ['fashion', 'furniture']) {
    mkdirSync(join(copy, domain), { recursive: true })
    for (const file of readdirSync(join(goldDir, domain)).filter((n) => n.startsWith(domain))) {
      writeFileSync(join(copy, domain, file), readFileSync(join(goldDir, domain, file)))
    }
  }
  return copy
}

describe('gold files of a new challenge', () => {
  it('copies exactly the official files as regular files; a symlink by its content, recorded in the audit log', async () => {
    const created = await runtime.handlers['challenges.create']({ ...request, slug: 'simmc-gold', goldDir })
    const copied = join(dir, 'data', created.config.goldDir)
    for (const domain of ['fashion', 'furniture']) {
      const names = readdirSync(join(copied, domain)).sort()
      expect(names).toEqual(
        readdirSync(join(goldDir, domain))
          .filter((n) => n.startsWith(domain))
          .sort()
      )
      for (const name of names) {
        expect(lstatSync(join(copied, domain, name)).isFile()).toBe(true)
        expect(readFileSync(join(copied, domain, name), 'utf8')).toBe(readFileSync(join(goldDir, domain, name), 'utf8'))
      }
    }
    // A later change where the link pointed changes nothing in the challenge.
    const linked = readdirSync(outside)[0]!
    writeFileSync(join(outside, linked), 'changed\n')
    expect(readFileSync(join(copied, 'fashion', linked), 'utf8')).not.toBe('changed\n')
    const audit = runtime.store.audit.list(created.id).find((a) => a.action === 'challenge.created')!
    expect(audit.detail).toBe(`gold from ${goldDir}; symbolic links copied by content: fashion/${linked} → ${join(outside, linked)}`)
  })

  it('refuses a gold "file" that is a directory, naming it, and stores nothing', async () => {
    const odd = copyOfGold('gold-dir-entry')
    const victim = join(odd, 'furniture', 'furniture_teststd_dials_api_calls.json')
    rmSync(victim)
    mkdirSync(victim)
    const out = await dispatch(runtime.handlers, 'challenges.create', { ...request, slug: 'simmc-odd', goldDir: odd })
    expect(out).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: `gold files must be regular files: ${victim}` } })
    expect(runtime.store.challenges.getBySlug('simmc-odd')).toBeUndefined()
    expect(existsSync(join(dir, 'data', 'challenges', 'simmc-odd'))).toBe(false)
  })

  it('refuses empty gold files (blank ones too), naming them, and stores nothing', async () => {
    const blank = copyOfGold('gold-blank')
    const empty = join(blank, 'fashion', 'fashion_teststd_dials_api_calls.json')
    const spaces = join(blank, 'furniture', 'furniture_teststd_dials_api_calls.json')
    writeFileSync(empty, '')
    writeFileSync(spaces, ' \n\n')
    const out = await dispatch(runtime.handlers, 'challenges.create', { ...request, slug: 'simmc-blank', goldDir: blank })
    expect(out).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: `gold files are empty: ${empty}, ${spaces}` } })
    expect(runtime.store.challenges.getBySlug('simmc-blank')).toBeUndefined()
    expect(existsSync(join(dir, 'data', 'challenges', 'simmc-blank'))).toBe(false)
  })
})

describe('team contacts and notices', () => {
  it('accepts plain addresses and refuses anything that could carry a header', () => {
    expect(isEmailAddress('team-a@example.org')).toBe(true)
    expect(isEmailAddress('a.b+c@mail.example.co.uk')).toBe(true)
    for (const bad of [
      'a@example.org\r\nBcc: x@evil.example',
      'a@example.org\nX: y',
      'Team A <a@example.org>',
      'a@b',
      'no-at.example.org',
      'a b@example.org',
      'a@example.org,b@example.org'
    ]) {
      expect(isEmailAddress(bad), bad).toBe(false)
    }
    expect(headerValue('a@example.org\r\nBcc: x@evil.example')).toBe('a@example.org Bcc: x@evil.example')
  })

  it('teams.add refuses a contact with a CRLF, naming the field', async () => {
    const challenge = runtime.store.challenges.getBySlug('simmc-gold')!
    const out = await dispatch(runtime.handlers, 'teams.add', {
      challengeId: challenge.id,
      name: 'Injector',
      repo: '/tmp/x.git',
      contact: 'a@example.org\r\nBcc: everyone@example.org'
    })
    expect(out).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'request.contact: "a@example.org\\r\\nBcc: everyone@example.org" is not an e-mail address (name@example.org)'
      }
    })
    expect(runtime.store.teams.list(challenge.id).map((t) => t.name)).not.toContain('Injector')
  })

  it('a contact stored before the check cannot add a header or start the body of the notice', async () => {
    const challenge = runtime.store.challenges.getBySlug('simmc-gold')!
    const added = await runtime.handlers['teams.add']({
      challengeId: challenge.id,
      name: 'Old Team',
      repo: '/tmp/y.git',
      contact: 'old@example.org'
    })
    // What an older Podium stored.
    const db = new Database(runtime.store.path)
    db.prepare('UPDATE teams SET contact = ? WHERE id = ?').run('old@example.org\r\nBcc: everyone@example.org\r\n\r\nFake body', added.id)
    db.close()
    const notice = (await runtime.handlers['notices.list']({ challengeId: challenge.id })).find((n) => n.teamId === added.id)!
    const [headers] = notice.content.split('\r\n\r\n')
    expect(headers!.split('\r\n')).toEqual([
      'X-Unsent: 1',
      'To: old@example.org Bcc: everyone@example.org Fake body',
      expect.stringMatching(/^Date: \w{3}, \d{2} \w{3} \d{4} [\d:]{8} \+0000$/),
      'Subject: SIMMC 2020: your anonymous team identity',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8'
    ])
  })
})
