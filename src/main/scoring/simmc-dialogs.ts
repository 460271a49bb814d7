// The shapes the SIMMC files share. Gold: a list of dialogs, each an id and a list of rounds.
// Predictions: `[{dialog_id, <list>: [{turn_id, ...}]}]`. One reader for each validates ids,
// duplicates and turn ranges for every task, with JSON paths.
import type { ScoreWarning } from '../../shared/scoring'
import { InputError } from './input-error'
import { arrayField, asArray, asObject, idField, idKey, integerField, Loc, parseJson, type JsonObject } from './json-input'

/**
 * Gold dialogs by id key: `dialogs` is the list (at `listLoc`), each entry has its id in
 * `idFieldName` and its rounds in `roundsField`, read by `readRound`. Ids must be unique.
 */
export function readGoldDialogs<R>(
  dialogs: unknown[],
  listLoc: Loc,
  idFieldName: string,
  roundsField: string,
  readRound: (round: JsonObject, loc: Loc) => R
): Map<string, { id: number | string; rounds: R[] }> {
  const byId = new Map<string, { id: number | string; rounds: R[] }>()
  dialogs.forEach((d, i) => {
    const loc = listLoc.at(i)
    const obj = asObject(d, loc)
    const id = idField(obj, idFieldName, loc)
    if (byId.has(idKey(id))) throw loc.at(idFieldName).error(`duplicate dialog id ${JSON.stringify(id)}`)
    const rounds = arrayField(obj, roundsField, loc).map((r, j) => {
      const roundLoc = loc.at(roundsField, j)
      return readRound(asObject(r, roundLoc), roundLoc)
    })
    byId.set(idKey(id), { id, rounds })
  })
  return byId
}

export interface GoldRounds {
  id: number | string
  rounds: readonly unknown[]
}

/** Where a predicted turn came from: its gold dialog, its turn, and the earlier copy it repeats. */
export interface PredictedTurnMeta<G> {
  loc: Loc
  dialog: G
  turn: number
  /** The first prediction of the same dialog turn when this one repeats it; null otherwise. */
  firstLoc: Loc | null
}

/**
 * Reads every turn entry (whatever single-round evaluation keeps, so a broken file is
 * always reported) and returns them in file order, as the official scripts iterate them.
 * `turn_id` indexes the gold rounds by position, as the official scripts do. A turn
 * predicted twice is kept twice (the official scripts score every prediction they are
 * given); the repeat carries `firstLoc`, for the warning.
 */
export function readPredictedTurns<G extends GoldRounds, T>(
  text: string,
  file: string,
  gold: ReadonlyMap<string, G>,
  goldName: string,
  listKey: string,
  read: (entry: JsonObject, loc: Loc, dialog: G, turn: number) => T
): Array<T & PredictedTurnMeta<G>> {
  const root = new Loc(file)
  const seen = new Map<string, Map<number, Loc>>()
  const out: Array<T & PredictedTurnMeta<G>> = []
  const dialogs = asArray(parseJson(text, file), root, 'an array of dialogs')
  for (let i = 0; i < dialogs.length; i++) {
    const loc = root.at(i)
    const obj = asObject(dialogs[i], loc)
    const id = idField(obj, 'dialog_id', loc)
    const dialog = gold.get(idKey(id))
    if (!dialog) throw loc.at('dialog_id').error(`unknown dialog id ${JSON.stringify(id)} (not in ${goldName})`)
    let turns = seen.get(idKey(id))
    if (!turns) seen.set(idKey(id), (turns = new Map<number, Loc>()))
    const entries = arrayField(obj, listKey, loc)
    for (let j = 0; j < entries.length; j++) {
      const pLoc = loc.at(listKey, j)
      const entry = asObject(entries[j], pLoc)
      const turn = integerField(entry, 'turn_id', pLoc)
      if (turn < 0 || turn >= dialog.rounds.length) {
        throw pLoc.at('turn_id').error(`turn ${turn} out of range (dialog ${dialog.id} has ${dialog.rounds.length} turns in ${goldName})`)
      }
      const firstLoc = turns.get(turn) ?? null
      if (!firstLoc) turns.set(turn, pLoc)
      // Extended in place rather than spread into a copy: one object per prediction.
      const predicted = read(entry, pLoc, dialog, turn) as T & PredictedTurnMeta<G>
      predicted.loc = pLoc
      predicted.dialog = dialog
      predicted.turn = turn
      predicted.firstLoc = firstLoc
      out.push(predicted)
    }
  }
  return out
}

/**
 * The last gold round of each dialog only (official `--single_round_evaluation`), or every prediction.
 * Nothing left to score is refused, naming the predictions file.
 */
export function keepScored<G extends GoldRounds, P extends PredictedTurnMeta<G>>(
  preds: readonly P[],
  singleRound: boolean,
  predName: string
): P[] {
  const scored = singleRound ? preds.filter((p) => p.turn === p.dialog.rounds.length - 1) : [...preds]
  if (scored.length === 0) {
    const why = singleRound && preds.length > 0 ? ' for the last round of any dialog (single-round evaluation)' : ''
    throw new InputError(predName, '', `no predictions to score${why}`)
  }
  return scored
}

/** Distinct gold turns among the scored predictions (coverage counts a duplicated turn once). */
export function distinctTurns(preds: ReadonlyArray<PredictedTurnMeta<GoldRounds>>): number {
  return preds.filter((p) => p.firstLoc === null).length
}

/**
 * "2 duplicate predictions counted twice, as the official script does", with where they are;
 * null when no scored prediction repeats another. Only what is scored is counted: a
 * duplicate that single-round evaluation skips changes nothing.
 */
export function duplicateWarning(preds: ReadonlyArray<PredictedTurnMeta<GoldRounds>>): ScoreWarning | null {
  const repeats = preds.filter((p) => p.firstLoc !== null)
  if (repeats.length === 0) return null
  const copies = new Map<string, number>()
  for (const p of preds) {
    const k = `${idKey(p.dialog.id)}#${p.turn}`
    copies.set(k, (copies.get(k) ?? 0) + 1)
  }
  const max = Math.max(...copies.values())
  const how = max === 2 ? 'counted twice' : 'each copy counted'
  const shown = repeats
    .slice(0, 5)
    .map((p) => `dialog ${p.dialog.id} turn ${p.turn} at ${p.loc.text} (first at ${p.firstLoc!.text})`)
    .join('; ')
  const more = repeats.length > 5 ? `; and ${repeats.length - 5} more` : ''
  const s = repeats.length === 1 ? '' : 's'
  return {
    code: 'duplicate-predictions',
    message: `${repeats.length} duplicate prediction${s} ${how}, as the official script does (it scores every prediction it is given): ${shown}${more}`
  }
}
