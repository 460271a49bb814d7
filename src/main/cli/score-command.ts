import { resolve } from 'node:path'
import { DEFAULT_TOKENIZER, isTokenizerSetting, TOKENIZER_SETTINGS, tokenizerLabel, type ScoreResult } from '../../shared/scoring'
import { isScoreTask, SCORE_TASKS } from '../scoring/registry'
import { scoreFiles } from '../scoring/score-files'
import { defineCommand, flag, text } from './define-command'

export const scoreCommand = defineCommand({
  name: 'score',
  usage: '--task T --gold FILE --pred FILE [--single-round] [--tokenizer nltk-3.5|nltk-3.8|nltk-3.9] [--json]',
  summary: `score one prediction file with the official metrics (T: ${SCORE_TASKS.join(', ')})`,
  options: { task: text, gold: text, pred: text, 'single-round': flag, tokenizer: text, json: flag },
  async run({ values, required, fail }) {
    const task = required('task')
    if (!isScoreTask(task)) fail(`unknown --task "${task}" (one of ${SCORE_TASKS.join(', ')})`)
    // BLEU word tokenization of the generation task: the nltk release to reproduce (DSTC9: 3.5).
    const tokenizer = values.tokenizer ?? DEFAULT_TOKENIZER
    if (!isTokenizerSetting(tokenizer)) return fail(`unknown --tokenizer "${tokenizer}" (one of ${TOKENIZER_SETTINGS.join(', ')})`)
    const result = scoreFiles({
      task: task as Parameters<typeof scoreFiles>[0]['task'],
      goldPath: resolve(required('gold')),
      predPath: resolve(required('pred')),
      singleRound: values['single-round'] ?? false,
      tokenizer
    })
    process.stdout.write(values.json ? `${JSON.stringify(scoreJson(result))}\n` : scoreTable(result))
    return 0
  }
})

/**
 * The stable JSON contract other tools read: official key names only, plus `warnings`
 * ([{code, message}], empty when none): duplicates counted as the official script counts them,
 * places where the official script would fail.
 */
export function scoreJson(result: ScoreResult) {
  return { task: result.task, n: result.n, metrics: result.metrics, stderr: result.stderr, warnings: result.warnings ?? [] }
}

function scoreTable(result: ScoreResult): string {
  const lines = [`${result.task}: ${result.n} examples (coverage ${result.coverage.predicted}/${result.coverage.total})`]
  const tokenizer = result.params?.tokenizer
  if (tokenizer && isTokenizerSetting(tokenizer)) lines.push(`  BLEU tokenized as ${tokenizerLabel(tokenizer)}`)
  for (const [name, value] of Object.entries(result.metrics)) {
    const se = result.stderr[name]
    lines.push(`  ${name.padEnd(20)} ${value.toFixed(6)}${se === undefined ? '' : ` ± ${se.toFixed(6)}`}`)
  }
  for (const w of result.warnings ?? []) lines.push(`  warning: ${w.message}`)
  return `${lines.join('\n')}\n`
}
