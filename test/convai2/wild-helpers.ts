// Shared by the wild-evaluation tests: a server on a real data dir with an injected clock,
// real bot processes (echo-bot.mjs) and a plain HTTP client. Every wait is bounded; bot
// processes have their own deadline and are killed (by pid) in the cleanups.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWildServer, type WildServer } from '../../src/main/convai2/wild-server'
import type { WildLimits } from '../../src/main/convai2/wild-rules'
import { openStore, type Store } from '../../src/main/db/store'
import { ApiError } from '../../src/shared/api'

export const BOT_SCRIPT = join(__dirname, 'echo-bot.mjs')
export const PROFILE_COPY = "Error: <class 'convai.exceptions.ProfileTrigramDetectedInMessageError'>: "
export const T0 = Date.parse('2018-07-02T10:00:00Z')

export const PROFILES = [
  ['my cats are very special to me.', "i'm a construction worker.", 'i enjoy building houses.', 'i have 5 cats.'],
  ['i love to go hiking in the mountains.', 'i have two dogs.', 'my favorite food is pizza.', 'i work as a nurse.'],
  ['i play the violin every day.', 'i live in a small town.', 'i am afraid of the dark.', 'my sister is a doctor.'],
  ['i collect old coins from europe.', 'i drive a red truck.', 'i never eat breakfast.', 'i was born in ohio.']
]

export interface Env {
  server: WildServer
  store: Store
  dir: string
  clock: { t: number; now(): number }
}

export const cleanups: Array<() => Promise<void> | void> = []
/** Runs (in reverse) what the tests registered; call from each file's afterEach. */
export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

export async function setup(limits: Partial<WildLimits> = {}, dir?: string): Promise<Env> {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'podium-wild-'))
  const store = openStore(dataDir)
  const clock = { t: T0, now: () => clock.t }
  const server = await startWildServer({ store, clock, limits, sweepIntervalMs: 0 })
  cleanups.push(async () => {
    await server.close()
    store.close()
    if (!dir) rmSync(dataDir, { recursive: true, force: true })
  })
  return { server, store, dir: dataDir, clock }
}

export interface BotProcess {
  child: ChildProcess
  events: Array<Record<string, any>>
  exit: Promise<number | null>
}

export function runBot(env: Env, token: string, mode: 'echo' | 'parrot'): BotProcess {
  const child = spawn(process.execPath, [BOT_SCRIPT, env.server.url, token, mode, '30'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const events: Array<Record<string, any>> = []
  let buffer = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    let nl: number
    while ((nl = buffer.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buffer.slice(0, nl)) as Record<string, any>)
      buffer = buffer.slice(nl + 1)
    }
  })
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (stderr) console.error(`[${mode} bot stderr]`, stderr)
      resolve(code)
    })
  )
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM')
      await exit
    }
  })
  return { child, events, exit }
}

/** Polls `check` every 20 ms until it returns a value other than undefined/false, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export async function within<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)))
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

export async function call(
  env: Env,
  token: string,
  method: string,
  init?: { query?: string; json?: unknown; form?: Record<string, string> }
) {
  const url = `${env.server.url}bot${token}/${method}${init?.query ? `?${init.query}` : ''}`
  const response = init?.json
    ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) })
    : init?.form
      ? await fetch(url, { method: 'POST', body: new URLSearchParams(init.form) })
      : await fetch(url)
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

export function apiError(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

export const botMessages = (env: Env, chatId: number) => env.server.api.listMessages(chatId).filter((m) => m.sender === 'bot')
