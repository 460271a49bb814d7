// Model files in the entry tag. The rules ask that the tagged commit holds "both runnable code and model
// parameter files": files matching the challenge's model globs count (weights, or Git LFS pointers to
// them); a download script that a README documents is accepted with a warning (the weights are not in
// the tag, so git cannot date them); nothing at all is an error.

import { problem, type ModelFile, type Problem } from '../../shared/intake'
import { listSome } from './deadline'
import { globToRegExp } from './glob'
import { readBlobText, type FileEntry, type Repo } from './inspect'

/** A Git LFS pointer is a few lines of text; anything longer is the file itself. */
const MAX_POINTER_BYTES = 1024
const MAX_TEXT_BYTES = 1024 * 1024

/** `size` of a Git LFS pointer (spec v1), or null when the text is not one. */
export function parseLfsPointer(text: string): { size: number } | null {
  if (!text.startsWith('version https://git-lfs.github.com/spec/v1')) return null
  if (!/^oid sha256:[0-9a-f]{64}$/m.test(text)) return null
  const size = /^size (\d+)$/m.exec(text)?.[1]
  return size ? { size: Number(size) } : null
}

/** Patterns a `.gitattributes` file (at `dir`, '' for the root) sends through the LFS filter, as globs from the root. */
export function lfsGlobs(text: string, dir: string): string[] {
  const out: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const [pattern, ...attrs] = line.split(/\s+/)
    if (!pattern || !attrs.includes('filter=lfs')) continue
    const rel = pattern.includes('/') ? pattern.replace(/^\//, '') : `**/${pattern}`
    out.push(dir ? `${dir}/${rel}` : rel)
  }
  return out
}

/** download.sh, fetch_weights.py, get_pretrained_model.sh, scripts/download-checkpoints.bash … */
export function isDownloadScript(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return (
    /^(?:download|fetch)(?:[-_.][\w.-]*)?\.(?:sh|bash|py)$/i.test(name) ||
    /^get[-_][\w-]*(?:model|weight|checkpoint|ckpt|pretrained)[\w-]*\.(?:sh|bash|py)$/i.test(name)
  )
}

const isReadme = (path: string): boolean => /^readme(\.[\w]+)?$/i.test(path.slice(path.lastIndexOf('/') + 1))
const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '')

export interface ModelFilesResult {
  modelFiles: ModelFile[]
  problems: Problem[]
}

/**
 * `globbed` are the files matching the model globs (the caller dates them). `globs` only names them in
 * messages; an empty list means the challenge asks for no model files.
 */
export async function findModelFiles(
  repo: Repo,
  files: FileEntry[],
  globbed: ReadonlySet<string>,
  globs: readonly string[],
  tag: string
): Promise<ModelFilesResult> {
  if (globs.length === 0) return { modelFiles: [], problems: [] }
  const lfs: RegExp[] = []
  for (const f of files.filter((x) => x.path.split('/').pop() === '.gitattributes')) {
    const text = await readBlobText(repo, f.oid, MAX_TEXT_BYTES)
    if (text) lfs.push(...lfsGlobs(text, dirOf(f.path)).map(globToRegExp))
  }
  const modelFiles: ModelFile[] = []
  for (const f of files.filter((x) => globbed.has(x.path))) {
    // Only files the attributes route through LFS are read: real weights can be gigabytes.
    const pointer = lfs.some((re) => re.test(f.path)) ? await readPointer(repo, f.oid) : null
    modelFiles.push(pointer ? { path: f.path, kind: 'lfs', size: pointer.size } : { path: f.path, kind: 'weights' })
  }
  if (modelFiles.length > 0) return { modelFiles, problems: [] }

  const scripts = files.filter((f) => isDownloadScript(f.path)).map((f) => f.path)
  const documented: { script: string; readme: string }[] = []
  if (scripts.length > 0) {
    for (const readme of files.filter((f) => isReadme(f.path))) {
      const text = (await readBlobText(repo, readme.oid, MAX_TEXT_BYTES)) ?? ''
      for (const script of scripts) {
        const name = script.slice(script.lastIndexOf('/') + 1)
        if (text.includes(name) && !documented.some((d) => d.script === script)) documented.push({ script, readme: readme.path })
      }
    }
  }
  const wanted = listSome([...globs], 4)
  if (documented.length > 0) {
    return {
      modelFiles: documented.map((d) => ({ path: d.script, kind: 'script' })),
      problems: [
        problem(
          'MODEL_WEIGHTS_NOT_IN_TAG',
          `Tag ${tag} holds no model file matching ${wanted}; the weights are downloaded by ${listSome(
            documented.map((d) => `${d.script} (documented in ${d.readme})`),
            2
          )}, so they are not in the tag and git cannot date them.`
        )
      ]
    }
  }
  const undocumented = scripts.length > 0 ? `; ${listSome(scripts, 2)} looks like a download script, but no README mentions it` : ''
  return {
    modelFiles: [],
    problems: [
      problem(
        'MODEL_FILES_MISSING',
        `Tag ${tag} holds no model parameter file (nothing matches ${wanted}, and no Git LFS pointer to one)${undocumented}.`
      )
    ]
  }
}

async function readPointer(repo: Repo, oid: string): Promise<{ size: number } | null> {
  const text = await readBlobText(repo, oid, MAX_POINTER_BYTES)
  return text === null ? null : parseLfsPointer(text)
}
