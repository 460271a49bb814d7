// Types for submission intake checks, shared by the main process (which runs the checks) and the
// renderer (which shows the report). Plain data only: everything here must survive structured clone.

/** Every problem an intake check can report. Severity is fixed per code (see PROBLEM_SEVERITY). */
export type ProblemCode =
  // The entry tag and its dates.
  | 'TAG_MISSING'
  | 'TAG_AFTER_DEADLINE'
  | 'COMMIT_AFTER_DEADLINE'
  | 'MODEL_FILE_AFTER_DEADLINE'
  | 'CODE_FILE_AFTER_DEADLINE'
  | 'FUTURE_DATE'
  | 'TAG_MOVED'
  | 'LIGHTWEIGHT_TAG'
  | 'AUTHOR_COMMITTER_MISMATCH'
  | 'COMMIT_OLDER_THAN_PARENT'
  | 'HISTORY_TRUNCATED'
  // Predictions and their provenance.
  | 'PREDICTIONS_REF_MISSING'
  | 'PREDICTIONS_NOT_DESCENDANT'
  | 'CODE_CHANGED_AFTER_TAG'
  | 'REQUIRED_FILE_MISSING'
  | 'INVALID_PREDICTION_FILE'
  | 'AMBIGUOUS_PREDICTION_FILE'
  | 'PREDICTION_COPY_UNCHOSEN'
  // Licence.
  | 'LICENSE_MISSING'
  | 'LICENSE_NOT_PERMISSIVE'
  // Getting at the repository.
  | 'UNREACHABLE'
  | 'AUTH_REQUIRED'
  | 'REPO_NOT_FOUND'
  | 'REPO_TOO_LARGE'
  | 'REPO_CORRUPT'
  | 'PATH_ESCAPE'
  // Added by the intake rules on partial entries, model files and submodules.
  | 'MODEL_FILES_MISSING'
  | 'MODEL_WEIGHTS_NOT_IN_TAG'
  | 'SUBMODULE'

export type Severity = 'error' | 'warning'

/**
 * Warnings are things git cannot prove or that look odd but are allowed; everything else blocks the entry.
 * Kept in one table so the UI and the checks can never disagree on a code's severity.
 */
export const PROBLEM_SEVERITY: Record<ProblemCode, Severity> = {
  TAG_MISSING: 'error',
  TAG_AFTER_DEADLINE: 'error',
  COMMIT_AFTER_DEADLINE: 'error',
  MODEL_FILE_AFTER_DEADLINE: 'error',
  CODE_FILE_AFTER_DEADLINE: 'error',
  FUTURE_DATE: 'error',
  TAG_MOVED: 'error',
  LIGHTWEIGHT_TAG: 'warning',
  AUTHOR_COMMITTER_MISMATCH: 'warning',
  COMMIT_OLDER_THAN_PARENT: 'warning',
  HISTORY_TRUNCATED: 'warning',
  PREDICTIONS_REF_MISSING: 'error',
  PREDICTIONS_NOT_DESCENDANT: 'error',
  CODE_CHANGED_AFTER_TAG: 'error',
  REQUIRED_FILE_MISSING: 'error',
  INVALID_PREDICTION_FILE: 'error',
  AMBIGUOUS_PREDICTION_FILE: 'warning',
  // Copies that differ and that the gold cannot tell apart: nothing is scored for the file until the organizer picks.
  PREDICTION_COPY_UNCHOSEN: 'error',
  LICENSE_MISSING: 'error',
  LICENSE_NOT_PERMISSIVE: 'error',
  UNREACHABLE: 'error',
  AUTH_REQUIRED: 'error',
  REPO_NOT_FOUND: 'error',
  REPO_TOO_LARGE: 'error',
  // Missing or unparsable objects, or tree entries git itself refuses (`..`, `.git`).
  REPO_CORRUPT: 'error',
  // A symlink pointing outside the repository: never followed, so harmless to us, but worth a look.
  PATH_ESCAPE: 'warning',
  // The rules ask for "both runnable code and model parameter files" in the tagged commit.
  MODEL_FILES_MISSING: 'error',
  // Only a download script: the weights exist somewhere, but not in the tag, so their date is unproven.
  MODEL_WEIGHTS_NOT_IN_TAG: 'warning',
  // A submodule is a pointer to another repository: not fetched and not dated.
  SUBMODULE: 'warning'
}

export interface Problem {
  code: ProblemCode
  severity: Severity
  /** One plain sentence naming the file, tag, commit or date concerned. */
  message: string
  /** The prediction file concerned, when there is one: lets a problem count against its category only. */
  path?: string
}

export function problem(code: ProblemCode, message: string, path?: string): Problem {
  return { code, severity: PROBLEM_SEVERITY[code], message, ...(path !== undefined ? { path } : {}) }
}

export interface Signature {
  name: string
  email: string
  /** ISO 8601 with the offset git recorded, e.g. `2020-09-27T23:59:59-12:00`. */
  date: string
}

export interface FileDate {
  path: string
  /** The commit that last changed this file's content, as `git log -1 <tag> -- <path>` finds it (merges are
   * followed to the parent that brought the content). */
  lastCommit: string
  /** The later of that commit's author and committer dates (the conservative bound), ISO 8601. */
  date: string
  /** When the content came in through a merge: the commit on the tag's first-parent line that merged it, and
   * its date (later of author and committer). Shown beside `date`; the deadline is judged on `date`. */
  mergeCommit?: string
  mergeDate?: string
  /** True when history ran out (shallow fetch or walk bound) before the change was found: `date` is then
   * the date of the oldest commit reached, still an upper bound of the real change. */
  truncated?: boolean
}

export type LicenseKind =
  | 'MIT'
  | 'Apache-2.0'
  | 'BSD-2-Clause'
  | 'BSD-3-Clause'
  | 'ISC'
  | 'MPL-2.0'
  | 'Unlicense'
  | 'CC0-1.0'
  | 'BSL-1.0'
  | 'Zlib'
  | 'GPL'
  | 'LGPL'
  | 'AGPL'
  | CreativeCommonsKind
  /** A custom licence text restricting use to non-commercial or research purposes. */
  | 'non-commercial'
  | 'proprietary'
  | 'unknown'

/** Creative Commons licences by their SPDX names, e.g. `CC-BY-NC-SA-4.0` (CC0 is listed apart). */
export type CreativeCommonsKind = `CC-BY${'' | '-SA' | '-ND' | '-NC' | '-NC-SA' | '-NC-ND'}-${'1.0' | '2.0' | '2.5' | '3.0' | '4.0'}`

/** One prediction file an entry may hold: one category in one domain (or a challenge-named file). */
export interface EntryFile {
  /** The accepted file names, e.g. `dstc9-simmc-teststd-fashion-subtask-3.txt or ….json`. */
  label: string
  categoryId?: string
  category?: string
  domain?: string
  /** Where the file was found (every copy); absent for a file the team did not submit. */
  paths?: string[]
}

/**
 * What the entry attempted. `mode` is the challenge's `required` setting: 'all' makes every missing
 * file an error; 'any' judges a team on what it attempted and only an entry with no file at all fails.
 */
export interface EntryCoverage {
  mode: 'all' | 'any'
  attempted: EntryFile[]
  missing: EntryFile[]
  /** e.g. "Subtask 1 — …: fashion+furniture; Subtask 3 — …: fashion" (or "nothing"). */
  summary: string
}

/**
 * Model parameter files a challenge asks for by default: PyTorch, TensorFlow/Keras, safetensors and pickled
 * models, and checkpoint directories (TensorFlow's `model.ckpt-1000.index`, `ckpt-1.data-…`, `checkpoint`).
 */
export const DEFAULT_MODEL_GLOBS: readonly string[] = [
  '**/*.bin',
  '**/*.pt',
  '**/*.pth',
  '**/*.ckpt',
  '**/*.ckpt-*',
  '**/ckpt-*',
  '**/checkpoint',
  '**/checkpoints/**',
  '**/*.h5',
  '**/*.safetensors',
  '**/*.pkl'
]

/** A file taken as model parameters, and how. */
export interface ModelFile {
  path: string
  /** weights: matched a model glob; lfs: a Git LFS pointer to such a file; script: a download script. */
  kind: 'weights' | 'lfs' | 'script'
  /** Bytes in the tree (for LFS, the size the pointer declares). */
  size?: number
}

/** One predictions ref the organizer named, what it resolved to, and the prediction files taken from it. */
export interface PredictionSource {
  ref: string
  commit: string
  files: string[]
}

/** How a dialog-id comparison with the challenge gold came out for one copy of a prediction file. */
export interface CopyMatch {
  path: string
  /** Distinct dialog ids in the copy (null: the file has none Podium can read, e.g. subtask-3 line format). */
  dialogs: number | null
  /** How many of them are dialogs of the challenge gold. */
  inGold: number | null
}

/** A prediction file name found in several folders, and which copy is the entry. */
export interface PredictionCopies {
  file: string
  paths: string[]
  /** The copy that is scored; absent while the organizer has not chosen (nothing is scored for the file then). */
  chosen?: string
  /** gold: the only copy whose dialogs are all gold dialogs; identical: every copy has the same content; organizer: picked. */
  how?: 'gold' | 'identical' | 'organizer'
  matches: CopyMatch[]
}

export interface CheckReport {
  /** No error-severity problem. */
  ok: boolean
  /** The URL or path that was checked. */
  repo?: string
  tag: {
    name: string
    type: 'annotated' | 'lightweight' | null
    /** What the tag ref points at: the tag object (annotated) or the commit (lightweight). */
    object: string | null
    taggerDate?: string
    tagger?: string
  }
  commit: {
    sha: string
    authorDate: string
    committerDate: string
    author: string
    committer: string
    message: string
  } | null
  dates: {
    deadline: string
    tagger?: string
    author?: string
    committer?: string
    modelFiles: FileDate[]
    codeFiles: FileDate[]
    predictionsCommit?: string
  }
  problems: Problem[]
  /** The first predictions ref that resolved (the one code and licence are judged on). */
  predictions?: { ref: string; commit: string; changedFiles: string[] }
  /** Every predictions ref, in the organizer's order: which commit it named and which prediction files came from it. */
  predictionSources?: PredictionSource[]
  license?: { file: string; kind: LicenseKind; permissive: boolean }
  /** The categories and domains the entry attempted (absent when no prediction files were asked for). */
  entry?: EntryCoverage
  /** Prediction file names found in several folders, and the copy taken for each. */
  predictionCopies?: PredictionCopies[]
  /** The files taken as model parameters in the tagged tree. */
  modelFiles?: ModelFile[]
}

export interface IntakeProgress {
  phase: 'fetching' | 'checking'
  loaded?: number
  total?: number
  message: string
}

/** Caps that keep an untrusted repository from exhausting the organizer's machine. */
export interface IntakeLimits {
  /** Whole fetch, per attempt (ms). Default 120 000. */
  timeoutMs?: number
  /** Longest silence of the server within one request (ms), e.g. while it packs; then the attempt is retried. Default 60 000. */
  idleTimeoutMs?: number
  /** Bytes downloaded and bytes of the fetched git directory. Default 1 GiB. */
  maxBytes?: number
  /** Files (blobs and symlinks) in one tree. Default 100 000. */
  maxFiles?: number
  /** Shallow fetch depth for the entry tag and the predictions ref. Default 1000 commits. */
  depth?: number
  /** Commits walked to date files and to prove ancestry. Default 5000. */
  maxHistoryCommits?: number
  /** Retries after a transient failure (connection reset, HTTP 5xx). Default 3. */
  retries?: number
  /** First retry delay (ms); doubles each time. Default 500. */
  retryBaseMs?: number
  /** Prediction files larger than this are not read. Default 256 MiB. */
  maxPredictionBytes?: number
}

/**
 * What each problem means, in words that name no repository, commit or file: used wherever
 * output may be published (anonymized leaderboards and reports).
 */
export const PROBLEM_SUMMARY: Record<ProblemCode, string> = {
  TAG_MISSING: 'no entry tag',
  TAG_AFTER_DEADLINE: 'entry tag dated after the deadline',
  COMMIT_AFTER_DEADLINE: 'tagged commit dated after the deadline',
  MODEL_FILE_AFTER_DEADLINE: 'model file changed after the deadline',
  CODE_FILE_AFTER_DEADLINE: 'code changed after the deadline',
  FUTURE_DATE: 'a date in the future',
  TAG_MOVED: 'entry tag moved since the deadline',
  LIGHTWEIGHT_TAG: 'lightweight tag (its date cannot be proven)',
  AUTHOR_COMMITTER_MISMATCH: 'author and committer dates differ',
  COMMIT_OLDER_THAN_PARENT: 'a commit older than its parent',
  HISTORY_TRUNCATED: 'history incomplete',
  PREDICTIONS_REF_MISSING: 'predictions not found',
  PREDICTIONS_NOT_DESCENDANT: 'predictions not built on the entry tag',
  CODE_CHANGED_AFTER_TAG: 'code changed after the entry tag',
  REQUIRED_FILE_MISSING: 'a required prediction file is missing',
  INVALID_PREDICTION_FILE: 'an invalid prediction file',
  AMBIGUOUS_PREDICTION_FILE: 'a prediction file present twice',
  PREDICTION_COPY_UNCHOSEN: 'a prediction file present twice, copy not chosen yet',
  LICENSE_MISSING: 'no licence file',
  LICENSE_NOT_PERMISSIVE: 'licence not permissive',
  UNREACHABLE: 'repository unreachable',
  AUTH_REQUIRED: 'repository not public',
  REPO_NOT_FOUND: 'repository not found',
  REPO_TOO_LARGE: 'repository over the size limits',
  REPO_CORRUPT: 'repository unreadable',
  PATH_ESCAPE: 'a symbolic link leaving the repository',
  MODEL_FILES_MISSING: 'no model files in the entry tag',
  MODEL_WEIGHTS_NOT_IN_TAG: 'model weights only downloadable, not in the tag',
  SUBMODULE: 'a git submodule (not fetched, not dated)'
}
