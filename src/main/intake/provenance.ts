// Provenance of the predictions: they must be produced by the code and models frozen at the entry tag.
// Git can show two things: the predictions commit descends from the tagged commit, and between the two
// trees only prediction files changed. Both are checked here; anything else changed is reported.

import * as fs from 'node:fs'
import git from 'isomorphic-git'
import { problem, type Problem } from '../../shared/intake'
import { listSome } from './deadline'
import { diffTrees, type CommitInfo, type Repo } from './inspect'

export interface ProvenanceInput {
  tagName: string
  ref: string
  tagCommit: CommitInfo
  predictions: CommitInfo
  /** Paths allowed to change after the tag (prediction files, the licence). */
  isAllowed: (path: string) => boolean
  maxCommits: number
  maxFiles: number
}

export interface ProvenanceResult {
  changedFiles: string[]
  problems: Problem[]
}

export async function checkProvenance(repo: Repo, input: ProvenanceInput): Promise<ProvenanceResult> {
  const { tagCommit, predictions, tagName, ref } = input
  const problems: Problem[] = []
  const p = predictions.sha.slice(0, 12)
  const t = tagCommit.sha.slice(0, 12)
  if (predictions.sha !== tagCommit.sha && !(await descends(repo, predictions.sha, tagCommit.sha, input.maxCommits))) {
    problems.push(
      problem(
        'PREDICTIONS_NOT_DESCENDANT',
        `Predictions commit ${p} (${ref}) does not descend from commit ${t} tagged ${tagName} within the ${input.maxCommits} commits searched.`
      )
    )
  }
  const { changes, overflow } = await diffTrees(repo, tagCommit.tree, predictions.tree, input.maxFiles)
  const changedFiles = changes.map((c) => c.path)
  const offending = changedFiles.filter((f) => !input.isAllowed(f))
  if (offending.length > 0 || overflow) {
    const count = overflow ? `more than ${input.maxFiles}` : String(offending.length)
    problems.push(
      problem(
        'CODE_CHANGED_AFTER_TAG',
        `Predictions commit ${p} (${ref}) changes ${count} non-prediction file${offending.length === 1 && !overflow ? '' : 's'} since tag ${tagName}: ${listSome(offending)}.`
      )
    )
  }
  return { changedFiles, problems }
}

/** isDescendent, bounded; history we do not have (shallow fetch) counts as "not shown". */
async function descends(repo: Repo, oid: string, ancestor: string, depth: number): Promise<boolean> {
  try {
    return await git.isDescendent({ fs, gitdir: repo.gitdir, cache: repo.cache, oid, ancestor, depth })
  } catch (err) {
    if (err instanceof git.Errors.MaxDepthError || err instanceof git.Errors.NotFoundError) return false
    throw err
  }
}
