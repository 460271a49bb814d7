// Which commit last changed each file of the entry tag, the way `git log -1 <tag> -- <path>` finds it.
//
// Git's default history simplification: at a merge whose content of the path equals one parent's, the
// path's history continues in that parent only (the first such parent), so a file that came in through
// a merged branch is dated by the branch commit that wrote it, not by the merge. A merge that differs
// from every parent (a conflict resolution, an "evil" merge) changed the file itself. Each path follows
// one chain; paths reaching the same commit are handled together, and tree diffs are skipped by oid.

import { readCommitInfo, diffTrees, type CommitInfo, type Repo } from './inspect'

export interface Touch {
  /** The commit that last changed the file's content. */
  commit: CommitInfo
  /** The commit on the tag's first-parent line that brought that content in (a merge), when it is another commit. */
  arrival?: CommitInfo
  /** History ended (shallow boundary or walk bound) before the file's change was found: `commit` is an upper bound. */
  truncated: boolean
}

export interface LineageLink {
  sha: string
  committer: CommitInfo['committer']['time']
  parentSha: string
  parentCommitter: CommitInfo['committer']['time']
}

interface Pending {
  path: string
  /** Still on the tag's first-parent line. */
  mainline: boolean
  arrival?: CommitInfo
}

export interface FileHistory {
  touches: Map<string, Touch>
  /** Every commit-to-parent link walked, for the "commit older than its parent" check. */
  lineage: LineageLink[]
  truncated: boolean
}

export async function lastTouches(
  repo: Repo,
  start: CommitInfo,
  paths: readonly string[],
  maxCommits: number,
  maxChanges: number
): Promise<FileHistory> {
  const touches = new Map<string, Touch>()
  const lineage: LineageLink[] = []
  const commits = new Map<string, CommitInfo | null>([[start.sha, start]])
  const diffs = new Map<string, Set<string> | 'all'>()
  const linked = new Set<string>()
  const queue = new Map<string, { commit: CommitInfo; items: Pending[] }>()
  const enqueue = (commit: CommitInfo, items: Pending[]): void => {
    const hit = queue.get(commit.sha)
    if (hit) hit.items.push(...items)
    else queue.set(commit.sha, { commit, items })
  }
  const readParent = async (sha: string): Promise<CommitInfo | null> => {
    if (commits.has(sha)) return commits.get(sha)!
    // The walk bound: history beyond it counts as missing, which makes dates upper bounds.
    const info = commits.size < maxCommits + 1 ? await readCommitInfo(repo, sha) : null
    commits.set(sha, info)
    return info
  }
  const changed = async (parent: CommitInfo, child: CommitInfo): Promise<Set<string> | 'all'> => {
    const key = `${parent.tree}:${child.tree}`
    let hit = diffs.get(key)
    if (!hit) {
      const { changes, overflow } = await diffTrees(repo, parent.tree, child.tree, maxChanges)
      // Too many changes to list: every pending path counts as changed here, which can only move dates later.
      hit = overflow ? 'all' : new Set(changes.map((c) => c.path))
      diffs.set(key, hit)
    }
    return hit
  }

  enqueue(
    start,
    paths.map((path) => ({ path, mainline: true }))
  )
  while (queue.size > 0) {
    const { commit: cur, items } = newest(queue)
    queue.delete(cur.sha)
    const parents = await Promise.all(cur.parents.map(readParent))
    if (!linked.has(cur.sha)) {
      linked.add(cur.sha)
      for (const p of parents) {
        if (p) lineage.push({ sha: cur.sha, committer: cur.committer.time, parentSha: p.sha, parentCommitter: p.committer.time })
      }
    }
    const sets = await Promise.all(parents.map((p) => (p ? changed(p, cur) : null)))
    const moves = new Map<number, Pending[]>()
    for (const item of items) {
      const same = sets.findIndex((s) => s !== null && s !== 'all' && !s.has(item.path))
      if (same < 0) {
        // Differs from every parent we have (or a root commit added it). A missing parent may have held it.
        const truncated = parents.some((p) => p === null)
        touches.set(item.path, { commit: cur, truncated, ...(item.arrival ? { arrival: item.arrival } : {}) })
        continue
      }
      const leaving = item.mainline && same !== 0
      const next: Pending = leaving ? { path: item.path, mainline: false, arrival: cur } : item
      const list = moves.get(same) ?? []
      list.push(next)
      moves.set(same, list)
    }
    for (const [i, list] of moves) enqueue(parents[i]!, list)
  }
  const truncated = [...touches.values()].some((t) => t.truncated)
  return { touches, lineage, truncated }
}

/** The queued commit with the latest committer date, as `git log` walks (ties: first queued). */
function newest(queue: Map<string, { commit: CommitInfo; items: Pending[] }>): { commit: CommitInfo; items: Pending[] } {
  let best: { commit: CommitInfo; items: Pending[] } | undefined
  for (const entry of queue.values()) {
    if (!best || entry.commit.committer.time.timestamp > best.commit.committer.time.timestamp) best = entry
  }
  return best!
}
