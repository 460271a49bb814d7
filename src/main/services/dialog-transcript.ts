// The gold utterances of one dialog, for the Dialog context panel: read from the SIMMC
// dialog-level gold ({domain}_teststd_dials.json: transcript / system_transcript per turn) or
// from the ConvAI2 gold contexts. Pure readers first, the file lookup at the end.
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Challenge } from '../../shared/challenge'
import type { DialogTranscript } from '../../shared/views'
import { readGold as readConvai2Gold } from '../scoring/convai2-format'
import { lenientDialogueData } from '../scoring/dst-format'
import { expandDomain, goldPatternFor } from './scoring-plan'

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/** Dialog `dialogId` of a SIMMC dials file; null when the file has no such dialog. */
export function simmcTranscript(dials: string, dialogId: string): DialogTranscript['turns'] | null {
  const list = lenientDialogueData(dials)
  if (!list) return null
  const dialog = (list as Array<{ dialogue_idx?: unknown; dialogue?: unknown } | null>).find((d) => String(d?.dialogue_idx) === dialogId)
  if (!dialog || !Array.isArray(dialog.dialogue)) return null
  return (dialog.dialogue as Array<Record<string, unknown> | null>).map((t, turn) => ({
    turn,
    user: text(t?.['transcript']),
    system: text(t?.['system_transcript'])
  }))
}

/**
 * The examples of one ConvAI2 dialog (as the scorers group them): each turn's user side is
 * what its context adds after the previous gold reply, its system side the gold reply.
 */
export function convai2Transcript(gold: string, goldName: string, dialogId: string): DialogTranscript['turns'] | null {
  const examples = readConvai2Gold(gold, goldName).examples.filter((g) => g.dialogId === dialogId)
  if (examples.length === 0) return null
  let seen = 0
  return examples.map((g) => {
    const user = g.context.slice(seen).join('\n')
    const system = g.references?.[0] ?? (g.candidates && g.goldIndex !== null ? g.candidates[g.goldIndex]! : '')
    seen = g.context.length + 1
    return { turn: g.turn, user, system }
  })
}

/** Where the dialog's utterances are, for an evaluation of `task` in `domain`. */
function transcriptGold(challenge: Challenge, dataDir: string, task: string, domain: string): string | null {
  const { config } = challenge
  const category = config.categories.find((c) => c.task === task)
  if (!category) return null
  // SIMMC: every subtask's dialogs are in the dials file (the subtask-3 JSON gold).
  const dst = config.categories.find((c) => c.task === 'simmc-st3')
  const pattern = task.startsWith('simmc-') ? (dst ? goldPatternFor(config, dst, 'dialogs.json') : null) : category.gold
  return pattern === null ? null : join(dataDir, config.goldDir, domain, expandDomain(pattern, domain))
}

export function dialogTranscript(challenge: Challenge, dataDir: string, task: string, domain: string, dialogId: string): DialogTranscript {
  const path = transcriptGold(challenge, dataDir, task, domain)
  if (dialogId.startsWith('line ') && task === 'simmc-st3') {
    return {
      source: null,
      turns: [],
      note: 'Examples named by line of the line-format gold: it was scored without a dialog-level gold whose turns add up to its lines (or before Podium grouped lines by dialog; run intake again to group them), so each line stands alone.'
    }
  }
  if (!path || !existsSync(path)) {
    return { source: null, turns: [], note: `No gold file with the dialog's utterances${path ? ` (${basename(path)} not found)` : ''}.` }
  }
  const content = readFileSync(path, 'utf8')
  let turns: DialogTranscript['turns'] | null
  try {
    turns = task.startsWith('simmc-') ? simmcTranscript(content, dialogId) : convai2Transcript(content, basename(path), dialogId)
  } catch {
    turns = null
  }
  if (!turns) return { source: basename(path), turns: [], note: `Dialog ${dialogId} is not in ${basename(path)}.` }
  return { source: basename(path), turns }
}
