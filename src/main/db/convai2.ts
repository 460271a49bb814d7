// ConvAI2 wild evaluation tables (migration 002): bots, wild_dialogs, wild_messages,
// wild_ratings. Prepared statements; every multi-row write is one transaction.
import type {
  WildBot,
  WildBotStats,
  WildCloseReason,
  WildDialog,
  WildMessage,
  WildRating,
  WildSender,
  WildStat
} from '../../shared/convai2'
import { mean, stdError } from '../scoring/stats'
import type { Db } from './database'

interface BotRow {
  id: number
  token: string
  team_id: number | null
  name: string
  invalid_count: number
  last_poll_at: string | null
}

export interface WildServerRow {
  port: number
  challenge_id: number | null
  started_at: string
}

export interface DialogRow {
  id: number
  chat_id: number
  bot_id: number
  bot_name: string
  profile_json: string
  opponent_profile_json: string | null
  bot_choice: 0 | 1 | null
  status: 'open' | 'closed'
  close_reason: WildCloseReason | null
  started_at: string
  last_activity_at: string
  closed_at: string | null
  utterances: number
  quality: number | null
  roleplay_choice: 0 | 1 | null
  roleplay_correct: 0 | 1 | null
  rated_at: string | null
}

interface MessageRow {
  dialog_id: number
  message_id: number
  sender: WildSender
  text: string
  sent_at: string
  update_id: number | null
  delivered_at: string | null
  msg_evaluation_json: string | null
  evaluation: 0 | 1 | null
  evaluated_by: number | null
}

/** A human message not yet handed to the bot (to re-queue after a restart). */
export interface PendingUpdate {
  dialogId: number
  chatId: number
  messageId: number
  updateId: number
  text: string
  sentAt: string
}

export interface NewDialog {
  chatId: number
  botId: number
  profile: string[]
  opponentProfile: string[] | null
  /** Position (0/1) of the bot's profile among the role-play choices; null without a decoy. */
  botChoice: 0 | 1 | null
  at: string
  /** The /start message (message 0) and the update that carries it. */
  startText: string
  updateId: number
}

export const toWildBot = (r: BotRow, maxInvalid: number): WildBot => ({
  id: r.id,
  name: r.name,
  token: r.token,
  teamId: r.team_id,
  invalidCount: r.invalid_count,
  blocked: r.invalid_count >= maxInvalid,
  lastPollAt: r.last_poll_at
})

const toMessage = (r: MessageRow): WildMessage => ({
  messageId: r.message_id,
  sender: r.sender,
  text: r.text,
  sentAt: r.sent_at,
  evaluation: r.evaluation,
  evaluatedBy: r.evaluated_by,
  delivered: r.sender === 'bot' || r.delivered_at !== null
})

export function toWildDialog(r: DialogRow): WildDialog {
  const profile = JSON.parse(r.profile_json) as string[]
  const opponent = r.opponent_profile_json === null ? null : (JSON.parse(r.opponent_profile_json) as string[])
  const rating: WildRating | null =
    r.quality === null
      ? null
      : {
          quality: r.quality,
          roleplay: r.roleplay_choice,
          roleplayCorrect: r.roleplay_correct === null ? null : r.roleplay_correct === 1,
          ratedAt: r.rated_at!
        }
  return {
    chatId: r.chat_id,
    botId: r.bot_id,
    botName: r.bot_name,
    status: r.status,
    closeReason: r.close_reason,
    startedAt: r.started_at,
    lastActivityAt: r.last_activity_at,
    closedAt: r.closed_at,
    utterances: r.utterances,
    profile,
    profileChoices: opponent === null ? null : r.bot_choice === 0 ? [profile, opponent] : [opponent, profile],
    rating
  }
}

const DIALOG_SELECT = `
  SELECT d.*, b.name AS bot_name,
         (SELECT count(*) FROM wild_messages m WHERE m.dialog_id = d.id) AS utterances,
         r.quality, r.roleplay_choice, r.roleplay_correct, r.rated_at
  FROM wild_dialogs d
  JOIN bots b ON b.id = d.bot_id
  LEFT JOIN wild_ratings r ON r.dialog_id = d.id`

export function convai2Table(db: Db) {
  const insertBot = db.prepare<{ token: string; name: string; teamId: number | null }, BotRow>(
    `INSERT INTO bots (token, name, team_id) VALUES (@token, @name, @teamId)
     ON CONFLICT (token) DO UPDATE SET name = excluded.name, team_id = excluded.team_id
     RETURNING *`
  )
  const botByToken = db.prepare<[string], BotRow>('SELECT * FROM bots WHERE token = ?')
  const botById = db.prepare<[number], BotRow>('SELECT * FROM bots WHERE id = ?')
  const bots = db.prepare<[], BotRow>('SELECT * FROM bots ORDER BY name, id')
  const incrementInvalid = db.prepare<[number], { invalid_count: number }>(
    'UPDATE bots SET invalid_count = invalid_count + 1 WHERE id = ? RETURNING invalid_count'
  )
  const resetInvalid = db.prepare<[number]>('UPDATE bots SET invalid_count = 0 WHERE id = ?')
  const touchPoll = db.prepare<[string, number]>('UPDATE bots SET last_poll_at = ? WHERE id = ?')
  const serverGet = db.prepare<[], WildServerRow>('SELECT port, challenge_id, started_at FROM wild_server WHERE id = 1')
  const serverSet = db.prepare<{ port: number; challengeId: number | null; at: string }>(
    `INSERT INTO wild_server (id, port, challenge_id, started_at) VALUES (1, @port, @challengeId, @at)
     ON CONFLICT (id) DO UPDATE SET port = excluded.port, challenge_id = excluded.challenge_id, started_at = excluded.started_at`
  )
  const serverClear = db.prepare('DELETE FROM wild_server')

  const chatExists = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM wild_dialogs WHERE chat_id = ?')
  const insertDialog = db.prepare(
    `INSERT INTO wild_dialogs (chat_id, bot_id, profile_json, opponent_profile_json, bot_choice, started_at, last_activity_at)
     VALUES (@chatId, @botId, @profile, @opponent, @botChoice, @at, @at)`
  )
  const insertMessage = db.prepare(
    `INSERT INTO wild_messages (dialog_id, message_id, sender, text, sent_at, update_id, msg_evaluation_json)
     VALUES (@dialogId, @messageId, @sender, @text, @at, @updateId, @msgEvaluation)`
  )
  const touch = db.prepare<[string, number]>('UPDATE wild_dialogs SET last_activity_at = ? WHERE id = ?')
  const setEvaluation = db.prepare<{ dialogId: number; target: number; score: number; by: number }>(
    `UPDATE wild_messages SET evaluation = @score, evaluated_by = @by
     WHERE dialog_id = @dialogId AND message_id = @target AND sender = 'human'`
  )
  const markDelivered = db.prepare<[string, number, number]>(
    'UPDATE wild_messages SET delivered_at = ? WHERE dialog_id = ? AND message_id = ? AND delivered_at IS NULL'
  )
  const close = db.prepare<{ id: number; reason: WildCloseReason; at: string }>(
    `UPDATE wild_dialogs SET status = 'closed', close_reason = @reason, closed_at = @at
     WHERE id = @id AND status = 'open'`
  )
  const insertRating = db.prepare(
    `INSERT INTO wild_ratings (dialog_id, quality, roleplay_choice, roleplay_correct, rated_at)
     VALUES (@dialogId, @quality, @choice, @correct, @at)`
  )
  const dialogByChat = db.prepare<[number], DialogRow>(`${DIALOG_SELECT} WHERE d.chat_id = ?`)
  const dialogsAll = db.prepare<[], DialogRow>(`${DIALOG_SELECT} ORDER BY d.id`)
  const dialogsOfBot = db.prepare<[number], DialogRow>(`${DIALOG_SELECT} WHERE d.bot_id = ? ORDER BY d.id`)
  const openDialogs = db.prepare<[], DialogRow>(`${DIALOG_SELECT} WHERE d.status = 'open' ORDER BY d.id`)
  const messages = db.prepare<[number], MessageRow>('SELECT * FROM wild_messages WHERE dialog_id = ? ORDER BY message_id')
  const pending = db.prepare<[], PendingUpdate>(
    `SELECT m.dialog_id AS dialogId, d.chat_id AS chatId, m.message_id AS messageId, m.update_id AS updateId,
            m.text, m.sent_at AS sentAt
     FROM wild_messages m JOIN wild_dialogs d ON d.id = m.dialog_id
     WHERE d.status = 'open' AND m.sender = 'human' AND m.delivered_at IS NULL
     ORDER BY m.update_id`
  )
  const maxUpdate = db.prepare<[], { n: number | null }>('SELECT max(update_id) AS n FROM wild_messages')
  // A dialog the bot never answered rates nothing of the bot: counted apart, not in the means.
  const ratingsByBot = db.prepare<[], { bot_id: number; quality: number; roleplay_correct: 0 | 1 | null; answered: 0 | 1 }>(
    `SELECT d.bot_id, r.quality, r.roleplay_correct,
            EXISTS (SELECT 1 FROM wild_messages m WHERE m.dialog_id = d.id AND m.sender = 'bot') AS answered
     FROM wild_ratings r JOIN wild_dialogs d ON d.id = r.dialog_id ORDER BY d.id`
  )
  const countsByBot = db.prepare<[], { bot_id: number; dialogs: number; human: number; bot: number; evaluated: number; positive: number }>(
    `SELECT b.id AS bot_id,
            (SELECT count(*) FROM wild_dialogs d WHERE d.bot_id = b.id) AS dialogs,
            (SELECT count(*) FROM wild_messages m JOIN wild_dialogs d ON d.id = m.dialog_id
               WHERE d.bot_id = b.id AND m.sender = 'human') AS human,
            (SELECT count(*) FROM wild_messages m JOIN wild_dialogs d ON d.id = m.dialog_id
               WHERE d.bot_id = b.id AND m.sender = 'bot') AS bot,
            (SELECT count(*) FROM wild_messages m JOIN wild_dialogs d ON d.id = m.dialog_id
               WHERE d.bot_id = b.id AND m.evaluation IS NOT NULL) AS evaluated,
            (SELECT count(*) FROM wild_messages m JOIN wild_dialogs d ON d.id = m.dialog_id
               WHERE d.bot_id = b.id AND m.evaluation = 1) AS positive
     FROM bots b`
  )

  const createDialog = db.transaction((d: NewDialog): number => {
    const id = Number(
      insertDialog.run({
        chatId: d.chatId,
        botId: d.botId,
        profile: JSON.stringify(d.profile),
        opponent: d.opponentProfile === null ? null : JSON.stringify(d.opponentProfile),
        botChoice: d.botChoice,
        at: d.at
      }).lastInsertRowid
    )
    insertMessage.run({
      dialogId: id,
      messageId: 0,
      sender: 'human',
      text: d.startText,
      at: d.at,
      updateId: d.updateId,
      msgEvaluation: null
    })
    return id
  })

  const addHumanMessage = db.transaction((m: { dialogId: number; messageId: number; text: string; at: string; updateId: number }): void => {
    insertMessage.run({ ...m, sender: 'human', msgEvaluation: null })
    touch.run(m.at, m.dialogId)
  })

  const addBotMessage = db.transaction(
    (m: {
      dialogId: number
      messageId: number
      text: string
      at: string
      msgEvaluation: unknown
      evaluation: { target: number; score: 0 | 1 } | null
    }): void => {
      insertMessage.run({
        dialogId: m.dialogId,
        messageId: m.messageId,
        sender: 'bot',
        text: m.text,
        at: m.at,
        updateId: null,
        msgEvaluation: m.msgEvaluation === undefined ? null : JSON.stringify(m.msgEvaluation)
      })
      if (m.evaluation) {
        const changed = setEvaluation.run({ dialogId: m.dialogId, target: m.evaluation.target, score: m.evaluation.score, by: m.messageId })
        if (changed.changes !== 1) throw new Error(`wild: message ${m.evaluation.target} of dialog ${m.dialogId} is not a human message`)
      }
      touch.run(m.at, m.dialogId)
    }
  )

  const delivered = db.transaction((items: ReadonlyArray<{ dialogId: number; messageId: number }>, at: string): void => {
    for (const item of items) markDelivered.run(at, item.dialogId, item.messageId)
  })

  const rate = db.transaction(
    (r: { dialogId: number; quality: number; choice: 0 | 1 | null; correct: boolean | null; at: string }): void => {
      close.run({ id: r.dialogId, reason: 'ended', at: r.at })
      insertRating.run({
        dialogId: r.dialogId,
        quality: r.quality,
        choice: r.choice,
        correct: r.correct === null ? null : r.correct ? 1 : 0,
        at: r.at
      })
    }
  )

  return {
    /** Registers a bot, or renames / re-assigns the one with that token. */
    upsertBot(bot: { token: string; name: string; teamId?: number | null }): BotRow {
      return insertBot.get({ token: bot.token, name: bot.name, teamId: bot.teamId ?? null })!
    },
    botByToken: (token: string): BotRow | undefined => botByToken.get(token),
    botById: (id: number): BotRow | undefined => botById.get(id),
    bots: (): BotRow[] => bots.all(),
    /** One more refused message; returns the new count. */
    incrementInvalid: (botId: number): number => incrementInvalid.get(botId)!.invalid_count,
    resetInvalid: (botId: number): void => void resetInvalid.run(botId),
    /** Records a getUpdates call (the bot is connected). */
    touchPoll: (botId: number, at: string): void => void touchPoll.run(at, botId),
    /** The Bot API server the console should run (restarted with it), or undefined. */
    wildServer: (): WildServerRow | undefined => serverGet.get(),
    setWildServer: (s: { port: number; challengeId: number | null; at: string }): void => void serverSet.run(s),
    clearWildServer: (): void => void serverClear.run(),

    chatIdTaken: (chatId: number): boolean => chatExists.get(chatId) !== undefined,
    createDialog: (d: NewDialog): number => createDialog(d),
    addHumanMessage,
    addBotMessage,
    markDelivered: (items: ReadonlyArray<{ dialogId: number; messageId: number }>, at: string): void => {
      if (items.length > 0) delivered(items, at)
    },
    /** Closes an open dialog; false when it was already closed. */
    closeDialog: (dialogId: number, reason: WildCloseReason, at: string): boolean => close.run({ id: dialogId, reason, at }).changes === 1,
    /** Closes the dialog (if still open, as 'ended') and stores its rating, together. */
    rate,

    dialogRow: (chatId: number): DialogRow | undefined => dialogByChat.get(chatId),
    dialog: (chatId: number): WildDialog | undefined => {
      const row = dialogByChat.get(chatId)
      return row && toWildDialog(row)
    },
    dialogs: (botId?: number): WildDialog[] => (botId === undefined ? dialogsAll.all() : dialogsOfBot.all(botId)).map(toWildDialog),
    openDialogRows: (): DialogRow[] => openDialogs.all(),
    messages: (dialogId: number): WildMessage[] => messages.all(dialogId).map(toMessage),
    /** Human messages of open dialogs that getUpdates has not returned yet, by update id. */
    pendingUpdates: (): PendingUpdate[] => pending.all(),
    maxUpdateId: (): number => maxUpdate.get()?.n ?? 0,

    /** Per bot: dialogs, mean quality and role-play accuracy with std errors, message counts. */
    botStats(): WildBotStats[] {
      const ratings = ratingsByBot.all()
      const counts = new Map(countsByBot.all().map((c) => [c.bot_id, c]))
      return bots.all().map((b) => {
        const all = ratings.filter((r) => r.bot_id === b.id)
        const mine = all.filter((r) => r.answered === 1)
        const roleplay = mine.filter((r) => r.roleplay_correct !== null).map((r) => r.roleplay_correct as number)
        const c = counts.get(b.id)
        return {
          botId: b.id,
          name: b.name,
          teamId: b.team_id,
          dialogs: c?.dialogs ?? 0,
          rated: mine.length,
          ratedUnanswered: all.length - mine.length,
          quality: stat(mine.map((r) => r.quality)),
          roleplay: stat(roleplay),
          humanMessages: c?.human ?? 0,
          botMessages: c?.bot ?? 0,
          evaluations: { n: c?.evaluated ?? 0, positive: c?.positive ?? 0 }
        }
      })
    }
  }
}

/** Mean and std error; one value has no standard error (null, not 0). */
function stat(xs: number[]): WildStat | null {
  return xs.length === 0 ? null : { mean: mean(xs), stderr: xs.length < 2 ? null : stdError(xs), n: xs.length }
}

export type Convai2Table = ReturnType<typeof convai2Table>
