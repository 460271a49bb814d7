// Submission intake: fetch a team's repository and check its entry against the challenge rules.
//
// The repository is untrusted data. Nothing from it is executed or checked out; every file is read from
// the git object database. Anything wrong with the repository becomes a Problem in the report; only
// misuse by the caller (bad deadline syntax, non-empty workDir) throws.

import { rm } from 'node:fs/promises'
import { posix } from 'node:path'
import git from 'isomorphic-git'
import {
  problem,
  type CheckReport,
  type EntryCoverage,
  type EntryFile,
  type FileDate,
  type IntakeLimits,
  type IntakeProgress,
  type Problem
} from '../../shared/intake'
import { checkDates, formatGitTime, later, listSome, parseDeadline, type DatedFile, type Deadline } from './deadline'
import { DEFAULT_LIMITS, fetchRepository } from './git-fetch'
import { DEFAULT_MODEL_GLOBS, globToRegExp, matchesAny } from './glob'
import {
  formatPerson,
  lastTouches,
  listFiles,
  openRepo,
  readBlobText,
  readCommitInfo,
  readTagRef,
  SYMLINK_MODE,
  type CommitInfo,
  type FileEntry,
  type Repo
} from './inspect'
import { classifyLicense, findLicenseFile, isPermissive, LICENSE_FILE_NAMES } from './license'
import { checkProvenance } from './provenance'
import {
  basename,
  duplicatePredictionFiles,
  expandRequirements,
  describeAttempted,
  isPredictionFile,
  pathsFor,
  type Requirement,
  type RequirementPattern
} from './required-files'
import { errorText } from '../../shared/error-text'

export interface Witness {
  /** What the tag ref pointed at when the organizers first saw it. */
  tagObject: string
  commit: string
  seenAt: string
}

export interface CheckRepoOptions {
  /** http(s) URL, or a local path (read in place). */
  repo: string
  tag: string
  /** ISO 8601 with a zone, e.g. `2020-09-27T23:59:59-12:00`. */
  deadline: string
  /** Branch, tag, full ref or commit id holding the predictions. */
  predictionsRef?: string
  /** Where a remote repository is fetched to (a bare git directory). Must be empty or absent. */
  workDir: string
  now?: Date
  modelGlobs?: string[]
  /** Basename patterns; `{domain}` expands to each of `domains`; `a|b` means either. */
  requiredFiles?: (string | RequirementPattern)[]
  /**
   * 'all' (default): every required file must be present (REQUIRED_FILE_MISSING each). 'any': a partial
   * entry, judged on what it attempted; missing files are listed in `report.entry`, and only an entry
   * with none of the files is an error.
   */
  required?: 'all' | 'any'
  /** The challenge's domains (default: SIMMC's fashion and furniture). */
  domains?: string[]
  /** Returns a problem message, or null when the file is fine. Injected: scorers live elsewhere. */
  validatePrediction?: (path: string, content: string) => string | null
  witness?: Witness
  onProgress?: (p: IntakeProgress) => void
  limits?: IntakeLimits
  authorCommitterToleranceSeconds?: number
}

export async function checkRepo(opts: CheckRepoOptions): Promise<CheckReport> {
  // Programmer errors surface before any network traffic.
  if (!opts.tag.trim()) throw new Error('checkRepo: tag is required.')
  const deadline = parseDeadline(opts.deadline)
  const requirements = expandRequirements(opts.requiredFiles ?? [], opts.domains)
  const modelGlobs = opts.modelGlobs ?? DEFAULT_MODEL_GLOBS
  modelGlobs.forEach(globToRegExp)
  const limits = { ...DEFAULT_LIMITS, ...opts.limits }

  const report: CheckReport = {
    ok: false,
    repo: opts.repo,
    tag: { name: opts.tag, type: null, object: null },
    commit: null,
    dates: { deadline: deadline.iso, modelFiles: [], codeFiles: [] },
    problems: []
  }
  const fetched = await fetchRepository({
    repo: opts.repo,
    tag: opts.tag,
    workDir: opts.workDir,
    limits,
    ...(opts.predictionsRef ? { predictionsRef: opts.predictionsRef } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {})
  })
  report.problems.push(...fetched.problems)
  if (fetched.ok) {
    const ctx: Ctx = {
      opts,
      deadline,
      requirements,
      modelGlobs,
      limits,
      report,
      repo: openRepo(fetched.gitdir),
      predictionsOid: fetched.predictionsOid
    }
    try {
      await inspect(ctx, fetched.tagOid)
    } catch (err) {
      if (!isRepositoryDataError(err)) throw err
      report.problems.push(
        problem('REPO_CORRUPT', `Repository ${opts.repo} could not be read: ${(err as Error).message.replace(/\.$/, '')}.`)
      )
    }
    const tooLarge = report.problems.some((p) => p.code === 'REPO_TOO_LARGE')
    if (tooLarge && !fetched.local) await rm(fetched.gitdir, { recursive: true, force: true })
  }
  // Errors first, so a summary line can show the worst problem.
  report.problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
  report.ok = !report.problems.some((p) => p.severity === 'error')
  opts.onProgress?.({
    phase: 'checking',
    message: report.ok ? 'Checks passed.' : `${report.problems.filter((p) => p.severity === 'error').length} problem(s) found.`
  })
  return report
}

interface Ctx {
  opts: CheckRepoOptions
  deadline: Deadline
  requirements: Requirement[]
  modelGlobs: string[]
  limits: Required<IntakeLimits>
  report: CheckReport
  repo: Repo
  predictionsOid: string | undefined
}

async function inspect(ctx: Ctx, tagOid: string): Promise<void> {
  const { opts, report, repo, limits } = ctx
  const say = (message: string): void => opts.onProgress?.({ phase: 'checking', message })
  const add = (p: Problem): void => void report.problems.push(p)

  say(`Reading tag ${opts.tag}.`)
  const tag = await readTagRef(repo, tagOid)
  report.tag = { name: opts.tag, type: tag.type, object: tag.object }
  if (tag.tagger) {
    report.tag.taggerDate = formatGitTime(tag.tagger.time)
    report.tag.tagger = formatPerson(tag.tagger)
    report.dates.tagger = report.tag.taggerDate
  }
  if (!tag.commit) return add(problem('TAG_MISSING', `Tag ${opts.tag} points at a ${tag.targetType}, not a commit.`))
  const commit = await readCommitInfo(repo, tag.commit)
  if (!commit) return add(problem('REPO_CORRUPT', `Commit ${tag.commit} tagged ${opts.tag} is missing from the repository.`))
  report.commit = {
    sha: commit.sha,
    authorDate: formatGitTime(commit.author.time),
    committerDate: formatGitTime(commit.committer.time),
    author: formatPerson(commit.author),
    committer: formatPerson(commit.committer),
    message: commit.message
  }
  report.dates.author = report.commit.authorDate
  report.dates.committer = report.commit.committerDate
  if (opts.witness) checkWitness(ctx, tag.object, commit.sha, opts.witness)

  say(`Listing files of ${commit.sha.slice(0, 12)}.`)
  const listing = await listFiles(repo, commit.tree, limits.maxFiles)
  if (listing.overflow)
    return add(problem('REPO_TOO_LARGE', `Tag ${opts.tag} has more than ${limits.maxFiles} files, over the file limit.`))
  const isPrediction = predictionMatcher(ctx.requirements)
  const modelPaths = listing.files.filter((f) => matchesAny(f.path, ctx.modelGlobs)).map((f) => f.path)
  const models = new Set(modelPaths)
  const codePaths = listing.files.filter((f) => !models.has(f.path) && !isPrediction(f.path)).map((f) => f.path)

  say(`Dating ${modelPaths.length} model and ${codePaths.length} code files.`)
  const walk = await lastTouches(repo, commit, [...modelPaths, ...codePaths], limits.maxHistoryCommits, limits.maxFiles)
  const dated = (paths: string[]): DatedFile[] =>
    paths.map((path) => {
      const t = walk.touches.get(path)!
      return { path, lastCommit: t.commit.sha, time: later(t.commit.author.time, t.commit.committer.time) }
    })
  const modelFiles = dated(modelPaths)
  const codeFiles = dated(codePaths)
  const toReport = (files: DatedFile[]): FileDate[] =>
    files.map((f) => ({
      path: f.path,
      lastCommit: f.lastCommit,
      date: formatGitTime(f.time),
      ...(walk.touches.get(f.path)!.truncated ? { truncated: true } : {})
    }))
  report.dates.modelFiles = toReport(modelFiles)
  report.dates.codeFiles = toReport(codeFiles)
  const truncated = [...walk.touches.values()].filter((t) => t.truncated)
  if (truncated.length > 0) {
    add(
      problem(
        'HISTORY_TRUNCATED',
        `History of tag ${opts.tag} ends at commit ${truncated[0]!.commit.sha.slice(0, 12)} (shallow fetch or walk limit), so the dates of ${truncated.length} file(s) are upper bounds.`
      )
    )
  }

  let finalFiles = listing.files
  let predictions: CommitInfo | undefined
  if (ctx.predictionsOid) {
    say(`Checking predictions ${opts.predictionsRef}.`)
    const peeled = await readTagRef(repo, ctx.predictionsOid)
    predictions = peeled.commit ? ((await readCommitInfo(repo, peeled.commit)) ?? undefined) : undefined
    if (!predictions) {
      add(problem('PREDICTIONS_REF_MISSING', `Predictions ref ${opts.predictionsRef} does not point at a commit in the repository.`))
    } else {
      report.dates.predictionsCommit = formatGitTime(predictions.committer.time)
      const prov = await checkProvenance(repo, {
        tagName: opts.tag,
        ref: opts.predictionsRef!,
        tagCommit: commit,
        predictions,
        isAllowed: (p) => isPrediction(p) || isRootLicense(p),
        maxCommits: limits.maxHistoryCommits,
        maxFiles: limits.maxFiles
      })
      report.predictions = { ref: opts.predictionsRef!, commit: predictions.sha, changedFiles: prov.changedFiles }
      report.problems.push(...prov.problems)
      const after = await listFiles(repo, predictions.tree, limits.maxFiles)
      if (after.overflow)
        return add(
          problem(
            'REPO_TOO_LARGE',
            `Predictions commit ${predictions.sha.slice(0, 12)} has more than ${limits.maxFiles} files, over the file limit.`
          )
        )
      finalFiles = after.files
    }
  }

  // Predictions and licence are judged on the final state: the predictions commit, else the tag.
  const where = predictions ? `predictions commit ${predictions.sha.slice(0, 12)}` : `tag ${opts.tag}`
  await checkPredictionFiles(ctx, finalFiles, isPrediction, where)
  await checkLicense(ctx, finalFiles, where)
  await checkSymlinks(ctx, dedupe([...listing.files, ...finalFiles]))

  report.problems.push(
    ...checkDates({
      deadline: ctx.deadline,
      now: opts.now ?? new Date(),
      tagName: opts.tag,
      tag: { type: tag.type, ...(tag.tagger ? { tagger: tag.tagger.time } : {}) },
      commit: { sha: commit.sha, author: commit.author.time, committer: commit.committer.time },
      lineage: walk.lineage,
      modelFiles,
      codeFiles,
      ...(predictions
        ? { predictionsCommit: { sha: predictions.sha, author: predictions.author.time, committer: predictions.committer.time } }
        : {}),
      ...(opts.authorCommitterToleranceSeconds !== undefined
        ? { authorCommitterToleranceSeconds: opts.authorCommitterToleranceSeconds }
        : {})
    })
  )
}

function checkWitness(ctx: Ctx, object: string, commit: string, w: Witness): void {
  if (w.tagObject === object && w.commit === commit) return
  const what =
    w.commit !== commit
      ? `commit ${commit.slice(0, 12)}, not ${w.commit.slice(0, 12)}`
      : `object ${object.slice(0, 12)}, not ${w.tagObject.slice(0, 12)}`
  ctx.report.problems.push(problem('TAG_MOVED', `Tag ${ctx.opts.tag} now points at ${what} as seen at ${w.seenAt}.`))
}

/** SIMMC names, plus any name a required-file pattern lists (a challenge may name its own files). */
function predictionMatcher(requirements: Requirement[]): (path: string) => boolean {
  const named = new Set(requirements.flatMap((r) => r.alternatives))
  return (path) => isPredictionFile(path) || named.has(basename(path))
}

/** Adding or fixing the licence after the tag is expected: the rules ask for it by the submission date. */
function isRootLicense(path: string): boolean {
  return !path.includes('/') && LICENSE_FILE_NAMES.some((n) => n.toLowerCase() === path.toLowerCase())
}

async function checkPredictionFiles(ctx: Ctx, files: FileEntry[], isPrediction: (p: string) => boolean, where: string): Promise<void> {
  const { report, opts, limits } = ctx
  checkCoverage(ctx, files, where)
  for (const [name, paths] of duplicatePredictionFiles(files.map((f) => f.path))) {
    report.problems.push(
      problem('AMBIGUOUS_PREDICTION_FILE', `Prediction file ${name} appears ${paths.length} times in ${where}: ${listSome(paths)}.`)
    )
  }
  if (!opts.validatePrediction) return
  for (const f of files.filter((x) => isPrediction(x.path))) {
    const invalid = (why: string): void =>
      void report.problems.push(problem('INVALID_PREDICTION_FILE', `Prediction file ${f.path} ${why.replace(/\.$/, '')}.`, f.path))
    if (f.mode === SYMLINK_MODE) {
      invalid('is a symbolic link, which Podium does not follow')
      continue
    }
    const text = await readBlobText(ctx.repo, f.oid, limits.maxPredictionBytes)
    if (text === null) {
      invalid(`is larger than ${limits.maxPredictionBytes} bytes`)
      continue
    }
    let message: string | null
    try {
      message = opts.validatePrediction(f.path, text)
    } catch (err) {
      // A validator tripping over hostile content is still a problem with the file, not a crash.
      message = errorText(err)
    }
    if (message) invalid(`is invalid: ${message}`)
  }
}

/** What the entry attempted; missing files are errors only when the challenge requires every one. */
function checkCoverage(ctx: Ctx, files: FileEntry[], where: string): void {
  const { report, requirements } = ctx
  if (requirements.length === 0) return
  const mode = ctx.opts.required ?? 'all'
  const paths = files.map((f) => f.path)
  const attempted: Requirement[] = []
  const missing: Requirement[] = []
  const entryFile = (r: Requirement, found?: string[]): EntryFile => ({
    label: r.label,
    ...(r.categoryId ? { categoryId: r.categoryId } : {}),
    ...(r.category ? { category: r.category } : {}),
    ...(r.domain ? { domain: r.domain } : {}),
    ...(found ? { paths: found } : {})
  })
  const entry: EntryCoverage = { mode, attempted: [], missing: [], summary: '' }
  for (const r of requirements) {
    const found = pathsFor(paths, r)
    if (found.length > 0) {
      attempted.push(r)
      entry.attempted.push(entryFile(r, found))
    } else {
      missing.push(r)
      entry.missing.push(entryFile(r))
    }
  }
  entry.summary = describeAttempted(attempted)
  report.entry = entry
  if (mode === 'all') {
    for (const r of missing) {
      report.problems.push(problem('REQUIRED_FILE_MISSING', `Required prediction file ${r.label} is missing from ${where}.`))
    }
  } else if (attempted.length === 0) {
    report.problems.push(
      problem(
        'REQUIRED_FILE_MISSING',
        `No prediction file at all in ${where}: expected at least one of ${listSome(
          requirements.map((r) => r.label),
          4
        )}.`
      )
    )
  }
}

async function checkLicense(ctx: Ctx, files: FileEntry[], where: string): Promise<void> {
  const rootFiles = files.filter((f) => !f.path.includes('/'))
  const name = findLicenseFile(rootFiles.map((f) => f.path))
  const file = rootFiles.find((f) => f.path === name)
  if (!file) {
    ctx.report.problems.push(problem('LICENSE_MISSING', `No LICENSE, LICENSE.md or COPYING file at the root of ${where}.`))
    return
  }
  const symlink = file.mode === SYMLINK_MODE
  const text = symlink ? '' : ((await readBlobText(ctx.repo, file.oid, 1024 * 1024)) ?? '')
  const kind = classifyLicense(text)
  const permissive = isPermissive(kind)
  ctx.report.license = { file: file.path, kind, permissive }
  if (!permissive) {
    const why = symlink
      ? 'is a symbolic link, which Podium does not follow'
      : kind === 'unknown'
        ? 'is not a licence Podium recognizes'
        : `is ${kind}, not a permissive licence`
    ctx.report.problems.push(problem('LICENSE_NOT_PERMISSIVE', `Licence file ${file.path} in ${where} ${why}.`))
  }
}

/** Symlinks are never followed; one pointing outside the tree is still worth telling the organizer. */
async function checkSymlinks(ctx: Ctx, files: FileEntry[]): Promise<void> {
  const escapes: string[] = []
  for (const f of files.filter((x) => x.mode === SYMLINK_MODE).slice(0, 1000)) {
    const target = (await readBlobText(ctx.repo, f.oid, 4096)) ?? '(long target)'
    const resolved = posix.normalize(posix.join(posix.dirname(f.path), target))
    if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) escapes.push(`${f.path} -> ${target}`)
  }
  if (escapes.length > 0) {
    ctx.report.problems.push(
      problem('PATH_ESCAPE', `Symbolic link ${listSome(escapes, 3)} points outside the repository; it was not followed.`)
    )
  }
}

function dedupe(files: FileEntry[]): FileEntry[] {
  const seen = new Map<string, FileEntry>()
  for (const f of files) seen.set(`${f.path}\0${f.oid}`, f)
  return [...seen.values()]
}

const GIT_ERROR_CODES = new Set(Object.keys(git.Errors))

/** Errors caused by what is in the repository (missing or malformed objects), as opposed to our bugs. */
function isRepositoryDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return false
  return (GIT_ERROR_CODES.has(code) && code !== 'MissingParameterError') || code.startsWith('Z_')
}
