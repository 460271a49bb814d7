// Getting a team's repository onto this machine without trusting it.
//
// HTTP(S): the equivalent of `git clone --bare --single-branch --depth N` of the entry tag, plus a second
// fetch of the predictions ref, into `workDir` (which becomes a bare git directory). We use
// init + fetch rather than `clone` because clone wants to check out a branch and fetches one ref only;
// here nothing is ever checked out: intake reads every file from the object database, so a hostile tree
// (symlinks, `..` names, huge files) never touches the disk as files.
// Local path: read in place, never copied or written.
//
// Failures become problem codes, never exceptions (only misuse, such as a non-empty workDir, throws).

import * as fs from 'node:fs'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import git, { type GitHttpResponse, type HttpClient } from 'isomorphic-git'
import nodeHttp from 'isomorphic-git/http/node'
import { FetchAgents, raceIdle } from './http-transport'
import { PackDiverter } from './pack-diverter'
import { PackTooLarge } from './pack-index'
import { problem, type IntakeLimits, type IntakeProgress, type Problem, type ProblemCode } from '../../shared/intake'

export const DEFAULT_LIMITS: Required<IntakeLimits> = {
  timeoutMs: 120_000,
  idleTimeoutMs: 60_000,
  maxBytes: 1024 ** 3,
  maxFiles: 100_000,
  depth: 1000,
  maxHistoryCommits: 5000,
  retries: 3,
  retryBaseMs: 500,
  maxPredictionBytes: 256 * 1024 ** 2
}

export interface FetchOptions {
  repo: string
  tag: string
  /** Branches, tags or commit ids holding the predictions, in the organizer's order. */
  predictionsRefs?: string[]
  workDir: string
  limits: Required<IntakeLimits>
  onProgress?: (p: IntakeProgress) => void
}

export type FetchOutcome =
  | {
      ok: true
      gitdir: string
      /** True when the repository was read in place (never delete it). */
      local: boolean
      /** What refs/tags/<tag> points at (tag object or commit). */
      tagOid: string
      /** The predictions refs that resolved, in the order asked, with what each points at. */
      predictions: PredictionsRefOid[]
      /** Non-fatal problems (a missing predictions ref). */
      problems: Problem[]
    }
  | { ok: false; problems: Problem[] }

export interface PredictionsRefOid {
  ref: string
  /** What the ref points at (a tag object or a commit). */
  oid: string
}

export const isCommitId = (ref: string): boolean => /^[0-9a-f]{40}$/i.test(ref)

/** A failure already mapped to a problem code. */
export class FetchFailure extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly transient = false
  ) {
    super(message)
    this.name = 'FetchFailure'
  }
}

export type RepoLocation = { kind: 'http'; url: string } | { kind: 'local'; path: string } | { kind: 'unsupported' }

export function locate(repo: string): RepoLocation {
  if (/^https?:\/\//i.test(repo)) return { kind: 'http', url: repo }
  if (/^file:\/\//i.test(repo)) return { kind: 'local', path: fileURLToPath(repo) }
  // ssh://, git://, and scp-like user@host:path need credentials or transports we do not offer.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\\]+@[^/\\]+:/.test(repo)) return { kind: 'unsupported' }
  return { kind: 'local', path: resolve(repo) }
}

export async function fetchRepository(opts: FetchOptions): Promise<FetchOutcome> {
  const where = locate(opts.repo)
  if (where.kind === 'unsupported') {
    return {
      ok: false,
      problems: [
        problem('UNREACHABLE', `Repository ${opts.repo} uses a transport Podium does not support; give an http(s) URL or a local path.`)
      ]
    }
  }
  if (where.kind === 'local') return openLocal(where.path, opts)
  return fetchRemote(where.url, opts)
}

// ---------------------------------------------------------------------------------------------- local

/** The git directory of a local repository: `path/.git`, or `path` itself when bare. */
export async function findGitdir(path: string): Promise<{ gitdir: string } | { error: string }> {
  const info = await stat(path).catch(() => null)
  if (!info?.isDirectory()) return { error: `No directory exists at ${path}.` }
  const dotgit = await stat(join(path, '.git')).catch(() => null)
  if (dotgit?.isDirectory()) return { gitdir: join(path, '.git') }
  if (dotgit) return { error: `${path} is a linked worktree or submodule; point Podium at the main repository instead.` }
  if ((await isFile(join(path, 'HEAD'))) && (await isDir(join(path, 'objects')))) return { gitdir: path }
  return { error: `${path} is not a git repository.` }
}

async function openLocal(path: string, opts: FetchOptions): Promise<FetchOutcome> {
  const found = await findGitdir(path)
  if ('error' in found) return { ok: false, problems: [problem('REPO_NOT_FOUND', found.error)] }
  const { gitdir } = found

  let tagOid: string
  try {
    tagOid = await git.resolveRef({ fs, gitdir, ref: `refs/tags/${opts.tag}` })
  } catch {
    return { ok: false, problems: [problem('TAG_MISSING', `Repository ${path} has no tag ${opts.tag}.`)] }
  }
  const problems: Problem[] = []
  const predictions: PredictionsRefOid[] = []
  for (const ref of opts.predictionsRefs ?? []) {
    try {
      const oid = await git.resolveRef({ fs, gitdir, ref })
      await git.readObject({ fs, gitdir, oid, format: 'content' })
      predictions.push({ ref, oid })
    } catch {
      problems.push(problem('PREDICTIONS_REF_MISSING', `Repository ${path} has no ref or commit ${ref}.`))
    }
  }
  return { ok: true, gitdir, local: true, tagOid, predictions, problems }
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isFile() ?? false
}
async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isDirectory() ?? false
}

// --------------------------------------------------------------------------------------------- remote

async function fetchRemote(url: string, opts: FetchOptions): Promise<FetchOutcome> {
  const gitdir = resolve(opts.workDir)
  // Retries and failures delete this directory, so it must be ours from the start.
  const info = await stat(gitdir).catch(() => null)
  if (info && (!info.isDirectory() || (await readdir(gitdir)).length > 0)) throw new Error(`workDir ${gitdir} must be empty or absent.`)
  const { limits } = opts
  for (let attempt = 0; ; attempt++) {
    try {
      await rm(gitdir, { recursive: true, force: true })
      await mkdir(gitdir, { recursive: true })
      const result = await withTimeout(limits.timeoutMs, url, (signal, budget) => fetchOnce(url, gitdir, opts, signal, budget))
      const size = await diskBytes(gitdir)
      if (size > limits.maxBytes) throw tooLarge(url, size, limits.maxBytes)
      return result
    } catch (err) {
      const failure = classify(err, url)
      if (failure.transient && attempt < limits.retries) {
        const delay = limits.retryBaseMs * 2 ** attempt
        opts.onProgress?.({ phase: 'fetching', message: `${failure.message} Retrying in ${delay} ms.` })
        await sleep(delay)
        continue
      }
      await rm(gitdir, { recursive: true, force: true })
      return { ok: false, problems: [problem(failure.code, failure.message)] }
    }
  }
}

interface Budget {
  bytes: number
}

async function fetchOnce(url: string, gitdir: string, opts: FetchOptions, signal: AbortSignal, budget: Budget): Promise<FetchOutcome> {
  const { limits } = opts
  const agents = new FetchAgents()
  signal.addEventListener('abort', () => agents.destroy(), { once: true })
  const packs = new PackDiverter(join(gitdir, 'objects', 'pack'))
  try {
    return await fetchWith(url, gitdir, opts, guardedHttp(signal, budget, limits, url, agents, packs), () =>
      storePacks(url, gitdir, packs, limits)
    )
  } finally {
    agents.destroy()
  }
}

/**
 * A pack may inflate to this many times the repository cap (text compresses about 5-10 times); past that
 * a highly compressed hostile pack (1 MB of zlib can hold 1 GB of spaces) would take minutes to index.
 */
const INFLATE_FACTOR = 8

/** Objects rebuilt from deltas larger than this go through scratch files (a few seconds, but no memory). */
const REBUILD_IN_MEMORY_BYTES = 32 * 1024 ** 2

/**
 * Indexes the packs the last fetch diverted to disk. Objects rebuilt from deltas are held in memory up to
 * 32 MiB; larger ones, up to the repository cap, are rebuilt through scratch files. A delta's own
 * instructions are held in memory up to the prediction cap.
 */
async function storePacks(url: string, gitdir: string, packs: PackDiverter, limits: Required<IntakeLimits>): Promise<void> {
  const readExternal = async (oid: string): Promise<{ type: string; object: Uint8Array } | null> =>
    git.readObject({ fs, gitdir, oid, format: 'content' }).then(
      (o) => ({ type: o.type, object: o.object as Uint8Array }),
      () => null
    )
  try {
    const memory = Math.min(REBUILD_IN_MEMORY_BYTES, limits.maxPredictionBytes)
    await packs.store(
      gitdir,
      { memory, delta: limits.maxPredictionBytes, disk: limits.maxBytes, total: INFLATE_FACTOR * limits.maxBytes },
      readExternal
    )
  } catch (err) {
    if (err instanceof PackTooLarge) {
      const n = (x: number): string => x.toLocaleString('en-US')
      const what =
        err.what === 'total'
          ? `unpacks to more than ${n(err.limit)} bytes of content`
          : `holds an object of ${n(err.size)} bytes${err.what === 'delta' ? ' stored as a git delta' : ''}, over the limit of ${n(err.limit)} bytes`
      throw new FetchFailure('REPO_TOO_LARGE', `Repository ${url} ${what}; the repository was not read.`)
    }
    if (err instanceof FetchFailure) throw err
    throw new FetchFailure('REPO_CORRUPT', `Repository ${url} sent a packfile Podium cannot read: ${(err as Error).message}.`)
  }
}

async function fetchWith(
  url: string,
  gitdir: string,
  opts: FetchOptions,
  http: HttpClient,
  storeFetched: () => Promise<void>
): Promise<FetchOutcome> {
  const { limits, tag } = opts
  const onProgress = (e: { phase: string; loaded: number; total: number }): void =>
    opts.onProgress?.({ phase: 'fetching', loaded: e.loaded, total: e.total, message: e.phase })
  await git.init({ fs, dir: gitdir, gitdir, bare: true })
  await git.addRemote({ fs, gitdir, remote: 'origin', url })

  opts.onProgress?.({ phase: 'fetching', message: `Fetching tag ${tag} from ${url}.` })
  const tagRef = `refs/tags/${tag}`
  const common = { fs, http, gitdir, url, remote: 'origin', singleBranch: true, tags: false, depth: limits.depth, onProgress }
  let tagOid: string | null
  try {
    tagOid = (await git.fetch({ ...common, ref: tagRef, remoteRef: tagRef })).fetchHead
    await storeFetched()
  } catch (err) {
    if (isRefNotFound(err)) throw new FetchFailure('TAG_MISSING', `Repository ${url} has no tag ${tag}.`)
    throw err
  }
  // An empty repository advertises no refs at all.
  if (!tagOid) throw new FetchFailure('TAG_MISSING', `Repository ${url} is empty, so it has no tag ${tag}.`)
  await git.writeRef({ fs, gitdir, ref: tagRef, value: tagOid, force: true })

  const problems: Problem[] = []
  const predictions: PredictionsRefOid[] = []
  let everything = false
  for (const [i, ref] of (opts.predictionsRefs ?? []).entries()) {
    opts.onProgress?.({ phase: 'fetching', message: `Fetching predictions ref ${ref} from ${url}.` })
    let oid: string | undefined
    try {
      if (isCommitId(ref)) {
        // Servers only hand out advertised refs: fetch every branch and tag once, and hope the commit is on one.
        if (!(await hasObject(gitdir, ref)) && !everything) {
          await git.fetch({ ...common, singleBranch: false, tags: true })
          await storeFetched()
          everything = true
        }
        if (await hasObject(gitdir, ref)) oid = ref.toLowerCase()
      } else {
        oid = (await git.fetch({ ...common, ref, remoteRef: ref })).fetchHead ?? undefined
        await storeFetched()
      }
    } catch (err) {
      if (!isRefNotFound(err)) throw err
    }
    if (oid) {
      await git.writeRef({ fs, gitdir, ref: `refs/podium/predictions-${i}`, value: oid, force: true })
      predictions.push({ ref, oid })
    } else problems.push(problem('PREDICTIONS_REF_MISSING', `Repository ${url} has no ref or commit ${ref}.`))
  }
  return { ok: true, gitdir, local: false, tagOid, predictions, problems }
}

async function hasObject(gitdir: string, oid: string): Promise<boolean> {
  try {
    await git.readObject({ fs, gitdir, oid: oid.toLowerCase(), format: 'deflated' })
    return true
  } catch (err) {
    if (err instanceof git.Errors.NotFoundError) return false
    throw err
  }
}

function isRefNotFound(err: unknown): boolean {
  return err instanceof git.Errors.NotFoundError
}

/**
 * Wraps isomorphic-git's node client: every request carries the attempt's abort signal, every
 * response body counts bytes so a huge repository is cut off while downloading, not after, and
 * packfiles are diverted to disk (pack-diverter.ts).
 */
function guardedHttp(
  signal: AbortSignal,
  budget: Budget,
  limits: Required<IntakeLimits>,
  url: string,
  agents: FetchAgents,
  packs: PackDiverter
): HttpClient {
  const { maxBytes, idleTimeoutMs } = limits
  // Silence longer than the idle timeout is worth a retry: the server may just be overloaded.
  const silent = (): FetchFailure => new FetchFailure('UNREACHABLE', `Repository ${url} sent nothing for ${idleTimeoutMs / 1000} s.`, true)
  return {
    async request(req) {
      const sent = nodeHttp.request({ ...req, signal, agent: agents.for(req.url) })
      const res: GitHttpResponse = await raceAbort(raceIdle(sent, idleTimeoutMs, silent), signal)
      if (!res.body) return res
      const body = res.body
      async function* counted(): AsyncGenerator<Uint8Array> {
        const it = body[Symbol.asyncIterator]()
        try {
          for (;;) {
            const next = await raceAbort(raceIdle(it.next(), idleTimeoutMs, silent), signal)
            if (next.done) return
            budget.bytes += next.value.byteLength
            if (budget.bytes > maxBytes) throw tooLarge(url, budget.bytes, maxBytes, 'downloading')
            yield next.value
          }
        } finally {
          await it.return?.()
        }
      }
      // The upload-pack response carries the packfile: it goes to disk, not to isomorphic-git.
      const isPack = req.method === 'POST' && /\/git-upload-pack$/.test(new URL(req.url).pathname)
      return { ...res, body: isPack ? packs.divert(counted()) : counted() }
    }
  }
}

function tooLarge(url: string, bytes: number, max: number, when = 'fetched'): FetchFailure {
  const verb = when === 'downloading' ? 'passed' : 'is'
  return new FetchFailure(
    'REPO_TOO_LARGE',
    `Repository ${url} ${when === 'downloading' ? 'download' : 'on disk'} ${verb} ${bytes} bytes, over the limit of ${max} bytes.`
  )
}

async function withTimeout<T>(ms: number, url: string, run: (signal: AbortSignal, budget: Budget) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const timer = setTimeout(
    () =>
      controller.abort(
        new FetchFailure('UNREACHABLE', `Repository ${url} did not finish downloading within ${Math.round(ms / 1000)} s.`, true)
      ),
    ms
  )
  const running = run(controller.signal, { bytes: 0 })
  try {
    // The race makes a stalled server give up on time even if isomorphic-git is still waiting on it.
    return await raceAbort(running, controller.signal)
  } catch (err) {
    // Let the aborted fetch settle (briefly) so it cannot write into a directory we are about to delete.
    await Promise.race([running.catch(() => undefined), sleep(2000)])
    throw err
  } finally {
    clearTimeout(timer)
  }
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolveP, rejectP) => {
    const onAbort = (): void => rejectP(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolveP(v)
      },
      (e) => {
        signal.removeEventListener('abort', onAbort)
        rejectP(e)
      }
    )
  })
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'])
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'])

/** Maps anything a fetch can throw to a problem code, and says whether trying again may help. */
export function classify(err: unknown, url: string): FetchFailure {
  if (err instanceof FetchFailure) return err
  const e = err as {
    code?: string
    cause?: { code?: string }
    errors?: { code?: string }[]
    data?: { statusCode?: number; statusMessage?: string }
    message?: string
  }
  if (err instanceof git.Errors.HttpError && e.data?.statusCode) {
    const status = e.data.statusCode
    if (status === 401 || status === 403)
      return new FetchFailure(
        'AUTH_REQUIRED',
        `Repository ${url} requires authentication (HTTP ${status}); ask the team to make it public or grant access.`
      )
    if (status === 404 || status === 410) return new FetchFailure('REPO_NOT_FOUND', `Repository ${url} was not found (HTTP ${status}).`)
    const transient = status >= 500 || status === 429
    return new FetchFailure(
      'UNREACHABLE',
      `Repository ${url} answered HTTP ${status} ${e.data.statusMessage ?? ''}`.trimEnd() + '.',
      transient
    )
  }
  if (err instanceof git.Errors.SmartHttpError || err instanceof git.Errors.EmptyServerResponseError) {
    return new FetchFailure('REPO_NOT_FOUND', `${url} did not answer as a git smart-HTTP server.`)
  }
  const codes = [e.code, e.cause?.code, ...(e.errors ?? []).map((x) => x.code)].filter((c): c is string => !!c)
  if (codes.some((c) => UNREACHABLE_CODES.has(c)))
    return new FetchFailure('UNREACHABLE', `Repository ${url} could not be reached (${codes[0]}).`)
  if (codes.some((c) => TRANSIENT_CODES.has(c)) || /socket hang up/i.test(e.message ?? '')) {
    return new FetchFailure('UNREACHABLE', `The connection to ${url} broke (${codes[0] ?? 'socket hang up'}).`, true)
  }
  return new FetchFailure('UNREACHABLE', `Fetching ${url} failed: ${e.message ?? String(err)}.`)
}

async function diskBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) total += await diskBytes(p)
    else if (entry.isFile()) total += (await stat(p)).size
  }
  return total
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
