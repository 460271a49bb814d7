// Reading tags, commits, trees and blobs straight from the git object database.
//
// Nothing here touches a work tree: file contents come from `readBlob`, and a symlink entry
// (mode 120000) is just a blob holding its target's name, never followed. That is what keeps a hostile
// repository from making us read /etc/passwd or write outside the clone.

import * as fs from 'node:fs'
import git from 'isomorphic-git'
import type { GitTime } from './deadline'
import { readObjectHeader } from './object-size'

export const SYMLINK_MODE = '120000'

export interface Repo {
  gitdir: string
  /** isomorphic-git's pack/object cache, shared by every read of one check. */
  cache: object
  trees: Map<string, TreeItem[]>
}

export interface TreeItem {
  name: string
  mode: string
  oid: string
  type: 'blob' | 'tree' | 'commit'
}

export interface Person {
  name: string
  email: string
  time: GitTime
}

export interface TagInfo {
  type: 'annotated' | 'lightweight'
  /** What the tag ref points at. */
  object: string
  tagger?: Person
  /** The commit the tag finally points at, or null when it points at a tree or blob. */
  commit: string | null
  targetType: string
}

export interface CommitInfo {
  sha: string
  tree: string
  parents: string[]
  author: Person
  committer: Person
  message: string
}

export interface FileEntry {
  path: string
  oid: string
  mode: string
}

export function openRepo(gitdir: string): Repo {
  return { gitdir, cache: {}, trees: new Map() }
}

const person = (p: { name: string; email: string; timestamp: number; timezoneOffset: number }): Person => ({
  name: p.name,
  email: p.email,
  time: { timestamp: p.timestamp, timezoneOffset: p.timezoneOffset }
})

export function formatPerson(p: Person): string {
  return `${p.name} <${p.email}>`
}

/** Annotated vs lightweight: the ref points at a tag object or straight at a commit. Nested tags are peeled. */
export async function readTagRef(repo: Repo, refOid: string): Promise<TagInfo> {
  const { gitdir, cache } = repo
  const first = await git.readObject({ fs, gitdir, cache, oid: refOid, format: 'content' })
  if (first.type !== 'tag') {
    return { type: 'lightweight', object: refOid, commit: first.type === 'commit' ? refOid : null, targetType: first.type }
  }
  let tagger: Person | undefined
  let oid = refOid
  for (let hops = 0; hops < 10; hops++) {
    const { tag } = await git.readTag({ fs, gitdir, cache, oid })
    // The outermost tag's date is the one the team made when tagging their entry.
    tagger ??= person(tag.tagger)
    if (tag.type !== 'tag')
      return { type: 'annotated', object: refOid, tagger, commit: tag.type === 'commit' ? tag.object : null, targetType: tag.type }
    oid = tag.object
  }
  return { type: 'annotated', object: refOid, tagger, commit: null, targetType: 'tag' }
}

/** null when the object is absent (beyond a shallow fetch's boundary). */
export async function readCommitInfo(repo: Repo, sha: string): Promise<CommitInfo | null> {
  try {
    const { commit } = await git.readCommit({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: sha })
    return {
      sha,
      tree: commit.tree,
      parents: commit.parent,
      author: person(commit.author),
      committer: person(commit.committer),
      message: commit.message
    }
  } catch (err) {
    if (err instanceof git.Errors.NotFoundError) return null
    throw err
  }
}

export async function readTreeItems(repo: Repo, oid: string): Promise<TreeItem[]> {
  const hit = repo.trees.get(oid)
  if (hit) return hit
  const { tree } = await git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid })
  const items = tree.map((e) => ({ name: e.path, mode: e.mode, oid: e.oid, type: e.type }))
  repo.trees.set(oid, items)
  return items
}

export interface Listing {
  files: FileEntry[]
  /** Submodule entries (gitlinks): a path and the commit of another repository, never fetched. */
  submodules: { path: string; commit: string }[]
  /** More than `max` files: the listing stopped early. */
  overflow: boolean
}

/**
 * Every blob and symlink under a tree, depth first, stopping after `max` files. Submodules are listed apart.
 * Entry names cannot escape: isomorphic-git refuses trees with `..`, `/` or `.git` entries
 * (UnsafeFilepathError), which the caller reports as REPO_CORRUPT.
 */
export async function listFiles(repo: Repo, treeOid: string, max: number): Promise<Listing> {
  const out: Listing = { files: [], submodules: [], overflow: false }
  const visit = async (oid: string, prefix: string): Promise<void> => {
    for (const item of await readTreeItems(repo, oid)) {
      if (out.overflow) return
      const path = prefix + item.name
      if (item.type === 'tree') await visit(item.oid, `${path}/`)
      else if (item.type === 'commit') out.submodules.push({ path, commit: item.oid })
      else if (item.type === 'blob') {
        if (out.files.length >= max) {
          out.overflow = true
          return
        }
        out.files.push({ path, oid: item.oid, mode: item.mode })
      }
    }
  }
  await visit(treeOid, '')
  return out
}

export interface Change {
  path: string
  change: 'added' | 'deleted' | 'modified'
}

/**
 * Paths that differ between two trees (blob oid or mode). Identical subtrees are skipped by oid, so the
 * cost follows the size of the change, not of the repository.
 */
export async function diffTrees(
  repo: Repo,
  from: string | null,
  to: string | null,
  max: number
): Promise<{ changes: Change[]; overflow: boolean }> {
  const changes: Change[] = []
  let overflow = false
  const add = (path: string, change: Change['change']): void => {
    if (changes.length >= max) overflow = true
    else changes.push({ path, change })
  }
  const visit = async (a: string | null, b: string | null, prefix: string): Promise<void> => {
    if (a === b || overflow) return
    const left = new Map((a ? await readTreeItems(repo, a) : []).map((e) => [e.name, e]))
    const right = new Map((b ? await readTreeItems(repo, b) : []).map((e) => [e.name, e]))
    for (const name of new Set([...left.keys(), ...right.keys()])) {
      const l = left.get(name)
      const r = right.get(name)
      if (l && r && l.oid === r.oid && l.mode === r.mode) continue
      const path = prefix + name
      const lt = l?.type === 'tree' ? l.oid : null
      const rt = r?.type === 'tree' ? r.oid : null
      if (lt || rt) await visit(lt, rt, `${path}/`)
      // A file replaced by a directory (or back) is a change of the file as well.
      if (l && !lt && (!r || rt)) add(path, 'deleted')
      else if (r && !rt && (!l || lt)) add(path, 'added')
      else if (l && r && !lt && !rt) add(path, 'modified')
    }
  }
  await visit(from, to, '')
  return { changes, overflow }
}

/** A blob as UTF-8 text, or null when it is larger than `maxBytes` (known from its header, before reading it). */
export async function readBlobText(repo: Repo, oid: string, maxBytes: number): Promise<string | null> {
  const header = await readObjectHeader(repo.gitdir, oid, repo.cache)
  if (header && header.size > maxBytes) return null
  const { blob } = await git.readBlob({ fs, gitdir: repo.gitdir, cache: repo.cache, oid })
  if (blob.byteLength > maxBytes) return null
  return new TextDecoder('utf-8').decode(blob)
}
