import type { ProblemCode } from '../../../../shared/intake'

/** Each intake problem in plain words (the report's own message then names the file, tag or date). */
export const PROBLEM_TITLE: Record<ProblemCode, string> = {
  TAG_MISSING: 'The entry tag does not exist in the repository',
  TAG_AFTER_DEADLINE: 'The entry tag was created after the deadline',
  COMMIT_AFTER_DEADLINE: 'The tagged commit is dated after the deadline',
  MODEL_FILE_AFTER_DEADLINE: 'A model file was last changed after the deadline',
  CODE_FILE_AFTER_DEADLINE: 'A code file was last changed after the deadline',
  FUTURE_DATE: 'A date lies in the future',
  TAG_MOVED: 'The entry tag was moved since Podium first saw it',
  LIGHTWEIGHT_TAG: 'Lightweight tag: git records no tag date, only commit dates can be checked',
  AUTHOR_COMMITTER_MISMATCH: 'Author and committer dates disagree',
  COMMIT_OLDER_THAN_PARENT: 'A commit is dated before its parent',
  HISTORY_TRUNCATED: 'History ran out before every file could be dated',
  PREDICTIONS_REF_MISSING: 'The predictions branch or commit is missing',
  PREDICTIONS_NOT_DESCENDANT: 'The predictions commit does not descend from the entry tag',
  CODE_CHANGED_AFTER_TAG: 'Files other than predictions changed after the tag',
  REQUIRED_FILE_MISSING: 'A required prediction file is missing',
  INVALID_PREDICTION_FILE: 'A prediction file could not be read or scored',
  AMBIGUOUS_PREDICTION_FILE: 'More than one file could be the prediction file',
  PREDICTION_COPY_UNCHOSEN: 'Prediction file copy not chosen',
  LICENSE_MISSING: 'No licence file',
  LICENSE_NOT_PERMISSIVE: 'The licence is not permissive',
  UNREACHABLE: 'The repository could not be reached',
  AUTH_REQUIRED: 'The repository asks for credentials',
  REPO_NOT_FOUND: 'The repository was not found',
  REPO_TOO_LARGE: 'The repository exceeds the size limits',
  REPO_CORRUPT: 'The repository is damaged or holds entries git refuses',
  PATH_ESCAPE: 'A symlink points outside the repository (never followed)',
  MODEL_FILES_MISSING: 'The entry tag holds no model parameter files',
  MODEL_WEIGHTS_NOT_IN_TAG: 'The model weights are only downloaded by a script, not in the tag',
  SUBMODULE: 'A git submodule (another repository: not fetched, not dated)'
}

export const problemTitle = (code: string): string => PROBLEM_TITLE[code as ProblemCode] ?? code
