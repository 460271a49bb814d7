// Builds git repositories with chosen files, dates and tags using the real `git` CLI, for test fixtures
// and the demo-challenge generator. The real CLI (not isomorphic-git) on purpose: intake must accept
// exactly what teams' git produces, including annotated tag objects and packed objects.
//
// Every git call gets an explicit environment: no inherited GIT_* variables, no system or global config
// (a developer's `commit.gpgsign` or hooks path must not leak into fixtures), and pinned identities and
// dates so the same spec always yields the same commit ids.

import { execFile } from 'node:child_process'
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { promisify } from 'node:util'
import { parseInstant } from './deadline'

const exec = promisify(execFile)

export interface Person {
  name: string
  email: string
}

/**
 * File content: text, bytes, a symbolic link (its target is stored verbatim, never resolved), or a
 * submodule entry (gitlink) pointing at a commit of another repository.
 */
export type RepoFileContent = string | Uint8Array | { symlink: string } | { gitlink: string }

export interface TagStep {
  name: string
  /** Default true. A lightweight tag is just a ref, with no tagger or date. */
  annotated?: boolean
  /** Tagger date (ISO 8601 with zone); defaults to the commit's committer date. */
  date?: string
  message?: string
  tagger?: Person
  /** Move an existing tag (`git tag -f`). */
  force?: boolean
}

export interface CommitStep {
  message: string
  /** Author date, ISO 8601 with zone, e.g. `2020-09-27T23:59:59-12:00`. */
  date: string
  /** Defaults to `date`. */
  committerDate?: string
  author?: Person
  committer?: Person
  /** Files to write (paths relative to the root, '/'-separated). */
  files?: Record<string, RepoFileContent>
  /** Paths to delete. */
  remove?: string[]
  /** Commit on this branch; it is created at `from` (or the current commit) if it does not exist yet. */
  branch?: string
  /** Label of an earlier commit to start a new branch from. */
  from?: string
  /** Labels of earlier commits (or branch names) merged into this commit, which becomes a merge commit. */
  merge?: string[]
  /** Name for this commit in `BuiltRepo.commits`. */
  label?: string
  tags?: TagStep[]
}

export interface RepoSpec {
  commits: CommitStep[]
  /** Default `main`. */
  defaultBranch?: string
  /** Default true: the result is a bare repository (what a git server serves). */
  bare?: boolean
}

export interface TagEvent {
  name: string
  /** What the ref points at: the tag object, or the commit for a lightweight tag. */
  object: string
  commit: string
}

export interface BuiltRepo {
  dir: string
  /** Commit ids by label; unlabeled commits are keyed by their index ("0", "1", ...). */
  commits: Record<string, string>
  /** Tags in the order they were created or moved, so a test can keep an earlier one as a witness. */
  tagEvents: TagEvent[]
}

const DEFAULT_PERSON: Person = { name: 'Podium Fixture', email: 'fixture@podium.invalid' }

/** `2020-09-27T23:59:59-12:00` → `@1601294399 -1200`, git's raw date format (no locale parsing). */
export function gitDate(iso: string): string {
  const t = parseInstant(iso)
  const east = -t.timezoneOffset
  const abs = Math.abs(east)
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`
  return `@${t.timestamp} ${east < 0 ? '-' : '+'}${hhmm}`
}

/** Runs `git` with a clean environment plus `env`; resolves with trimmed stdout. */
export async function runGit(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const clean: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    ...env
  }
  const { stdout } = await exec('git', args, { cwd, env: clean, maxBuffer: 64 * 1024 * 1024 })
  return stdout.trim()
}

export async function buildRepo(dir: string, spec: RepoSpec): Promise<BuiltRepo> {
  const bare = spec.bare ?? true
  const branch0 = spec.defaultBranch ?? 'main'
  const target = resolve(dir)
  const work = bare ? `${target}.build` : target
  await rm(work, { recursive: true, force: true })
  await mkdir(work, { recursive: true })
  await runGit(['init', '-q', '-b', branch0], work)
  await runGit(['config', 'core.symlinks', 'true'], work)

  const commits: Record<string, string> = {}
  const tagEvents: TagEvent[] = []
  let current = branch0
  for (const [i, step] of spec.commits.entries()) {
    if (step.branch && step.branch !== current) {
      const exists = await runGit(['rev-parse', '--verify', '-q', `refs/heads/${step.branch}`], work).then(
        () => true,
        () => false
      )
      const from = step.from ? commits[step.from] : undefined
      if (step.from && !from) throw new Error(`Commit step ${i}: unknown label "${step.from}".`)
      await runGit(exists ? ['checkout', '-q', step.branch] : ['checkout', '-q', '-b', step.branch, ...(from ? [from] : [])], work)
      current = step.branch
    }
    const author = step.author ?? DEFAULT_PERSON
    const committer = step.committer ?? author
    if (step.merge?.length) {
      const heads = step.merge.map((m) => commits[m] ?? m)
      // --no-commit: the commit below records the merge with this step's dates and files.
      await runGit(['merge', '-q', '--no-ff', '--no-commit', ...heads], work, {
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email
      })
    }
    await applyFiles(work, step)
    const committerDate = step.committerDate ?? step.date
    await runGit(['add', '-A'], work)
    for (const [path, content] of Object.entries(step.files ?? {})) {
      if (typeof content === 'object' && 'gitlink' in content)
        await runGit(['update-index', '--add', '--cacheinfo', `160000,${content.gitlink},${path}`], work)
    }
    await runGit(['commit', '-q', '--allow-empty', '--no-verify', '-m', step.message], work, {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: gitDate(step.date),
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: gitDate(committerDate)
    })
    const sha = await runGit(['rev-parse', 'HEAD'], work)
    commits[step.label ?? String(i)] = sha
    for (const tag of step.tags ?? []) tagEvents.push(await makeTag(work, sha, tag, committerDate))
  }

  if (bare) {
    await rm(target, { recursive: true, force: true })
    await runGit(['clone', '-q', '--mirror', work, target], dirname(target))
    // A mirror remembers where it came from; the build directory is about to disappear.
    await runGit(['remote', 'remove', 'origin'], target)
    await rm(work, { recursive: true, force: true })
  }
  return { dir: target, commits, tagEvents }
}

async function makeTag(work: string, sha: string, tag: TagStep, defaultDate: string): Promise<TagEvent> {
  const force = tag.force ? ['-f'] : []
  if (tag.annotated ?? true) {
    const tagger = tag.tagger ?? DEFAULT_PERSON
    // git takes the tagger identity and date from the committer variables.
    await runGit(['tag', ...force, '-a', tag.name, '-m', tag.message ?? `Entry ${tag.name}`, sha], work, {
      GIT_COMMITTER_NAME: tagger.name,
      GIT_COMMITTER_EMAIL: tagger.email,
      GIT_COMMITTER_DATE: gitDate(tag.date ?? defaultDate)
    })
  } else {
    await runGit(['tag', ...force, tag.name, sha], work)
  }
  const object = await runGit(['rev-parse', `refs/tags/${tag.name}`], work)
  return { name: tag.name, object, commit: sha }
}

async function applyFiles(work: string, step: CommitStep): Promise<void> {
  for (const path of step.remove ?? []) await rm(inside(work, path), { recursive: true, force: true })
  for (const [path, content] of Object.entries(step.files ?? {})) {
    const file = inside(work, path)
    await mkdir(dirname(file), { recursive: true })
    await rm(file, { force: true })
    if (typeof content === 'object' && 'symlink' in content) await symlink(content.symlink, file)
    // An unpopulated submodule is an empty directory; the index entry is added after `git add`.
    else if (typeof content === 'object' && 'gitlink' in content) await mkdir(file, { recursive: true })
    else await writeFile(file, content)
  }
}

/** The builder writes only below its work tree, whatever a spec says. */
function inside(root: string, path: string): string {
  const full = resolve(root, path)
  if (!full.startsWith(root + sep) || full.split(sep).includes('.git')) throw new Error(`Path "${path}" leaves the work tree.`)
  return join(full)
}
