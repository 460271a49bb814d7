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
  const queue = new Map<string, Queued>()
  const enqueue = (commit: CommitInfo, items: Map<string, Pending>): void => {
    const hit = queue.get(commit.sha)
    if (!hit) return void queue.set(commit.sha, { commit, items })
    // Merge the smaller set into the larger, so a path is copied O(log n) times at most.
    const [big, small] = hit.items.size >= items.size ? [hit.items, items] : [items, hit.items]
    for (const [path, item] of small) big.set(path, item)
    hit.items = big
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

  enqueue(start, new Map(paths.map((path) => [path, { path, mainline: true }])))
  const touch = (item: Pending, commit: CommitInfo, truncated: boolean): void =>
    void touches.set(item.path, { commit, truncated, ...(item.arrival ? { arrival: item.arrival } : {}) })
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
    if (parents.length === 1 && sets[0] instanceof Set) {
      // The common case, one parent: only the changed paths stop here (cost follows the change, not the tree).
      for (const path of sets[0]) {
        const item = items.get(path)
        if (item) {
          touch(item, cur, false)
          items.delete(path)
        }
      }
      if (items.size > 0) enqueue(parents[0]!, items)
      continue
    }
    const moves = new Map<number, Map<string, Pending>>()
    const missingParent = parents.some((p) => p === null)
    for (const item of items.values()) {
      const same = sets.findIndex((s) => s !== null && s !== 'all' && !s.has(item.path))
      if (same < 0) {
        // Differs from every parent we have (or a root commit added it). A missing parent may have held it.
        touch(item, cur, missingParent)
        continue
      }
      const leaving = item.mainline && same !== 0
      const next: Pending = leaving ? { path: item.path, mainline: false, arrival: cur } : item
      const group = moves.get(same) ?? new Map<string, Pending>()
      group.set(item.path, next)
      moves.set(same, group)
    }
    for (const [i, group] of moves) enqueue(parents[i]!, group)
  }
  const truncated = [...touches.values()].some((t) => t.truncated)
  return { touches, lineage, truncated }
}

interface Queued {
  commit: CommitInfo
  /** Paths whose history continues at this commit. */
  items: Map<string, Pending>
}

/** The queued commit with the latest committer date, as `git log` walks (ties: first queued). */
function newest(queue: Map<string, Queued>): Queued {
  let best: Queued | undefined
  for (const entry of queue.values()) {
    if (!best || entry.commit.committer.time.timestamp > best.commit.committer.time.timestamp) best = entry
  }
  return best!
}
