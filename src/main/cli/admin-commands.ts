// `podium challenge …` and `podium team …`: the organizer's data, through the same handlers as the UI.
import { resolve } from 'node:path'
import type { CombinationRule } from '../../shared/challenge'
import type { TokenizerSetting } from '../../shared/scoring'
import { defineCommand, flag, text } from './define-command'

export const challengeCommand = defineCommand({
  name: 'challenge',
  usage:
    'create --name N --slug S --deadline ISO --tag TAG --gold-dir DIR [--combination per-domain|mean] [--tokenizer nltk-3.5|nltk-3.8|nltk-3.9] [--required any|all] | update --challenge ID [--name N] [--deadline ISO] [--tag TAG] [--combination C] [--tokenizer T] [--required any|all]',
  summary: 'create a SIMMC challenge from official gold files, or change its deadline, tag or name',
  actions: ['create', 'update'],
  options: {
    challenge: text,
    name: text,
    slug: text,
    deadline: text,
    tag: text,
    'gold-dir': text,
    combination: text,
    tokenizer: text,
    required: text,
    data: text,
    json: flag
  },
  async run({ values, action, required, withRuntime, challenge: pick }) {
    return withRuntime(async (runtime) => {
      // Checked by the handler: the same messages for the UI and the CLI.
      const settings = {
        ...(values.combination ? { combination: values.combination as CombinationRule } : {}),
        ...(values.tokenizer ? { tokenizer: values.tokenizer as TokenizerSetting } : {}),
        ...(values.required ? { required: values.required as 'all' | 'any' } : {})
      }
      const challenge =
        action === 'create'
          ? await runtime.handlers['challenges.create']({
              name: required('name'),
              slug: required('slug'),
              deadline: required('deadline'),
              entryTag: required('tag'),
              goldDir: resolve(required('gold-dir')),
              ...settings
            })
          : await runtime.handlers['challenges.update']({
              challengeId: pick(runtime).id,
              ...(values.name ? { name: values.name } : {}),
              ...(values.deadline ? { deadline: values.deadline } : {}),
              ...(values.tag ? { entryTag: values.tag } : {}),
              ...settings
            })
      process.stdout.write(
        values.json
          ? `${JSON.stringify(challenge, null, 2)}\n`
          : `${action === 'create' ? 'Created' : 'Updated'} challenge ${challenge.id} (${challenge.slug}): deadline ${challenge.deadline}, tag ${challenge.entryTag}\n`
      )
      return 0
    })
  }
})

export const teamCommand = defineCommand({
  name: 'team',
  usage: 'add --challenge ID --name N --repo URL|PATH [--contact EMAIL] [--baseline]',
  summary: 'add a team (or a baseline) to a challenge; its anonymous id is assigned at once',
  actions: ['add'],
  options: { challenge: text, name: text, repo: text, contact: text, baseline: flag, data: text },
  async run({ values, required, withRuntime, challenge }) {
    return withRuntime(async (runtime) => {
      const team = await runtime.handlers['teams.add']({
        challengeId: challenge(runtime).id,
        name: required('name'),
        repo: required('repo'),
        contact: values.contact ?? '',
        isBaseline: values.baseline ?? false
      })
      process.stdout.write(`Added ${team.name} as ${team.anonId}\n`)
      return 0
    })
  }
})
