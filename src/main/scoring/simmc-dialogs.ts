// The shapes the SIMMC files share. Gold: a list of dialogs, each an id and a list of rounds.
// Predictions: `[{dialog_id, <list>: [{turn_id, ...}]}]`. One reader for each validates ids,
// duplicates and turn ranges for every task, with JSON paths.
import { asArray, asId, asInteger, asObject, field, idKey, Loc, parseJson, type JsonObject } from './json-input'

/**
 * Gold dialogs by id key: `dialogs` is the list (at `listLoc`), each entry has its id in
 * `idField` and its rounds in `roundsField`, read by `readRound`. Ids must be unique.
 */
export function readGoldDialogs<R>(
  dialogs: unknown[],
  listLoc: Loc,
  idField: string,
  roundsField: string,
  readRound: (round: JsonObject, loc: Loc) => R
): Map<string, { id: number | string; rounds: R[] }> {
  const byId = new Map<string, { id: number | string; rounds: R[] }>()
  dialogs.forEach((d, i) => {
    const loc = listLoc.at(i)
    const obj = asObject(d, loc)
    const id = asId(field(obj, idField, loc), loc.at(idField))
    if (byId.has(idKey(id))) throw loc.at(idField).error(`duplicate dialog id ${JSON.stringify(id)}`)
    const rounds = asArray(field(obj, roundsField, loc), loc.at(roundsField)).map((r, j) => {
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

/**
 * Reads every turn entry (whatever single-round evaluation keeps, so a broken file is
 * always reported) and returns them by dialog key and turn, in file order. `turn_id`
 * indexes the gold rounds by position, as the official scripts do.
 */
export function readPredictedTurns<G extends GoldRounds, T>(
  text: string,
  file: string,
  gold: ReadonlyMap<string, G>,
  goldName: string,
  listKey: string,
  read: (entry: JsonObject, loc: Loc, dialog: G, turn: number) => T
): Map<string, Map<number, T & { loc: Loc }>> {
  const root = new Loc(file)
  const byTurn = new Map<string, Map<number, T & { loc: Loc }>>()
  asArray(parseJson(text, file), root, 'an array of dialogs').forEach((d, i) => {
    const loc = root.at(i)
    const obj = asObject(d, loc)
    const id = asId(field(obj, 'dialog_id', loc), loc.at('dialog_id'))
    const dialog = gold.get(idKey(id))
    if (!dialog) throw loc.at('dialog_id').error(`unknown dialog id ${JSON.stringify(id)} (not in ${goldName})`)
    const turns = byTurn.get(idKey(id)) ?? new Map<number, T & { loc: Loc }>()
    byTurn.set(idKey(id), turns)
    asArray(field(obj, listKey, loc), loc.at(listKey)).forEach((p, j) => {
      const pLoc = loc.at(listKey, j)
      const entry = asObject(p, pLoc)
      const turn = asInteger(field(entry, 'turn_id', pLoc), pLoc.at('turn_id'))
      if (turn < 0 || turn >= dialog.rounds.length) {
        throw pLoc.at('turn_id').error(`turn ${turn} out of range (dialog ${dialog.id} has ${dialog.rounds.length} turns in ${goldName})`)
      }
      const first = turns.get(turn)
      if (first) throw pLoc.at('turn_id').error(`duplicate prediction for dialog ${dialog.id} turn ${turn} (first at ${first.loc.text})`)
      turns.set(turn, { ...read(entry, pLoc, dialog, turn), loc: pLoc })
    })
  })
  return byTurn
}
