// Generates SIMMC-format gold files and team predictions of a chosen quality.
// Used by the demo challenge and the benchmarks; formats follow the official
// devtest files (see ../shared/parity/cases). Synthetic text: words are meaningless.
import { createRandom, type Random } from '../random'

export type Domain = 'fashion' | 'furniture'

const ACTIONS: Record<Domain, string[]> = {
  fashion: ['SearchDatabase', 'SearchMemory', 'SpecifyInfo', 'AddToCart', 'None'],
  furniture: ['SearchFurniture', 'FocusOnFurniture', 'SpecifyInfo', 'Rotate', 'NavigateCarousel', 'AddToCart', 'None']
}
const FASHION_ATTRIBUTES = ['size', 'brand', 'color', 'price', 'pattern', 'sleeveLength', 'material', 'customerRating', 'dressStyle']
const FURNITURE_ARGS: Record<string, Array<Record<string, string>>> = {
  NavigateCarousel: [{ navigateDirection: 'Next' }, { navigateDirection: 'Previous' }],
  Rotate: [{ direction: 'left' }, { direction: 'right' }, { direction: 'up' }, { direction: 'back' }],
  FocusOnFurniture: [{ position: '0' }, { position: '1' }, { position: 'center' }, { position: 'right' }],
  SearchFurniture: [
    { furnitureType: 'Sofas', color: 'Black' },
    { furnitureType: 'Chairs', color: 'Brown' }
  ]
}
const WORDS = (
  'the blue jacket red dress sofa chair lamp table wood leather brand price size color pattern ' +
  'this that one it looks great nice would you like to see do have any else cheaper larger ' +
  'yes no sure okay here is available in stock $199 $1,299.99 costs inches wide made of oak'
).split(' ')
const DIALOG_ACTS = [
  'DA:ASK:CHECK:SOFA',
  'DA:INFORM:PREFER:DRESS',
  'DA:REQUEST:ADD_TO_CART:CHAIR',
  'ERR:CHITCHAT',
  'DA:INFORM:DISPREFER:LAMP'
]
const SLOTS = ['fashion-color', 'fashion-brand', 'fashion-price', 'furniture-type', 'furniture-material']
const VALUES = ['blue', 'red', 'leather', 'wood oak', 'under 200', 'brand x']
export const RETRIEVAL_CANDIDATES = 100

interface Turn {
  user: string
  system: string
  action: string
  supervision: Record<string, unknown> | null
  belief: Array<{ act: string; slots: Array<[string, string]> }>
  candidates: number[]
  gtIndex: number
}

export interface GoldDialog {
  id: number
  turns: Turn[]
}

export interface GoldSet {
  domain: Domain
  dialogs: GoldDialog[]
}

const sentence = (rng: Random, min: number, max: number): string => {
  const words = Array.from({ length: rng.int(min, max) }, () => rng.pick(WORDS))
  return `${words.join(' ')}${rng.pick(['.', '?', '!', '.'])}`
}

function supervisionFor(rng: Random, domain: Domain, action: string): Record<string, unknown> | null {
  if (action === 'None' || (domain === 'furniture' && !FURNITURE_ARGS[action] && action !== 'SpecifyInfo')) return null
  if (domain === 'fashion') {
    if (action === 'AddToCart') return { args: {} }
    const attributes = rng.shuffle(FASHION_ATTRIBUTES).slice(0, rng.int(0, 3))
    return { args: { attributes } }
  }
  if (action === 'SpecifyInfo') return { args: { attributes: rng.pick(['price', 'material', 'color']) } }
  return { args: { ...rng.pick(FURNITURE_ARGS[action]!) } }
}

export function generateGold(domain: Domain, options: { dialogs: number; seed: string; firstId?: number }): GoldSet {
  const rng = createRandom(`${options.seed}:${domain}:gold`)
  const firstId = options.firstId ?? (domain === 'fashion' ? 2000 : 5000)
  const dialogs = Array.from({ length: options.dialogs }, (_, d): GoldDialog => ({
    id: firstId + d * 3,
    turns: Array.from({ length: rng.int(2, 5) }, (): Turn => {
      const action = rng.pick(ACTIONS[domain])
      return {
        user: sentence(rng, 4, 10),
        system: sentence(rng, 5, 14),
        action,
        supervision: supervisionFor(rng, domain, action),
        belief: Array.from({ length: rng.int(1, 2) }, () => ({
          act: rng.pick(DIALOG_ACTS),
          slots: Array.from({ length: rng.int(0, 2) }, (): [string, string] => [rng.pick(SLOTS), rng.pick(VALUES)])
        })),
        candidates: Array.from({ length: RETRIEVAL_CANDIDATES }, () => rng.int(0, 4999)),
        gtIndex: rng.int(0, RETRIEVAL_CANDIDATES - 1)
      }
    })
  }))
  return { domain, dialogs }
}

const beliefText = (belief: Turn['belief']): string =>
  belief.map((f) => `${f.act} [ ${f.slots.map(([s, v]) => `${s} = ${v}`).join(', ')} ]`).join(' ')

const dstLine = (dialog: GoldDialog, upTo: number, belief: Turn['belief'], response: string): string => {
  const context = dialog.turns
    .slice(0, upTo + 1)
    .map((t, i) => (i < upTo ? `User : ${t.user} System : ${t.system}` : `User : ${t.user}`))
    .join(' ')
  return `${context} => Belief State : ${beliefText(belief)} <EOB> ${response} <EOS>`
}

/** The four official gold files of one domain, as file name → contents. */
export function goldFiles(gold: GoldSet): Record<string, string> {
  const { domain, dialogs } = gold
  return {
    [`${domain}_teststd_dials_api_calls.json`]: JSON.stringify(
      dialogs.map((d) => ({
        dialog_id: d.id,
        actions: d.turns.map((t, i) => ({ turn_idx: i, action: t.action, action_supervision: t.supervision }))
      }))
    ),
    [`${domain}_teststd_dials.json`]: JSON.stringify({
      split: 'teststd',
      domain,
      dialogue_data: dialogs.map((d) => ({
        dialogue_idx: d.id,
        dialogue: d.turns.map((t, i) => ({ turn_idx: i, transcript: t.user, system_transcript: t.system }))
      }))
    }),
    [`${domain}_teststd_dials_retrieval_candidates.json`]: JSON.stringify({
      retrieval_candidates: dialogs.map((d) => ({
        dialogue_idx: d.id,
        retrieval_candidates: d.turns.map((t, i) => ({
          turn_idx: i,
          gt_index: t.gtIndex,
          retrieval_candidates: t.candidates
        }))
      }))
    }),
    [`${domain}_teststd_dst_target.txt`]: dialogs
      .flatMap((d) => d.turns.map((t, i) => dstLine(d, i, t.belief, t.system)))
      .join('\n')
      .concat('\n')
  }
}

/** Predictions of a team whose answers are right with probability `quality` (0..1). */
export function predictionFiles(gold: GoldSet, options: { quality: number; seed: string }): Record<string, string> {
  const { domain, dialogs } = gold
  const rng = createRandom(`${options.seed}:${domain}:pred`)
  const q = options.quality
  const actions = ACTIONS[domain]
  const wrong = <T>(right: T, options: readonly T[]): T => (rng.chance(q) ? right : rng.pick(options))

  const subtask1 = dialogs.map((d) => ({
    dialog_id: d.id,
    predictions: d.turns.map((t, i) => {
      const action = wrong(t.action, actions)
      const logProbs = Object.fromEntries(actions.map((a) => [a, a === action ? -rng.next() * 0.5 : -1 - rng.next() * 6]))
      const args = (t.supervision?.args ?? {}) as Record<string, unknown>
      const attributes = rng.chance(q) ? { ...args } : (supervisionFor(rng, domain, action)?.args ?? {})
      return { turn_id: i, action, action_log_prob: logProbs, attributes }
    })
  }))
  const generation = dialogs.map((d) => ({
    dialog_id: d.id,
    predictions: d.turns.map((t, i) => ({
      turn_id: i,
      response: t.system
        .split(' ')
        .map((w) => (rng.chance(q) ? w : rng.pick(WORDS)))
        .join(' ')
    }))
  }))
  const retrieval = dialogs.map((d) => ({
    dialog_id: d.id,
    candidate_scores: d.turns.map((t, i) => ({
      turn_id: i,
      scores: t.candidates.map((_, c) => Math.round((rng.normal() + (c === t.gtIndex ? 4 * q : 0)) * 100) / 100)
    }))
  }))
  const dst = dialogs.flatMap((d) =>
    d.turns.map((t, i) => {
      const belief = t.belief
        .filter(() => rng.chance(0.3 + 0.7 * q))
        .map((f) => ({ act: wrong(f.act, DIALOG_ACTS), slots: f.slots.map(([s, v]): [string, string] => [s, wrong(v, VALUES)]) }))
      return dstLine(d, i, belief, t.system)
    })
  )
  const name = (suffix: string): string => `dstc9-simmc-teststd-${domain}-${suffix}`
  return {
    [name('subtask-1.json')]: JSON.stringify(subtask1),
    [name('subtask-2-generation.json')]: JSON.stringify(generation),
    [name('subtask-2-retrieval.json')]: JSON.stringify(retrieval),
    [name('subtask-3.txt')]: dst.join('\n').concat('\n')
  }
}
