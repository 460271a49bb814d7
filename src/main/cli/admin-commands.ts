// `podium challenge …` and `podium team …`: the organizer's data, through the same handlers as the UI.
import { resolve } from 'node:path'
import type { CombinationRule } from '../../shared/challenge'
import type { TokenizerSetting } from '../../shared/scoring'
import { parseCommandArgs, withRuntime, requireOption, UsageError } from './args'
import type { Command } from './commands'
import { pickChallenge } from './intake-command'
import { describeRefs } from '../services/team-refs'

export const challengeCommand: Command = {
  name: 'challenge',
  usage:
    'challenge create --name N --slug S --deadline ISO --tag TAG --gold-dir DIR [--combination per-domain|mean] [--tokenizer nltk-3.5|nltk-3.8|nltk-3.9] [--required any|all] | challenge update --challenge ID [--name N] [--deadline ISO] [--tag TAG] [--combination C] [--tokenizer T] [--required any|all]',
  summary: 'create a SIMMC challenge from official gold files, or change its deadline, tag or name',
  async run(argv) {
    const { values, positionals } = parseCommandArgs('challenge', argv, {
      challenge: { type: 'string' },
      name: { type: 'string' },
      slug: { type: 'string' },
      deadline: { type: 'string' },
      tag: { type: 'string' },
      'gold-dir': { type: 'string' },
      combination: { type: 'string' },
      tokenizer: { type: 'string' },
      required: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' }
    })
    const action = positionals[0]
    if (action !== 'create' && action !== 'update') throw new UsageError('challenge: expected `challenge create` or `challenge update`')
    return withRuntime(values.data, async (runtime) => {
      const combination = values.combination as CombinationRule | undefined
      // Checked by the handler, like combination: the same message for the UI and the CLI.
      const tokenizer = values.tokenizer as TokenizerSetting | undefined
      const required = values.required as 'all' | 'any' | undefined
      const challenge =
        action === 'create'
          ? await runtime.handlers['challenges.create']({
              name: requireOption('challenge', values, 'name'),
              slug: requireOption('challenge', values, 'slug'),
              deadline: requireOption('challenge', values, 'deadline'),
              entryTag: requireOption('challenge', values, 'tag'),
              goldDir: resolve(requireOption('challenge', values, 'gold-dir')),
              ...(combination ? { combination } : {}),
              ...(tokenizer ? { tokenizer } : {}),
              ...(required ? { required } : {})
            })
          : await runtime.handlers['challenges.update']({
              challengeId: pickChallenge(runtime, 'challenge', values.challenge).id,
              ...(values.name ? { name: values.name } : {}),
              ...(values.deadline ? { deadline: values.deadline } : {}),
              ...(values.tag ? { entryTag: values.tag } : {}),
              ...(combination ? { combination } : {}),
              ...(tokenizer ? { tokenizer } : {}),
              ...(required ? { required } : {})
            })
      process.stdout.write(
        values.json
          ? `${JSON.stringify(challenge, null, 2)}\n`
          : `${action === 'create' ? 'Created' : 'Updated'} challenge ${challenge.id} (${challenge.slug}): deadline ${challenge.deadline}, tag ${challenge.entryTag}\n`
      )
      return 0
    })
  }
}

export const teamCommand: Command = {
  name: 'team',
  usage:
    'team add --challenge ID --name N --repo URL|PATH [--contact EMAIL] [--baseline] [--predictions-ref REF]... | team update --challenge ID --team NAME (--predictions-ref REF... | --predictions-head) | team choose-file --challenge ID --team NAME --file NAME (--path PATH | --clear)',
  summary:
    'add a team (or a baseline) to a challenge, set where its predictions live (refs searched in order), or pick one copy of a prediction file',
  async run(argv) {
    const { values, positionals } = parseCommandArgs('team', argv, {
      challenge: { type: 'string' },
      name: { type: 'string' },
      team: { type: 'string' },
      repo: { type: 'string' },
      contact: { type: 'string' },
      baseline: { type: 'boolean' },
      'predictions-ref': { type: 'string', multiple: true },
      'predictions-head': { type: 'boolean' },
      file: { type: 'string' },
      path: { type: 'string' },
      clear: { type: 'boolean' },
      data: { type: 'string' }
    })
    const action = positionals[0]
    if (action !== 'add' && action !== 'update' && action !== 'choose-file')
      throw new UsageError('team: expected `team add`, `team update` or `team choose-file`')
    const refs = values['predictions-ref'] ?? []
    return withRuntime(values.data, async (runtime) => {
      const challengeId = pickChallenge(runtime, 'team', values.challenge).id
      if (action === 'add') {
        const team = await runtime.handlers['teams.add']({
          challengeId,
          name: requireOption('team', values, 'name'),
          repo: requireOption('team', values, 'repo'),
          contact: values.contact ?? '',
          isBaseline: values.baseline ?? false,
          ...(refs.length > 0 ? { predictionRefs: refs } : {})
        })
        process.stdout.write(`Added ${team.name} as ${team.anonId}; predictions from ${describeRefs(team.predictionRefs)}\n`)
        return 0
      }
      const name = requireOption('team', values, 'team')
      const found = (await runtime.handlers['teams.list']({ challengeId })).find((t) => t.name === name)
      if (!found) throw new UsageError(`team: no team named "${name}" in challenge ${challengeId}`)
      if (action === 'update') {
        if (refs.length > 0 === (values['predictions-head'] === true))
          throw new UsageError('team update: give --predictions-ref REF (repeatable) or --predictions-head')
        const team = await runtime.handlers['teams.update']({ teamId: found.id, predictionRefs: refs })
        process.stdout.write(`${team.name}: predictions from ${describeRefs(team.predictionRefs)} (used by the next intake)\n`)
        return 0
      }
      const file = requireOption('team', values, 'file')
      if ((values.path !== undefined) === (values.clear === true)) throw new UsageError('team choose-file: give --path PATH or --clear')
      const team = await runtime.handlers['teams.choosePredictionFile']({ teamId: found.id, file, path: values.path ?? null })
      const chosen = team.predictionChoices[file]
      process.stdout.write(
        `${team.name}: ${file} ${chosen ? `taken from ${chosen}` : 'chosen by the gold again'} (used by the next intake)\n`
      )
      return 0
    })
  }
}
