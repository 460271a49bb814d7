// Creating and editing challenges: the organizer's own data, checked before it is stored.
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ApiError } from '../../shared/api'
import type { Challenge, ChallengeUpdate, CombinationRule, NewChallengeRequest } from '../../shared/challenge'
import { DEFAULT_TOKENIZER, isTokenizerSetting, TOKENIZER_SETTINGS, type TokenizerSetting } from '../../shared/scoring'
import { simmcChallengeConfig } from '../../shared/simmc'
import type { Store } from '../db/store'
import { parseDeadline } from '../intake/deadline'
import { expandDomain } from './scoring-plan'
import { errorText } from '../../shared/error-text'

const bad = (message: string): never => {
  throw new ApiError('BAD_REQUEST', message)
}

function checkDeadline(deadline: string): string {
  try {
    return parseDeadline(deadline).iso
  } catch (error) {
    return bad(`deadline: ${errorText(error)}`)
  }
}

function checkCombination(value: unknown): CombinationRule | undefined {
  if (value === undefined) return undefined
  if (value !== 'per-domain' && value !== 'mean') return bad('combination must be "per-domain" or "mean"')
  return value
}

function checkTokenizer(value: unknown): TokenizerSetting | undefined {
  if (value === undefined) return undefined
  if (!isTokenizerSetting(value)) return bad(`tokenizer must be one of ${TOKENIZER_SETTINGS.join(', ')} (got ${JSON.stringify(value)})`)
  return value
}

function checkRequired(value: unknown): 'all' | 'any' | undefined {
  if (value === undefined) return undefined
  if (value !== 'all' && value !== 'any') return bad('required must be "all" (every category) or "any" (partial entries)')
  return value
}

/** A SIMMC challenge: gold files are copied into the data dir so later edits elsewhere change nothing. */
export function createSimmcChallenge(store: Store, dataDir: string, req: NewChallengeRequest): Challenge {
  const name = String(req.name ?? '').trim() || bad('name: a challenge needs a name')
  const slug = String(req.slug ?? '')
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) bad(`slug "${slug}": use 2-63 lowercase letters, digits and dashes`)
  if (store.challenges.getBySlug(slug)) throw new ApiError('CONFLICT', `a challenge "${slug}" already exists`)
  const entryTag = String(req.entryTag ?? '').trim() || bad('entryTag: name the tag teams must create')
  const deadline = checkDeadline(String(req.deadline ?? ''))
  const goldRelative = join('challenges', slug, 'gold')
  const required = checkRequired(req.required)
  const config = {
    ...simmcChallengeConfig(goldRelative),
    combination: checkCombination(req.combination) ?? 'per-domain',
    tokenizer: checkTokenizer(req.tokenizer) ?? DEFAULT_TOKENIZER,
    ...(required ? { required } : {})
  }

  const expected = config.domains.flatMap((domain) => config.categories.map((c) => ({ domain, name: expandDomain(c.gold, domain) })))
  const missing = expected.map((f) => join(req.goldDir, f.domain, f.name)).filter((path) => !existsSync(path))
  if (missing.length) bad(`gold files missing: ${missing.join(', ')}`)
  const notFiles = expected.map((f) => join(req.goldDir, f.domain, f.name)).filter((path) => !statSync(path).isFile())
  if (notFiles.length) bad(`gold files must be regular files: ${notFiles.join(', ')}`)
  // An empty gold file would score every team 0 (or refuse them all) long after the challenge was set up.
  const empty = expected.map((f) => join(req.goldDir, f.domain, f.name)).filter((path) => readFileSync(path, 'utf8').trim() === '')
  if (empty.length) bad(`gold files are empty: ${empty.join(', ')}`)

  // Only the official files, each copied by content: a symlink becomes a copy of the file it points at
  // (a later change there changes nothing here), and nothing else in the folder comes along.
  const target = join(dataDir, goldRelative)
  rmSync(target, { recursive: true, force: true })
  const followed: string[] = []
  for (const { domain, name } of expected) {
    const source = join(req.goldDir, domain, name)
    mkdirSync(join(target, domain), { recursive: true })
    copyFileSync(source, join(target, domain, name))
    if (lstatSync(source).isSymbolicLink()) followed.push(`${domain}/${name} → ${realpathSync(source)}`)
  }
  try {
    const id = store.db.transaction(() => {
      const challengeId = store.challenges.insert({
        slug,
        name,
        kind: 'simmc',
        deadline,
        entryTag,
        config,
        anonSeed: randomBytes(16).toString('hex')
      })
      const links = followed.length ? `; symbolic links copied by content: ${followed.join(', ')}` : ''
      store.audit.record({ challengeId, action: 'challenge.created', detail: `gold from ${req.goldDir}${links}` })
      return challengeId
    })()
    return store.challenges.get(id)!
  } catch (error) {
    rmSync(target, { recursive: true, force: true })
    throw error
  }
}

export function updateChallenge(store: Store, req: ChallengeUpdate): Challenge {
  const current = store.challenges.get(req.challengeId) ?? bad(`challenge ${req.challengeId} does not exist`)
  const next = {
    name: req.name === undefined ? current.name : String(req.name).trim() || bad('name cannot be empty'),
    deadline: req.deadline === undefined ? current.deadline : checkDeadline(req.deadline),
    entryTag: req.entryTag === undefined ? current.entryTag : String(req.entryTag).trim() || bad('entryTag cannot be empty'),
    config: {
      ...current.config,
      combination: checkCombination(req.combination) ?? current.config.combination,
      ...tokenizerUpdate(current, checkTokenizer(req.tokenizer)),
      ...(req.required !== undefined ? { required: checkRequired(req.required) } : {})
    }
  }
  const changes = (['name', 'deadline', 'entryTag'] as const)
    .filter((k) => next[k] !== current[k])
    .map((k) => `${k}: ${current[k]} → ${next[k]}`)
  if (next.config.combination !== current.config.combination) {
    changes.push(`combination: ${current.config.combination} → ${next.config.combination}`)
  }
  if (next.config.tokenizer !== current.config.tokenizer) {
    // Stored evaluations keep the tokenizer they were scored with until the team is scored again.
    changes.push(`tokenizer: ${current.config.tokenizer ?? DEFAULT_TOKENIZER} → ${next.config.tokenizer}`)
  }
  if ((next.config.required ?? 'any') !== (current.config.required ?? 'any')) {
    changes.push(`required: ${current.config.required ?? 'any'} → ${next.config.required ?? 'any'}`)
  }
  store.db.transaction(() => {
    store.challenges.update(current.id, next)
    store.audit.record({ challengeId: current.id, action: 'challenge.updated', detail: changes.join('; ') || 'no change' })
  })()
  return store.challenges.get(current.id)!
}

/** A tokenizer change; a challenge stored before the setting existed keeps no field until one is chosen. */
function tokenizerUpdate(current: Challenge, tokenizer: TokenizerSetting | undefined): { tokenizer?: TokenizerSetting } {
  const value = tokenizer ?? current.config.tokenizer
  return value ? { tokenizer: value } : {}
}
