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
import { checkDates, formatGitTime, later, listSome, parseDeadline, type DateCheckInput, type DatedFile, type Deadline } from './deadline'
import { DEFAULT_LIMITS, fetchRepository, type PredictionsRefOid } from './git-fetch'
import { DEFAULT_MODEL_GLOBS, globToRegExp, matchesAny } from './glob'
import { lastTouches } from './file-history'
import {
  formatPerson,
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
import { classifyLicense, findLicenseFile, isPermissive, LICENSE_FILE_NAMES, restriction } from './license'
import { findModelFiles } from './model-files'
import { readObjectHeader } from './object-size'
import { chooseCopy, describeMatches, fingerprint, type Copy, type Fingerprint } from './prediction-copies'
import { newestCommit, resolvePredictionSources } from './prediction-sources'
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
  /** Branch, tag, full ref or commit id holding the predictions. Same as `predictionsRefs: [ref]`. */
  predictionsRef?: string
  /** Several refs, searched in order: each prediction file name comes from the first ref that holds it. */
  predictionsRefs?: string[]
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
  /** The organizer's pick per prediction file name found in several folders (file name → path). */
  predictionChoices?: Record<string, string>
  /** The challenge gold's dialog ids (or line count) for a prediction file, to tell a test-std copy from a devtest one. */
  goldFingerprint?: (path: string) => Fingerprint | null
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
  const modelGlobs = opts.modelGlobs ?? [...DEFAULT_MODEL_GLOBS]
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
    predictionsRefs: opts.predictionsRefs ?? (opts.predictionsRef ? [opts.predictionsRef] : []),
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
      predictionRefs: fetched.predictions
    }
    await inspect(ctx, fetched.tagOid)
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
  predictionRefs: PredictionsRefOid[]
}

/**
 * Every check runs whatever fails first: each stage that reads the repository is guarded on its own, so
 * an unreadable object or a missing file in one stage never hides a late tag or a bad licence found by
 * another. The date checks run last, on whatever could be read.
 */
async function inspect(ctx: Ctx, tagOid: string): Promise<void> {
  const { opts, report, repo } = ctx
  const say = (message: string): void => opts.onProgress?.({ phase: 'checking', message })
  const add = (p: Problem): void => void report.problems.push(p)
  const stage = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run()
    } catch (err) {
      if (!isRepositoryDataError(err)) throw err
      add(problem('REPO_CORRUPT', `Repository ${opts.repo} could not be read while ${what}: ${repositoryErrorText(err)}.`))
      return undefined
    }
  }

  say(`Reading tag ${opts.tag}.`)
  const tag = await stage(`reading tag ${opts.tag}`, () => readTagRef(repo, tagOid))
  if (!tag) return
  report.tag = { name: opts.tag, type: tag.type, object: tag.object }
  if (tag.tagger) {
    report.tag.taggerDate = formatGitTime(tag.tagger.time)
    report.tag.tagger = formatPerson(tag.tagger)
    report.dates.tagger = report.tag.taggerDate
  }
  const dates: Omit<DateCheckInput, 'deadline' | 'now' | 'tagName'> = {
    tag: { type: tag.type, ...(tag.tagger ? { tagger: tag.tagger.time } : {}) }
  }
  try {
    await inspectCommit(ctx, tag, dates, stage)
  } finally {
    // Even when the tagged commit is missing or too large to list, the tag's own date is judged.
    report.problems.push(...checkDateProblems(ctx, dates))
  }
}

type Stage = <T>(what: string, run: () => Promise<T>) => Promise<T | undefined>

async function inspectCommit(
  ctx: Ctx,
  tag: Awaited<ReturnType<typeof readTagRef>>,
  dates: Omit<DateCheckInput, 'deadline' | 'now' | 'tagName'>,
  stage: Stage
): Promise<void> {
  const { opts, report, repo, limits } = ctx
  const say = (message: string): void => opts.onProgress?.({ phase: 'checking', message })
  const add = (p: Problem): void => void report.problems.push(p)
  if (!tag.commit) return add(problem('TAG_MISSING', `Tag ${opts.tag} points at a ${tag.targetType}, not a commit.`))
  const tagCommit = tag.commit
  const commit = await stage(`reading commit ${tagCommit.slice(0, 12)}`, () => readCommitInfo(repo, tagCommit))
  if (commit === undefined) return
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
  dates.commit = { sha: commit.sha, author: commit.author.time, committer: commit.committer.time }
  if (opts.witness) checkWitness(ctx, tag.object, commit.sha, opts.witness)

  say(`Listing files of ${commit.sha.slice(0, 12)}.`)
  const listing = await stage(`listing the files of tag ${opts.tag}`, () => listFiles(repo, commit.tree, limits.maxFiles))
  if (!listing) return
  if (listing.overflow)
    return add(problem('REPO_TOO_LARGE', `Tag ${opts.tag} has more than ${limits.maxFiles} files, over the file limit.`))
  if (listing.submodules.length > 0) add(submoduleProblem(opts.tag, listing.submodules))
  const isPrediction = predictionMatcher(ctx.requirements)
  const modelPaths = listing.files.filter((f) => matchesAny(f.path, ctx.modelGlobs)).map((f) => f.path)
  const models = new Set(modelPaths)
  const codePaths = listing.files.filter((f) => !models.has(f.path) && !isPrediction(f.path)).map((f) => f.path)

  const found = await stage('finding model files', () => findModelFiles(repo, listing.files, models, ctx.modelGlobs, opts.tag))
  if (found) {
    report.modelFiles = found.modelFiles
    report.problems.push(...found.problems)
  }

  say(`Dating ${modelPaths.length} model and ${codePaths.length} code files.`)
  await stage(`dating the files of tag ${opts.tag}`, async () => {
    const walk = await lastTouches(repo, commit, [...modelPaths, ...codePaths], limits.maxHistoryCommits, limits.maxFiles)
    const dated = (paths: string[]): DatedFile[] =>
      paths.map((path) => {
        const t = walk.touches.get(path)!
        return { path, lastCommit: t.commit.sha, time: later(t.commit.author.time, t.commit.committer.time) }
      })
    const modelFiles = dated(modelPaths)
    const codeFiles = dated(codePaths)
    const toReport = (files: DatedFile[]): FileDate[] =>
      files.map((f) => {
        const { truncated, arrival } = walk.touches.get(f.path)!
        return {
          path: f.path,
          lastCommit: f.lastCommit,
          date: formatGitTime(f.time),
          ...(arrival ? { mergeCommit: arrival.sha, mergeDate: formatGitTime(later(arrival.author.time, arrival.committer.time)) } : {}),
          ...(truncated ? { truncated: true } : {})
        }
      })
    report.dates.modelFiles = toReport(modelFiles)
    report.dates.codeFiles = toReport(codeFiles)
    Object.assign(dates, { lineage: walk.lineage, modelFiles, codeFiles })
    const truncated = [...walk.touches.values()].filter((t) => t.truncated)
    if (truncated.length > 0) {
      add(
        problem(
          'HISTORY_TRUNCATED',
          `History of tag ${opts.tag} ends at commit ${truncated[0]!.commit.sha.slice(0, 12)} (shallow fetch or walk limit), so the dates of ${truncated.length} file(s) are upper bounds.`
        )
      )
    }
  })

  let finalFiles = listing.files
  let predictions: CommitInfo | undefined
  let where = `tag ${opts.tag}`
  if (ctx.predictionRefs.length > 0) {
    const refs = ctx.predictionRefs.map((r) => r.ref).join(', ')
    say(`Checking predictions ${refs}.`)
    const sources = await stage(`reading predictions ${refs}`, () =>
      resolvePredictionSources(repo, {
        tagName: opts.tag,
        tagCommit: commit,
        refs: ctx.predictionRefs,
        isPrediction,
        isAllowed: (p) => isPrediction(p) || isRootLicense(p),
        maxCommits: limits.maxHistoryCommits,
        maxFiles: limits.maxFiles
      })
    )
    if (sources) report.problems.push(...sources.problems)
    // Too many files: the predictions are not read, but the tag's own checks below still run.
    if (sources?.overflow) add(problem('REPO_TOO_LARGE', sources.overflow))
    const first = sources?.resolved[0]
    if (sources && !sources.overflow && first && sources.files) {
      predictions = newestCommit(sources.resolved)!
      report.dates.predictionsCommit = formatGitTime(predictions.committer.time)
      dates.predictionsCommit = { sha: predictions.sha, author: predictions.author.time, committer: predictions.committer.time }
      report.predictions = { ref: first.ref, commit: first.commit.sha, changedFiles: first.changedFiles }
      report.predictionSources = sources.sources
      finalFiles = sources.files
      where =
        sources.resolved.length === 1
          ? `predictions commit ${first.commit.sha.slice(0, 12)}`
          : `predictions refs ${sources.resolved.map((r) => `${r.ref} (${r.commit.sha.slice(0, 12)})`).join(', ')}`
    }
  }

  // Predictions and licence are judged on the final state: the predictions commit(s), else the tag.
  await stage(`checking the prediction files of ${where}`, () => checkPredictionFiles(ctx, finalFiles, isPrediction, where))
  await stage(`checking the licence of ${where}`, () => checkLicense(ctx, finalFiles, where))
  await stage('checking symbolic links', () => checkSymlinks(ctx, dedupe([...listing.files, ...finalFiles])))
}

function checkDateProblems(ctx: Ctx, dates: Omit<DateCheckInput, 'deadline' | 'now' | 'tagName'>): Problem[] {
  const { opts } = ctx
  return checkDates({
    ...dates,
    deadline: ctx.deadline,
    now: opts.now ?? new Date(),
    tagName: opts.tag,
    ...(opts.authorCommitterToleranceSeconds !== undefined ? { authorCommitterToleranceSeconds: opts.authorCommitterToleranceSeconds } : {})
  })
}

/** A submodule is another repository's commit: neither fetched nor dated, so the organizer must look. */
function submoduleProblem(tag: string, subs: { path: string; commit: string }[]): Problem {
  const named = subs.map((s) => `${s.path} (commit ${s.commit.slice(0, 12)})`)
  return problem(
    'SUBMODULE',
    `Tag ${tag} contains ${subs.length === 1 ? 'a git submodule' : `${subs.length} git submodules`}, ${listSome(named, 3)}: Podium does not fetch or date submodules, so their contents are unchecked.`
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
  const setAside = await resolveCopies(ctx, files, where)
  if (!opts.validatePrediction) return
  for (const f of files.filter((x) => isPrediction(x.path) && !setAside.has(x.path))) {
    const invalid = (why: string): void =>
      void report.problems.push(problem('INVALID_PREDICTION_FILE', `Prediction file ${f.path} ${why.replace(/\.$/, '')}.`, f.path))
    if (f.mode === SYMLINK_MODE) {
      invalid('is a symbolic link, which Podium does not follow')
      continue
    }
    const text = await readBlobText(ctx.repo, f.oid, limits.maxPredictionBytes)
    if (text === null) {
      const size = (await readObjectHeader(ctx.repo.gitdir, f.oid, ctx.repo.cache))?.size
      const bytes = (n: number): string => `${n.toLocaleString('en-US')} bytes`
      invalid(
        `is ${size !== undefined ? bytes(size) : 'too large'}, over the limit of ${bytes(limits.maxPredictionBytes)}; it was not read`
      )
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

/**
 * Copies of one prediction file name in several folders: one is taken (see prediction-copies.ts), the
 * others are set aside (not validated, not scored). Returns the paths set aside.
 */
async function resolveCopies(ctx: Ctx, files: FileEntry[], where: string): Promise<Set<string>> {
  const { report, opts, limits } = ctx
  const setAside = new Set<string>()
  const byPath = new Map(files.map((f) => [f.path, f]))
  for (const [name, paths] of duplicatePredictionFiles(files.map((f) => f.path))) {
    const copies: Copy[] = []
    for (const path of paths) {
      const f = byPath.get(path)!
      const text = f.mode === SYMLINK_MODE ? null : await readBlobText(ctx.repo, f.oid, limits.maxPredictionBytes)
      copies.push({ path, oid: f.oid, print: text === null ? null : fingerprint(text) })
    }
    const decided = chooseCopy(name, copies, opts.goldFingerprint?.(paths[0]!) ?? null, opts.predictionChoices?.[name])
    ;(report.predictionCopies ??= []).push(decided)
    for (const p of paths) if (p !== decided.chosen) setAside.add(p)
    const found = `Prediction file ${name} appears ${paths.length} times in ${where}: ${listSome(paths)}`
    if (!decided.chosen) {
      report.problems.push(
        problem(
          'PREDICTION_COPY_UNCHOSEN',
          `${found}; the copies differ and the gold does not tell which is the entry (${describeMatches(decided)}): nothing is scored for it until the organizer chooses a copy.`,
          paths[0]
        )
      )
    } else if (decided.how !== 'identical') {
      const why = decided.how === 'organizer' ? 'chosen by the organizer' : 'the only copy whose dialogs are all gold dialogs'
      report.problems.push(
        problem('AMBIGUOUS_PREDICTION_FILE', `${found}; scored ${decided.chosen} (${why}; ${describeMatches(decided)}).`, decided.chosen)
      )
    }
  }
  return setAside
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
        : `is ${kind} (${restriction(kind)}), not permissive`
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

/**
 * A library error in words for the organizer: isomorphic-git wraps some errors in a plea to report a bug
 * to its developers, which is about the library, not about the team's repository.
 */
export function repositoryErrorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  const inner = /this error message:\s*([\s\S]*)$/i.exec(message)?.[1] ?? message
  const kept = inner
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line && !/report (this|a) (bug|error)|file an issue|please report|isomorphic-git\/issues/i.test(line))
    .join(' ')
  return (kept || 'an object could not be parsed').replace(/\.$/, '')
}
