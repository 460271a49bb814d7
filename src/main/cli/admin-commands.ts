// `podium challenge …` and `podium team …`: the organizer's data, through the same handlers as the UI.
import { resolve } from 'node:path'
import type { CombinationRule } from '../../shared/challenge'
import type { TokenizerSetting } from '../../shared/scoring'
import { parseCommandArgs, withRuntime, requireOption, UsageError } from './args'
import type { Command } from './commands'
import { pickChallenge } from './intake-command'

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
  usage: 'team add --challenge ID --name N --repo URL|PATH [--contact EMAIL] [--baseline]',
  summary: 'add a team (or a baseline) to a challenge; its anonymous id is assigned at once',
  async run(argv) {
    const { values, positionals } = parseCommandArgs('team', argv, {
      challenge: { type: 'string' },
      name: { type: 'string' },
      repo: { type: 'string' },
      contact: { type: 'string' },
      baseline: { type: 'boolean' },
      data: { type: 'string' }
    })
    if (positionals[0] !== 'add') throw new UsageError('team: expected `team add`')
    return withRuntime(values.data, async (runtime) => {
      const team = await runtime.handlers['teams.add']({
        challengeId: pickChallenge(runtime, 'team', values.challenge).id,
        name: requireOption('team', values, 'name'),
        repo: requireOption('team', values, 'repo'),
        contact: values.contact ?? '',
        isBaseline: values.baseline ?? false
      })
      process.stdout.write(`Added ${team.name} as ${team.anonId}\n`)
      return 0
    })
  }
}
