// Where an entry's predictions come from: one or several refs (branch, tag or commit id) named by the
// organizer, searched in order. Real teams put subtask 1 on one tag and subtask 3 on another, or left
// the predictions in the entry tag while HEAD moved on for years, so "the remote HEAD" is only a default.
//
// Rule: every ref must descend from the entry tag and change only prediction files (checked per ref).
// A prediction file name is taken from the first ref (in the organizer's order) whose tree holds it;
// everything else (code, licence) is judged on the first ref's tree.

import { problem, type PredictionSource, type Problem } from '../../shared/intake'
import type { PredictionsRefOid } from './git-fetch'
import { listFiles, readCommitInfo, readTagRef, type CommitInfo, type FileEntry, type Repo } from './inspect'
import { checkProvenance } from './provenance'
import { basename } from './required-files'

export interface SourcesInput {
  tagName: string
  tagCommit: CommitInfo
  refs: readonly PredictionsRefOid[]
  isPrediction: (path: string) => boolean
  /** Paths allowed to change after the tag (prediction files, the root licence). */
  isAllowed: (path: string) => boolean
  maxCommits: number
  maxFiles: number
}

export interface ResolvedRef {
  ref: string
  commit: CommitInfo
  changedFiles: string[]
  files: FileEntry[]
}

export interface SourcesResult {
  /** The refs that point at a commit, in order. */
  resolved: ResolvedRef[]
  /** The files the entry is judged on; null when no ref resolved (the tag's files then). */
  files: FileEntry[] | null
  sources: PredictionSource[]
  problems: Problem[]
  /** More files than the limit in one ref's tree. */
  overflow: string | null
}

export async function resolvePredictionSources(repo: Repo, input: SourcesInput): Promise<SourcesResult> {
  const out: SourcesResult = { resolved: [], files: null, sources: [], problems: [], overflow: null }
  for (const { ref, oid } of input.refs) {
    const peeled = await readTagRef(repo, oid)
    const commit = peeled.commit ? await readCommitInfo(repo, peeled.commit) : null
    if (!commit) {
      out.problems.push(problem('PREDICTIONS_REF_MISSING', `Predictions ref ${ref} does not point at a commit in the repository.`))
      continue
    }
    const prov = await checkProvenance(repo, {
      tagName: input.tagName,
      ref,
      tagCommit: input.tagCommit,
      predictions: commit,
      isAllowed: input.isAllowed,
      maxCommits: input.maxCommits,
      maxFiles: input.maxFiles
    })
    out.problems.push(...prov.problems)
    const listing = await listFiles(repo, commit.tree, input.maxFiles)
    if (listing.overflow) {
      out.overflow = `Predictions commit ${commit.sha.slice(0, 12)} (${ref}) has more than ${input.maxFiles} files, over the file limit.`
      return out
    }
    out.resolved.push({ ref, commit, changedFiles: prov.changedFiles, files: listing.files })
  }
  if (out.resolved.length === 0) return out
  const merged = mergePredictionFiles(
    out.resolved.map((r) => r.files),
    input.isPrediction
  )
  out.files = merged.files
  out.sources = out.resolved.map((r, i) => ({ ref: r.ref, commit: r.commit.sha, files: merged.taken[i]! }))
  return out
}

/**
 * Pure: the first tree's non-prediction files, plus each prediction file name from the first tree that
 * holds it (every copy in that tree, so duplicates within one ref are still seen). `taken[i]` lists the
 * prediction paths that came from tree i.
 */
export function mergePredictionFiles(
  trees: readonly (readonly FileEntry[])[],
  isPrediction: (path: string) => boolean
): { files: FileEntry[]; taken: string[][] } {
  const files: FileEntry[] = trees[0]!.filter((f) => !isPrediction(f.path))
  const claimed = new Set<string>()
  const taken = trees.map((tree) => {
    const mine = tree.filter((f) => isPrediction(f.path) && !claimed.has(basename(f.path)))
    for (const f of mine) claimed.add(basename(f.path))
    files.push(...mine)
    return mine.map((f) => f.path)
  })
  return { files, taken }
}

/** The newest of the resolved commits (for the future-date check). */
export function newestCommit(resolved: readonly ResolvedRef[]): CommitInfo | undefined {
  let best: CommitInfo | undefined
  for (const { commit } of resolved) if (!best || commit.committer.time.timestamp > best.committer.time.timestamp) best = commit
  return best
}
