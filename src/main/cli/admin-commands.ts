// `podium challenge …` and `podium team …`: the organizer's data, through the same handlers as the UI.
import { resolve } from 'node:path'
import type { CombinationRule } from '../../shared/challenge'
import type { TokenizerSetting } from '../../shared/scoring'
import { describeRefs } from '../services/team-refs'
import { defineCommand, flag, text, texts } from './define-command'

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
  usage:
    'add --challenge ID --name N --repo URL|PATH [--contact EMAIL] [--baseline] [--predictions-ref REF]... | update --challenge ID --team NAME (--predictions-ref REF... | --predictions-head) | choose-file --challenge ID --team NAME --file NAME (--path PATH | --clear)',
  summary:
    'add a team (or a baseline) to a challenge, set where its predictions live (refs searched in order), or pick one copy of a prediction file',
  actions: ['add', 'update', 'choose-file'],
  options: {
    challenge: text,
    name: text,
    team: text,
    repo: text,
    contact: text,
    baseline: flag,
    'predictions-ref': texts,
    'predictions-head': flag,
    file: text,
    path: text,
    clear: flag,
    data: text
  },
  async run({ values, action, required, fail, withRuntime, challenge }) {
    const refs = values['predictions-ref'] ?? []
    return withRuntime(async (runtime) => {
      const challengeId = challenge(runtime).id
      if (action === 'add') {
        const team = await runtime.handlers['teams.add']({
          challengeId,
          name: required('name'),
          repo: required('repo'),
          contact: values.contact ?? '',
          isBaseline: values.baseline ?? false,
          ...(refs.length > 0 ? { predictionRefs: refs } : {})
        })
        process.stdout.write(`Added ${team.name} as ${team.anonId}; predictions from ${describeRefs(team.predictionRefs)}\n`)
        return 0
      }
      const name = required('team')
      const found = (await runtime.handlers['teams.list']({ challengeId })).find((t) => t.name === name)
      if (!found) return fail(`no team named "${name}" in challenge ${challengeId}`)
      if (action === 'update') {
        if (refs.length > 0 === (values['predictions-head'] === true))
          fail('update: give --predictions-ref REF (repeatable) or --predictions-head')
        const team = await runtime.handlers['teams.update']({ teamId: found.id, predictionRefs: refs })
        process.stdout.write(`${team.name}: predictions from ${describeRefs(team.predictionRefs)} (used by the next intake)\n`)
        return 0
      }
      const file = required('file')
      if ((values.path !== undefined) === (values.clear === true)) fail('choose-file: give --path PATH or --clear')
      const team = await runtime.handlers['teams.choosePredictionFile']({ teamId: found.id, file, path: values.path ?? null })
      const chosen = team.predictionChoices[file]
      process.stdout.write(
        `${team.name}: ${file} ${chosen ? `taken from ${chosen}` : 'chosen by the gold again'} (used by the next intake)\n`
      )
      return 0
    })
  }
})
