import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { simmcChallengeConfig } from '../../shared/simmc'
import { parseDeadline } from '../intake/deadline'
import { checkRepo } from '../intake/check-repo'
import { predictionValidator, requiredFilePatterns, requiredMode } from '../services/prediction-files'
import { defineCommand, flag, text, texts } from './define-command'
import { errorText } from '../../shared/error-text'

export const checkRepoCommand = defineCommand({
  name: 'check-repo',
  usage: '--repo URL|PATH --tag TAG --deadline ISO [--predictions-ref REF]... [--gold-dir DIR] [--witness OBJ:COMMIT] --json',
  summary: 'check one repository: tag, dates against the deadline, provenance, files, licence',
  options: { repo: text, tag: text, deadline: text, 'predictions-ref': texts, 'gold-dir': text, witness: text, json: flag },
  async run({ values, required, fail }) {
    const repo = required('repo')
    const tag = required('tag')
    const deadline = required('deadline')
    try {
      parseDeadline(deadline)
    } catch (error) {
      fail(`--deadline: ${errorText(error)}`)
    }
    const witness = values.witness?.split(':')
    if (witness && (witness.length !== 2 || !witness.every((sha) => /^[0-9a-f]{40}$/.test(sha)))) {
      fail('--witness must be TAG_OBJECT_SHA:COMMIT_SHA (40 hex digits each)')
    }
    // SIMMC file names: required once predictions are named, validated against gold when given.
    const config = simmcChallengeConfig('')
    // Several refs are searched in order (e.g. one tag per subtask).
    const predictionsRefs = values['predictions-ref'] ?? []
    const workDir = mkdtempSync(join(tmpdir(), 'podium-check-'))
    try {
      const report = await checkRepo({
        repo,
        tag,
        deadline,
        workDir: join(workDir, 'repo.git'),
        modelGlobs: config.modelGlobs,
        ...(predictionsRefs.length > 0
          ? {
              predictionsRefs,
              requiredFiles: requiredFilePatterns(config),
              required: requiredMode(config),
              validatePrediction: predictionValidator(config, values['gold-dir'] ? resolve(values['gold-dir']) : null)
            }
          : {}),
        ...(witness ? { witness: { tagObject: witness[0]!, commit: witness[1]!, seenAt: 'given on the command line' } } : {})
      })
      if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
      else {
        process.stdout.write(`${report.ok ? 'OK' : 'NOT OK'}: ${repo} at ${tag}\n`)
        for (const p of report.problems) process.stdout.write(`  ${p.severity.padEnd(7)} ${p.code}: ${p.message}\n`)
      }
      return 0
    } finally {
      rmSync(workDir, { recursive: true, force: true })
    }
  }
})
