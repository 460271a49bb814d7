import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// A component imports the CSS it uses: every class prefix has one home file, and a .tsx file that uses a
// class from that file must import it (itself or through its own relative imports), so any component
// rendered on its own is styled. styles.css (the shell and theme tokens) is loaded once by main.tsx.
const RENDERER = 'src/renderer/src'
const HOME: Record<string, string> = {
  'c-': 'components/common/common.css',
  'ch-': 'components/challenge/challenge.css',
  'cv-': 'components/convai2/convai2.css',
  'ea-': 'components/errors/errors.css',
  'lb-': 'components/leaderboard/leaderboard.css',
  'rp-': 'components/reports/reports.css',
  'sig-': 'components/leaderboard/significance.css',
  'sub-': 'components/submissions/submissions.css',
  'vt-': 'components/VirtualTable.css'
}
const GLOBAL_CSS = 'styles.css'
/** Classes a component file may style without a prefix: the shell's (styles.css) and a chart library's. */
const UNPREFIXED_OK = /^recharts-/

type Files = ReadonlyMap<string, string> // path relative to the renderer root → text

const homeOf = (cls: string): string | undefined => {
  const prefix = Object.keys(HOME).find((p) => cls.startsWith(p) || cls === p.slice(0, -1))
  return prefix === undefined ? undefined : HOME[prefix]
}

const classesDefinedIn = (css: string): Set<string> =>
  new Set([...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.(-?[a-zA-Z_][\w-]*)/g)].map((m) => m[1]!))

const resolveImport = (files: Files, from: string, spec: string): string | undefined => {
  const base = posix.normalize(posix.join(posix.dirname(from), spec))
  return [base, `${base}.ts`, `${base}.tsx`].find((p) => files.has(p))
}

const relativeImports = (files: Files, path: string): string[] =>
  [...(files.get(path) ?? '').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/g)]
    .map((m) => resolveImport(files, path, m[1]!))
    .filter((p): p is string => p !== undefined)

const reachable = (files: Files, start: string): Set<string> => {
  const seen = new Set<string>()
  const stack = [start]
  while (stack.length > 0) {
    const path = stack.pop()!
    if (seen.has(path)) continue
    seen.add(path)
    if (!path.endsWith('.css')) stack.push(...relativeImports(files, path))
  }
  return seen
}

/** Words inside string and template literals: where class names live (className="…", `… ${x}`, cond ? 'a' : 'b'). */
const literalWords = (source: string): Set<string> =>
  new Set([...source.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)].flatMap((m) => m[2]!.split(/[\s${}]+/)))

/** `file uses .a .b but does not import home.css` per file and home; [] when each component imports what it uses. */
function missingStyleImports(files: Files): string[] {
  const defined = new Map<string, Set<string>>()
  for (const css of new Set(Object.values(HOME))) defined.set(css, classesDefinedIn(files.get(css) ?? ''))
  const problems: string[] = []
  for (const path of [...files.keys()].filter((p) => p.endsWith('.tsx')).sort()) {
    const have = reachable(files, path)
    const missing = new Map<string, string[]>() // home → classes used from it
    for (const word of [...literalWords(files.get(path)!)].sort()) {
      const home = homeOf(word)
      if (home !== undefined && defined.get(home)?.has(word) && !have.has(home))
        missing.set(home, [...(missing.get(home) ?? []), `.${word}`])
    }
    for (const [home, classes] of missing) problems.push(`${path} uses ${classes.join(' ')} but does not import ${home}`)
  }
  return problems
}

/** Classes defined in a component CSS file that have no home prefix (they would escape the check above). */
function homelessClasses(files: Files): string[] {
  const shell = classesDefinedIn(files.get(GLOBAL_CSS) ?? '')
  return [...files.keys()]
    .filter((p) => p.endsWith('.css') && p !== GLOBAL_CSS)
    .flatMap((p) =>
      [...classesDefinedIn(files.get(p)!)].filter((c) => !homeOf(c) && !shell.has(c) && !UNPREFIXED_OK.test(c)).map((c) => `${p}: .${c}`)
    )
}

const readTree = (root: string): Map<string, string> => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]))
  return new Map(
    walk(root)
      .filter((p) => /\.(tsx?|css)$/.test(p))
      .map((p) => [relative(root, p).split(/[\\/]/).join('/'), readFileSync(p, 'utf8')])
  )
}

describe('component styles', () => {
  const tree = readTree(RENDERER)

  it('every home CSS file exists', () => {
    expect(Object.values(HOME).filter((css) => !tree.has(css))).toEqual([])
  })

  it('every component imports the CSS of the classes it uses', () => {
    expect(missingStyleImports(tree)).toEqual([])
  })

  it('every class in a component CSS file has a home prefix', () => {
    expect(homelessClasses(tree)).toEqual([])
  })

  it('finds a component that uses a class whose CSS only its page imports', () => {
    const files = new Map([
      ['components/leaderboard/leaderboard.css', '.lb-num { text-align: right; }'],
      ['components/common/common.css', '.c-button { padding: 0; }'],
      [
        'components/convai2/Table.tsx',
        'import { Button } from \'../common/Button\'\nexport const T = () => <td className="lb-num"><Button /></td>'
      ],
      ['components/common/Button.tsx', "import './common.css'\nexport const Button = () => <button className={`c-button ${x}`} />"],
      [
        'pages/Page.tsx',
        "import { T } from '../components/convai2/Table'\nimport '../components/leaderboard/leaderboard.css'\nexport const P = () => <T />"
      ]
    ])
    expect(missingStyleImports(files)).toEqual([
      'components/convai2/Table.tsx uses .lb-num but does not import components/leaderboard/leaderboard.css'
    ])
    files.set('components/convai2/Table.tsx', `import '../leaderboard/leaderboard.css'\n${files.get('components/convai2/Table.tsx')!}`)
    expect(missingStyleImports(files)).toEqual([])
  })

  it('finds a class with no home prefix', () => {
    expect(homelessClasses(new Map([['components/x/x.css', '.lb-a .stray, .recharts-surface { color: red; }']]))).toEqual([
      'components/x/x.css: .stray'
    ])
  })
})
