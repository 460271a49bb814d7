// A deliberately small glob matcher for repository paths ('/'-separated, relative to the root).
//
// Supported: `*` (any run of characters within one path segment), `?` (one character, not '/'),
// `**` as a whole segment (zero or more segments). A pattern without '/' matches the basename at any
// depth, as in .gitignore, so `*.pt` and `**/*.pt` mean the same. Everything else is literal; there are
// no character classes or braces, because model-file patterns never need them and each extra feature
// is one more way for an organizer's pattern to mean something surprising.

export { DEFAULT_MODEL_GLOBS } from '../../shared/intake'

export function globToRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/^\.?\//, '')
  if (p === '') throw new Error('Empty glob pattern.')
  if (!p.includes('/')) p = `**/${p}`
  const segments = p.split('/')
  let re = '^'
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1
    if (seg === '**') {
      // `a/**` matches everything below a; `**/b` and `a/**/b` allow zero directories in between.
      re += last ? '.*' : '(?:[^/]*/)*'
      return
    }
    re += seg
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')
    if (!last) re += '/'
  })
  return new RegExp(`${re}$`)
}

export function matchesAny(path: string, patterns: readonly string[]): boolean {
  return compile(patterns).some((re) => re.test(path))
}

const cache = new Map<string, RegExp>()

function compile(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => {
    let re = cache.get(p)
    if (!re) {
      re = globToRegExp(p)
      cache.set(p, re)
    }
    return re
  })
}
