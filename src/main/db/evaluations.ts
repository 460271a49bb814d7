import type { ExampleResult, ScoreResult, ScoreWarning } from '../../shared/scoring'
import type { ExampleQuery } from '../../shared/views'
import type { Db } from './database'

export interface StoredEvaluation {
  id: number
  submissionId: number
  task: string
  domain: string
  singleRound: boolean
  n: number
  metrics: Record<string, number>
  stderr: Record<string, number>
  coverage: ScoreResult['coverage']
  confusion: ScoreResult['confusion'] | null
  inputSha256: string
  createdAt: string
  /** Settings the numbers depend on ({ tokenizer: 'nltk-3.5' } for generation BLEU); null when none were recorded. */
  params: Record<string, string> | null
  /** Duplicates counted as the official script counts them, official-script failures...; empty when none. */
  warnings: ScoreWarning[]
}

interface EvaluationRow {
  id: number
  submission_id: number
  task: string
  domain: string
  single_round: number
  n: number
  metrics_json: string
  stderr_json: string
  coverage_json: string
  confusion_json: string | null
  input_sha256: string
  created_at: string
  params_json: string | null
  warnings_json: string | null
}

interface ExampleRow {
  idx: number
  dialog_id: string
  turn: number
  gold: string
  prediction: string
  score: number
  detail_json: string | null
}

const toEvaluation = (r: EvaluationRow): StoredEvaluation => ({
  id: r.id,
  submissionId: r.submission_id,
  task: r.task,
  domain: r.domain,
  singleRound: r.single_round === 1,
  n: r.n,
  metrics: JSON.parse(r.metrics_json) as Record<string, number>,
  stderr: JSON.parse(r.stderr_json) as Record<string, number>,
  coverage: JSON.parse(r.coverage_json) as ScoreResult['coverage'],
  confusion: r.confusion_json ? (JSON.parse(r.confusion_json) as ScoreResult['confusion']) : null,
  inputSha256: r.input_sha256,
  createdAt: r.created_at,
  params: r.params_json ? (JSON.parse(r.params_json) as Record<string, string>) : null,
  warnings: r.warnings_json ? (JSON.parse(r.warnings_json) as ScoreWarning[]) : []
})

/** The filters of an example query (its paging aside). */
export type ExampleFilter = Omit<ExampleQuery, 'offset' | 'limit'>

interface ExampleFilterParams {
  id: number
  wrongOnly: 0 | 1
  minScore: number | null
  maxScore: number | null
  gold: string | null
  dialogId: string | null
  goldAction: string | null
  predictedAction: string | null
  text: string | null
}

const filterParams = (f: ExampleFilter): ExampleFilterParams => ({
  id: f.evaluationId,
  wrongOnly: f.wrongOnly ? 1 : 0,
  minScore: f.minScore ?? null,
  maxScore: f.maxScore ?? null,
  gold: f.gold ?? null,
  dialogId: f.dialogId ?? null,
  goldAction: f.goldAction ?? null,
  predictedAction: f.predictedAction ?? null,
  text: f.text ? f.text.toLowerCase() : null
})

export function evaluationsTable(db: Db) {
  const remove = db.prepare<[number, string, string]>('DELETE FROM evaluations WHERE submission_id = ? AND task = ? AND domain = ?')
  const insert = db.prepare(
    `INSERT INTO evaluations (submission_id, task, domain, single_round, n, metrics_json, stderr_json,
       coverage_json, confusion_json, input_sha256, params_json, warnings_json)
     VALUES (@submissionId, @task, @domain, @singleRound, @n, @metrics, @stderr, @coverage, @confusion, @sha, @params, @warnings)`
  )
  const insertExample = db.prepare(
    `INSERT INTO examples (evaluation_id, idx, dialog_id, turn, gold, prediction, score, detail_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const bySubmission = db.prepare<[number], EvaluationRow>('SELECT * FROM evaluations WHERE submission_id = ? ORDER BY task, domain')
  const byChallenge = db.prepare<[number], EvaluationRow & { team_id: number }>(
    `SELECT e.*, s.team_id FROM evaluations e
       JOIN submissions s ON s.id = e.submission_id
       JOIN teams t ON t.id = s.team_id
     WHERE t.challenge_id = ? AND s.id = (SELECT max(id) FROM submissions WHERE team_id = s.team_id)
     ORDER BY e.task, e.domain, t.name`
  )
  const byId = db.prepare<[number], EvaluationRow>('SELECT * FROM evaluations WHERE id = ?')
  // One statement serves every filter: a NULL parameter switches its condition off.
  const FILTER = `evaluation_id = @id
       AND (@wrongOnly = 0 OR score < 1)
       AND (@minScore IS NULL OR score >= @minScore)
       AND (@maxScore IS NULL OR score <= @maxScore)
       AND (@gold IS NULL OR gold = @gold)
       AND (@dialogId IS NULL OR dialog_id = @dialogId)
       AND (@goldAction IS NULL OR json_extract(detail_json, '$.goldAction') = @goldAction)
       AND (@predictedAction IS NULL OR json_extract(detail_json, '$.predictedAction') = @predictedAction)
       AND (@text IS NULL OR instr(lower(dialog_id || ' ' || gold || ' ' || prediction), @text) > 0)`
  const examples = db.prepare<ExampleFilterParams & { limit: number; offset: number }, ExampleRow>(
    `SELECT * FROM examples WHERE ${FILTER} ORDER BY idx LIMIT @limit OFFSET @offset`
  )
  const countExamples = db.prepare<ExampleFilterParams, { n: number }>(`SELECT count(*) AS n FROM examples WHERE ${FILTER}`)
  const scores = db.prepare<[number], { score: number }>('SELECT score FROM examples WHERE evaluation_id = ?')

  /** Replaces an evaluation and all its examples in one transaction: never half-written. */
  const save = db.transaction((submissionId: number, domain: string, singleRound: boolean, sha: string, result: ScoreResult): number => {
    remove.run(submissionId, result.task, domain)
    const id = Number(
      insert.run({
        submissionId,
        task: result.task,
        domain,
        singleRound: singleRound ? 1 : 0,
        n: result.n,
        metrics: JSON.stringify(result.metrics),
        stderr: JSON.stringify(result.stderr),
        coverage: JSON.stringify(result.coverage),
        confusion: result.confusion ? JSON.stringify(result.confusion) : null,
        sha,
        params: result.params ? JSON.stringify(result.params) : null,
        warnings: result.warnings?.length ? JSON.stringify(result.warnings) : null
      }).lastInsertRowid
    )
    result.examples.forEach((e, idx) =>
      insertExample.run(id, idx, e.dialogId, e.turn, e.gold, e.prediction, e.score, e.detail ? JSON.stringify(e.detail) : null)
    )
    return id
  })

  return {
    save(submissionId: number, domain: string, singleRound: boolean, inputSha256: string, result: ScoreResult): number {
      return save(submissionId, domain, singleRound, inputSha256, result)
    },
    get(id: number): StoredEvaluation | undefined {
      const row = byId.get(id)
      return row && toEvaluation(row)
    },
    forSubmission(submissionId: number): StoredEvaluation[] {
      return bySubmission.all(submissionId).map(toEvaluation)
    },
    /** The evaluations of each team's latest submission. */
    forChallenge(challengeId: number): Array<StoredEvaluation & { teamId: number }> {
      return byChallenge.all(challengeId).map((r) => ({ ...toEvaluation(r), teamId: r.team_id }))
    },
    scores(evaluationId: number): number[] {
      return scores.all(evaluationId).map((r) => r.score)
    },
    countExamples(filter: ExampleFilter): number {
      return countExamples.get(filterParams(filter))!.n
    },
    examples(filter: ExampleFilter, limit: number, offset = 0): Array<ExampleResult & { idx: number }> {
      return examples.all({ ...filterParams(filter), limit, offset }).map((r) => ({
        idx: r.idx,
        dialogId: r.dialog_id,
        turn: r.turn,
        gold: r.gold,
        prediction: r.prediction,
        score: r.score,
        ...(r.detail_json ? { detail: JSON.parse(r.detail_json) as ExampleResult['detail'] } : {})
      }))
    }
  }
}
