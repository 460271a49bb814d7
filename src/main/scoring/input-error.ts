import type { InputProblem } from '../../shared/scoring'

/** Thrown by parsers and validators for bad input files; never for bugs. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    /** JSON path such as `[3].predictions[0].action_log_prob`, or `line 12`. */
    readonly path: string,
    readonly problem: string
  ) {
    super(`${file}${path ? ` at ${path}` : ''}: ${problem}`)
    this.name = 'InputError'
  }

  toProblem(): InputProblem {
    return { file: this.file, path: this.path, message: this.problem }
  }
}
