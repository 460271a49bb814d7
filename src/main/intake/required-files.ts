// SIMMC (DSTC9) prediction file names and the "required files" check.
//
// Decision: a prediction file may live anywhere in the tree and is matched by its basename. The rules
// name the files but not a folder, and teams used `predictions/`, `results/` or the root. When the same
// basename appears in several folders, one copy is taken by the rule in prediction-copies.ts (the
// organizer's pick, identical content, or the gold's dialog ids), or none until the organizer picks.

export const SIMMC_DOMAINS = ['fashion', 'furniture'] as const

/** Per subtask, the accepted file names; alternatives are separated by '|' (subtask 3: .txt or .json). */
export const SIMMC_PREDICTION_PATTERNS = {
  'subtask-1': 'dstc9-simmc-teststd-{domain}-subtask-1.json',
  'subtask-2-generation': 'dstc9-simmc-teststd-{domain}-subtask-2-generation.json',
  'subtask-2-retrieval': 'dstc9-simmc-teststd-{domain}-subtask-2-retrieval.json',
  'subtask-3': 'dstc9-simmc-teststd-{domain}-subtask-3.txt|dstc9-simmc-teststd-{domain}-subtask-3.json'
} as const

const PREDICTION_RE = /^dstc9-simmc-teststd-(fashion|furniture)-subtask-(1\.json|2-generation\.json|2-retrieval\.json|3\.txt|3\.json)$/

export function basename(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? path : path.slice(i + 1)
}

/** True for any SIMMC test-std prediction file name, wherever it sits in the tree. */
export function isPredictionFile(path: string): boolean {
  return PREDICTION_RE.test(basename(path))
}

/** One requirement: satisfied when any alternative basename is present. */
export interface Requirement {
  /** The pattern as written, with `{domain}` expanded; used in messages. */
  label: string
  alternatives: string[]
  categoryId?: string
  category?: string
  domain?: string
}

/** A required-file pattern with the category it belongs to (for the entry's "attempted" list). */
export interface RequirementPattern {
  pattern: string
  categoryId?: string
  category?: string
}

/**
 * Expands `{domain}` into one requirement per domain (a pattern without `{domain}` stays one requirement)
 * and splits '|' alternatives.
 */
export function expandRequirements(
  patterns: readonly (string | RequirementPattern)[],
  domains: readonly string[] = SIMMC_DOMAINS
): Requirement[] {
  const out: Requirement[] = []
  for (const item of patterns) {
    const { pattern, ...about } = typeof item === 'string' ? { pattern: item } : item
    const perDomain = pattern.includes('{domain}')
      ? domains.map((d) => ({ p: pattern.replaceAll('{domain}', d), domain: d as string | undefined }))
      : [{ p: pattern, domain: undefined }]
    for (const { p, domain } of perDomain) {
      const alternatives = p
        .split('|')
        .map((a) => a.trim())
        .filter((a) => a !== '')
      if (alternatives.length === 0) throw new Error(`Required-file pattern "${pattern}" is empty.`)
      if (alternatives.some((a) => a.includes('/'))) throw new Error(`Required-file pattern "${pattern}" must be a file name, not a path.`)
      out.push({ label: alternatives.join(' or '), alternatives, ...about, ...(domain !== undefined ? { domain } : {}) })
    }
  }
  return out
}

/** The paths satisfying a requirement (every copy, in tree order). */
export function pathsFor(paths: readonly string[], requirement: Requirement): string[] {
  return paths.filter((p) => requirement.alternatives.includes(basename(p)))
}

/**
 * "Subtask 1: fashion+furniture; Subtask 3: fashion": one part per category, its domains joined,
 * in requirement order. A requirement without a category is named by its file label.
 */
export function describeAttempted(found: readonly Requirement[]): string {
  if (found.length === 0) return 'nothing'
  const parts = new Map<string, string[]>()
  for (const r of found) {
    const key = r.category ?? r.label
    const domains = parts.get(key) ?? []
    if (r.domain && r.category) domains.push(r.domain)
    parts.set(key, domains)
  }
  return [...parts].map(([name, domains]) => (domains.length ? `${name}: ${domains.join('+')}` : name)).join('; ')
}

/** The requirements no path satisfies, matching by basename. */
export function missingRequirements(paths: readonly string[], requirements: readonly Requirement[]): Requirement[] {
  const names = new Set(paths.map(basename))
  return requirements.filter((r) => !r.alternatives.some((a) => names.has(a)))
}

/** Basenames of prediction files present more than once, with their paths. */
export function duplicatePredictionFiles(paths: readonly string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>()
  for (const p of paths) {
    if (!isPredictionFile(p)) continue
    const list = byName.get(basename(p)) ?? []
    list.push(p)
    byName.set(basename(p), list)
  }
  for (const [name, list] of byName) if (list.length < 2) byName.delete(name)
  return byName
}
