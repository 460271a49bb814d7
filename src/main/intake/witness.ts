// The deadline witness: what a team's entry tag points at, seen now, without fetching
// any content. Git dates are set by the client and can be forged; this record cannot.
import fs from 'node:fs'
import git from 'isomorphic-git'
import http from 'isomorphic-git/http/node'
import { findGitdir, locate } from './git-fetch'
import { openRepo, readTagRef } from './inspect'

export interface TagSighting {
  tagObject: string
  commit: string
}

/** Resolves the tag on the server (one ref listing) or in a local repository. */
export async function observeTag(repo: string, tag: string): Promise<TagSighting> {
  const where = locate(repo)
  const ref = `refs/tags/${tag}`
  if (where.kind === 'http') {
    const refs = await git.listServerRefs({ http, url: where.url, prefix: ref, peelTags: true })
    const found = refs.find((r) => r.ref === ref)
    if (!found) throw new Error(`${repo} has no tag ${tag}`)
    return { tagObject: found.oid, commit: found.peeled ?? found.oid }
  }
  if (where.kind === 'unsupported') throw new Error(`${repo}: only http(s) URLs and local paths are supported`)
  const located = await findGitdir(where.path)
  if ('error' in located) throw new Error(located.error)
  let oid: string
  try {
    oid = await git.resolveRef({ fs, gitdir: located.gitdir, ref })
  } catch {
    throw new Error(`${repo} has no tag ${tag}`)
  }
  const info = await readTagRef(openRepo(located.gitdir), oid)
  if (!info.commit) throw new Error(`tag ${tag} in ${repo} points at a ${info.targetType}, not a commit`)
  return { tagObject: oid, commit: info.commit }
}
