// One git repository per intake scenario, built with the real git CLI and pinned dates.
// The base history is a plausible SIMMC entry; each scenario changes one thing so that exactly the
// problem under test appears (the tests assert the full set of codes, so a stray one fails them).

import { join } from 'node:path'
import { buildRepo, runGit, type BuiltRepo, type CommitStep, type RepoFileContent, type TagStep } from '../../src/main/intake/repo-builder'

export const TAG = 'dstc9-simmc-entry'
/** A commit of another repository that a submodule fixture points at (never fetched). */
export const SUBMODULE_COMMIT = '5ac1e0b1d6a2a9b6c0f1e2d3c4b5a6978877665f'
export const DEADLINE = '2020-09-27T23:59:59-12:00'
export const NOW = new Date('2020-10-06T00:00:00Z')
export const REQUIRED = [
  'dstc9-simmc-teststd-{domain}-subtask-1.json',
  'dstc9-simmc-teststd-{domain}-subtask-3.txt|dstc9-simmc-teststd-{domain}-subtask-3.json'
]

export const MIT = `MIT License

Copyright (c) 2020 Team Podium

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, subject to the following conditions: ...
`
export const GPL = `                    GNU GENERAL PUBLIC LICENSE
                       Version 3, 29 June 2007

 Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>
 Everyone is permitted to copy and distribute verbatim copies
 of this license document, but changing it is not allowed.
`

export const CC_BY_NC_SA = `# Attribution-NonCommercial-ShareAlike 4.0 International

This work is licensed under the Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International
License. To view a copy of this license, visit http://creativecommons.org/licenses/by-nc-sa/4.0/
`

/** Deterministic, incompressible bytes: a stand-in for model weights (and for the size-limit test). */
export function weights(bytes: number, seed = 1): Uint8Array {
  const out = new Uint8Array(bytes)
  let x = seed >>> 0 || 1
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

const JSON_PRED = JSON.stringify([{ dialog_id: 1, predictions: [] }])
export const PREDICTIONS: Record<string, RepoFileContent> = {
  'predictions/dstc9-simmc-teststd-fashion-subtask-1.json': JSON_PRED,
  'predictions/dstc9-simmc-teststd-furniture-subtask-1.json': JSON_PRED,
  'predictions/dstc9-simmc-teststd-fashion-subtask-3.txt': 'User : hi => Belief State : DA:REQUEST [ ] <EOB>\n',
  'predictions/dstc9-simmc-teststd-furniture-subtask-3.json': JSON_PRED
}

interface BaseOptions {
  license?: Record<string, RepoFileContent>
  modelDate?: string
  finalDate?: string
  finalCommitterDate?: string
  tag?: TagStep
  predictions?: Record<string, RepoFileContent>
  predictionsDate?: string
  predictionsRemove?: string[]
  /** What the "model" commit adds (default: 32 KiB of weights at models/model.bin). */
  model?: Record<string, RepoFileContent>
}

/** Initial code, a model, the final code (tagged), then predictions on main. */
export function entry(o: BaseOptions = {}): CommitStep[] {
  return [
    {
      label: 'initial',
      message: 'Initial code',
      date: '2020-08-01T10:00:00+02:00',
      files: {
        ...(o.license ?? { LICENSE: MIT }),
        'README.md': '# Team Podium SIMMC entry\n',
        'src/train.py': 'print("train v1")\n',
        'src/model.py': 'class Model: pass\n',
        'models/config.json': '{"layers": 2}\n'
      }
    },
    {
      label: 'model',
      message: 'Add trained model',
      date: o.modelDate ?? '2020-09-20T12:00:00-07:00',
      files: o.model ?? { 'models/model.bin': weights(32 * 1024) }
    },
    {
      label: 'final',
      message: 'Final code',
      date: o.finalDate ?? '2020-09-27T20:00:00-12:00',
      ...(o.finalCommitterDate ? { committerDate: o.finalCommitterDate } : {}),
      files: { 'src/train.py': 'print("train v2")\n' },
      tags: [o.tag ?? { name: TAG, date: '2020-09-27T21:00:00-12:00' }]
    },
    {
      label: 'predictions',
      message: 'Test-std predictions',
      date: o.predictionsDate ?? '2020-10-03T09:00:00-07:00',
      files: o.predictions ?? PREDICTIONS,
      ...(o.predictionsRemove ? { remove: o.predictionsRemove } : {})
    }
  ]
}

/**
 * A feature branch (from the initial commit) writes src/model.py and src/feature.py and is merged into
 * main before the tagged commit: the merge and the branch commit carry different dates.
 */
export function mergedEntry(o: { featureDate: string; mergeDate: string; files?: Record<string, RepoFileContent> }): CommitStep[] {
  const [initial, model, final, predictions] = entry()
  return [
    initial!,
    {
      label: 'feature',
      message: 'Feature branch: better model',
      date: o.featureDate,
      branch: 'feature',
      from: 'initial',
      files: { 'src/model.py': 'class Model: layers = 4\n', 'src/feature.py': 'FEATURES = 12\n' }
    },
    { ...model!, branch: 'main' },
    { label: 'merge', message: 'Merge branch feature', date: o.mergeDate, merge: ['feature'], ...(o.files ? { files: o.files } : {}) },
    final!,
    predictions!
  ]
}

export interface Scenario {
  name: string
  commits: CommitStep[]
  bare?: boolean
  /** Run after building (with the built repo), e.g. to add a branch or damage an object. */
  after?: (repo: BuiltRepo) => Promise<void>
}

export const SCENARIOS: Scenario[] = [
  { name: 'happy', commits: entry() },
  { name: 'happy-worktree', commits: entry(), bare: false },
  {
    name: 'missing-tag',
    commits: entry({ tag: { name: 'dstc9-simmc-entry-v0', date: '2020-09-27T21:00:00-12:00' } }),
    // A branch with the tag's name must not count as the tag.
    after: (r) => runGit(['branch', TAG, r.commits.final!], r.dir).then(() => undefined)
  },
  // One second after 23:59:59 anywhere on Earth.
  { name: 'tag-after-deadline', commits: entry({ tag: { name: TAG, date: '2020-09-28T12:00:00Z' } }) },
  {
    name: 'commit-after-deadline',
    commits: entry({ finalDate: '2020-09-28T12:00:00Z', tag: { name: TAG, date: '2020-09-27T22:00:00-12:00' } })
  },
  // The model commit is late; the final commit and the tag are backdated to look on time.
  { name: 'model-after-deadline', commits: entry({ modelDate: '2020-09-29T08:00:00+02:00' }) },
  {
    name: 'lightweight',
    commits: entry({
      tag: { name: TAG, annotated: false },
      finalDate: '2020-09-25T10:00:00-12:00',
      finalCommitterDate: '2020-09-27T20:00:00-12:00'
    })
  },
  { name: 'future-date', commits: entry({ predictionsDate: '2099-01-01T00:00:00Z' }) },
  {
    name: 'code-changed',
    commits: entry({
      predictions: { ...PREDICTIONS, 'src/train.py': 'print("train v3, tuned on test-std")\n', 'notes/tuning.md': 'oops\n' }
    })
  },
  {
    name: 'required-missing',
    commits: entry({ predictions: Object.fromEntries(Object.entries(PREDICTIONS).filter(([p]) => !p.includes('furniture-subtask-1'))) })
  },
  {
    name: 'invalid-prediction',
    commits: entry({
      predictions: {
        ...PREDICTIONS,
        'predictions/dstc9-simmc-teststd-fashion-subtask-1.json': '{"dialog_id": 1,',
        'old/dstc9-simmc-teststd-fashion-subtask-3.txt': 'old run\n'
      }
    })
  },
  { name: 'no-license', commits: entry({ license: {} }) },
  { name: 'gpl-license', commits: entry({ license: { COPYING: GPL } }) },
  { name: 'cc-by-nc-sa-license', commits: entry({ license: { 'LICENSE.md': CC_BY_NC_SA } }) },
  {
    name: 'tag-moved',
    commits: (() => {
      const steps = entry()
      const predictions = steps.pop()!
      return [
        ...steps,
        {
          label: 'late-fix',
          message: 'Fix after the deadline',
          date: '2020-09-29T10:00:00+02:00',
          files: { 'src/model.py': 'class Model: fixed = True\n' },
          tags: [{ name: TAG, date: '2020-09-27T21:30:00-12:00', force: true }]
        },
        predictions
      ]
    })()
  },
  {
    name: 'not-descendant',
    commits: (() => {
      const steps = entry()
      steps[3] = { ...steps[3]!, branch: 'preds', from: 'model' }
      return steps
    })()
  },
  {
    name: 'symlink',
    commits: (() => {
      const steps = entry({
        predictions: { ...PREDICTIONS, 'predictions/dstc9-simmc-teststd-furniture-subtask-3.json': { symlink: '/etc/passwd' } }
      })
      // A data link in the tagged code (common in ML repos): reported, never followed.
      steps[0] = { ...steps[0]!, files: { ...steps[0]!.files, 'data/raw': { symlink: '../../outside' } } }
      return steps
    })()
  },
  // A local work tree whose tag is late and whose predictions lack a file: both must be reported.
  {
    name: 'late-and-missing',
    bare: false,
    commits: entry({
      tag: { name: TAG, date: '2020-09-28T12:00:42Z' },
      predictions: Object.fromEntries(Object.entries(PREDICTIONS).filter(([p]) => !p.includes('fashion-subtask-1')))
    })
  },
  // The same late tag, with a prediction file's object gone (a damaged local clone): still both reported.
  {
    name: 'late-and-corrupt',
    bare: false,
    commits: entry({ tag: { name: TAG, date: '2020-09-28T12:00:42Z' } }),
    after: async (r) => {
      const oid = await runGit(['rev-parse', 'HEAD:predictions/dstc9-simmc-teststd-fashion-subtask-1.json'], r.dir)
      const { rm } = await import('node:fs/promises')
      await rm(join(r.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)))
    }
  },
  // Model files: code only; weights behind Git LFS; weights fetched by a script a README documents (or not).
  { name: 'code-only', commits: entry({ model: { 'models/config.json': '{"layers": 4}\n' } }) },
  {
    name: 'lfs-model',
    commits: entry({
      model: {
        '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
        'models/model.bin': `version https://git-lfs.github.com/spec/v1\noid sha256:${'ab'.repeat(32)}\nsize 438012345\n`
      }
    })
  },
  {
    name: 'download-script',
    commits: entry({
      model: {
        'scripts/download_model.sh': 'curl -LO https://example.invalid/simmc/model.bin\n',
        'README.md': '# Team Podium SIMMC entry\n\nRun `scripts/download_model.sh` to fetch the trained weights.\n'
      }
    })
  },
  { name: 'undocumented-script', commits: entry({ model: { 'download.sh': 'curl -LO https://example.invalid/model.bin\n' } }) },
  // Content written before the deadline, merged after it (the tagged commit is backdated below the merge).
  { name: 'merge-late', commits: mergedEntry({ featureDate: '2020-09-20T09:00:00+02:00', mergeDate: '2020-09-29T08:00:00+02:00' }) },
  // The reverse: a late branch commit behind a merge dated before the deadline.
  { name: 'merge-hides-late', commits: mergedEntry({ featureDate: '2020-09-29T08:00:00+02:00', mergeDate: '2020-09-27T19:00:00-12:00' }) },
  // A merge that resolves src/model.py to content neither parent had: the merge itself changed it.
  {
    name: 'merge-evil',
    commits: mergedEntry({
      featureDate: '2020-09-20T09:00:00+02:00',
      mergeDate: '2020-09-25T10:00:00+02:00',
      files: { 'src/model.py': 'class Model: layers = 3\n' }
    })
  },
  {
    name: 'submodule',
    commits: (() => {
      const steps = entry()
      steps[0] = {
        ...steps[0]!,
        files: {
          ...steps[0]!.files,
          '.gitmodules': '[submodule "third_party/simmc"]\n\tpath = third_party/simmc\n\turl = https://example.invalid/simmc.git\n',
          'third_party/simmc': { gitlink: SUBMODULE_COMMIT }
        }
      }
      return steps
    })()
  },
  {
    name: 'corrupt',
    commits: entry(),
    bare: false,
    // Loose objects in a fresh work repo: deleting one blob leaves a dangling tree entry.
    after: async (r) => {
      const oid = await runGit(['rev-parse', 'HEAD:LICENSE'], r.dir)
      const { rm } = await import('node:fs/promises')
      await rm(join(r.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)))
    }
  }
]

export type Built = Record<string, BuiltRepo>

/** Builds every scenario under `root` as `<name>.git` (bare) or `<name>` (work tree). */
export async function buildScenarios(root: string): Promise<Built> {
  const built: Built = {}
  await Promise.all(
    SCENARIOS.map(async (s) => {
      const bare = s.bare ?? true
      const repo = await buildRepo(join(root, bare ? `${s.name}.git` : s.name), { commits: s.commits, bare })
      await s.after?.(repo)
      built[s.name] = repo
    })
  )
  return built
}
