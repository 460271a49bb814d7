// Report export and per-team notices: gathers the leaderboards, renders a format.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ApiError } from '../../shared/api'
import { COMBINED_DOMAIN, type Challenge } from '../../shared/challenge'
import type { ReportFile, ReportFormat, TeamNotice } from '../../shared/views'
import { DEFAULT_TOKENIZER, isTokenizerSetting, tokenizerLabel } from '../../shared/scoring'
import type { WildBotStats } from '../../shared/convai2'
import type { StoredEvaluation } from '../db/evaluations'
import type { Store } from '../db/store'
import { convai2Section } from '../reports/convai2-report'
import { reportSection, reportTitle, type ReportModel } from '../reports/report-model'
import { renderHtml } from '../reports/render-html'
import { renderCsv, renderMarkdown } from '../reports/render-text'
import { PODIUM_VERSION } from '../version'
import { teamLabel } from './evaluation-views'
import { convai2LeaderboardView } from './convai2-view'
import { leaderboardFor, loadBoardData } from './leaderboard-query'
import { expandDomain } from './scoring-plan'
import { headerValue } from './mail-header'

/** Prints self-contained HTML to PDF: Electron's printToPDF in the app, Chromium elsewhere. */
export type PdfPrinter = (html: string) => Promise<Buffer>

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

export const PRIVATE_HASHES_NOTE =
  "The teams' prediction file hashes are not published (they would identify the teams); they are in the organizers' report with names."

export function buildReportModel(
  store: Store,
  dataDir: string,
  challenge: Challenge,
  anonymized: boolean,
  wildStats: () => readonly WildBotStats[] = () => store.convai2.botStats()
): ReportModel {
  const { config } = challenge
  const domains = [...config.domains, ...(config.combination === 'mean' ? [COMBINED_DOMAIN] : [])]
  const data = loadBoardData(store, challenge)
  // ConvAI2 prints its own leaderboard (baselines, eligibility filter, wild slots, human scores), as the console does.
  const sections =
    challenge.kind === 'convai2'
      ? [convai2Section(convai2LeaderboardView(store, challenge.id, anonymized, wildStats()))]
      : config.categories.flatMap((category) =>
          domains.map((domain) =>
            reportSection(leaderboardFor(data, challenge, category.id, domain, { anonymized, method: 'winner-rule', seSource: 'best' }))
          )
        )
  const teams = new Map(data.teams.map(({ team }) => [team.id, team]))
  // A prediction file's hash under an anonymous id would tell who is who once the teams'
  // repositories are public: published reports list only the baselines' (public) files.
  const predictionInputs = data.evaluations
    .filter((e) => !anonymized || teams.get(e.teamId)!.isBaseline)
    .map((e) => ({ name: `${teamLabel(teams.get(e.teamId)!, anonymized)}: ${e.task} ${e.domain}`, sha256: e.inputSha256 }))
  // Several categories may share one gold file (ConvAI2's three metrics): list each file once.
  const goldPaths = new Map<string, string>()
  for (const category of config.categories)
    for (const domain of config.domains) {
      const name = expandDomain(category.gold, domain)
      goldPaths.set(`${domain}/${name}`, name)
    }
  const goldInputs = [...goldPaths].flatMap(([relative, name]) => {
    const path = join(dataDir, config.goldDir, relative)
    return existsSync(path) ? [{ name: `gold ${name}`, sha256: sha256(readFileSync(path)) }] : []
  })
  return {
    title: reportTitle(challenge, anonymized),
    challengeSlug: challenge.slug,
    deadline: challenge.deadline,
    entryTag: challenge.entryTag,
    podiumVersion: PODIUM_VERSION,
    configSha256: sha256(JSON.stringify({ deadline: challenge.deadline, entryTag: challenge.entryTag, config })),
    inputs: [...goldInputs, ...predictionInputs],
    ...(anonymized ? { inputsNote: PRIVATE_HASHES_NOTE } : {}),
    settings: [
      ...scoringSettings(challenge, data.evaluations),
      ...scoringNotes(data.evaluations, (id) => teamLabel(teams.get(id)!, anonymized))
    ],
    anonymized,
    sections
  }
}

export async function exportReport(
  ctx: { store: Store; dataDir: string; printPdf: PdfPrinter; wild?: { status(): { stats: WildBotStats[] } } },
  challenge: Challenge,
  format: ReportFormat,
  anonymized: boolean
): Promise<ReportFile> {
  const wild = ctx.wild
  const model = buildReportModel(ctx.store, ctx.dataDir, challenge, anonymized, wild ? () => wild.status().stats : undefined)
  const base = `${challenge.slug}-rankings${anonymized ? '' : '-with-names'}`
  switch (format) {
    case 'md':
      return { fileName: `${base}.md`, mime: 'text/markdown', content: renderMarkdown(model), encoding: 'utf8' }
    case 'csv':
      return { fileName: `${base}.csv`, mime: 'text/csv', content: renderCsv(model), encoding: 'utf8' }
    case 'html':
      return { fileName: `${base}.html`, mime: 'text/html', content: renderHtml(model), encoding: 'utf8' }
    case 'pdf': {
      const pdf = await ctx.printPdf(renderHtml(model))
      return { fileName: `${base}.pdf`, mime: 'application/pdf', content: pdf.toString('base64'), encoding: 'base64' }
    }
    default:
      throw new ApiError('BAD_REQUEST', `request.format must be md, csv, html or pdf, got "${String(format)}"`)
  }
}

/**
 * The generation BLEU's tokenization: the challenge setting, and any stored evaluation
 * scored otherwise (before the setting changed, or before evaluations recorded it).
 */
function scoringSettings(challenge: Challenge, evaluations: readonly StoredEvaluation[]): string[] {
  if (!challenge.config.categories.some((c) => c.task === 'simmc-st2-generation')) return []
  const setting = challenge.config.tokenizer ?? DEFAULT_TOKENIZER
  const lines = [`BLEU tokenized as ${tokenizerLabel(setting)} (word_tokenize of that nltk release)`]
  const others = new Map<string, number>()
  for (const e of evaluations) {
    if (e.task !== 'simmc-st2-generation') continue
    const used = e.params?.tokenizer
    if (used === setting) continue
    const label = used && isTokenizerSetting(used) ? tokenizerLabel(used) : 'an unrecorded tokenizer (scored before Podium recorded it)'
    others.set(label, (others.get(label) ?? 0) + 1)
  }
  for (const [label, n] of others)
    lines.push(`${n} generation evaluation(s) were tokenized as ${label}: score them again to apply the setting`)
  return lines
}

/** The warnings stored with the evaluations (duplicates counted twice, official-script failures), one line each. */
function scoringNotes(evaluations: ReadonlyArray<StoredEvaluation & { teamId: number }>, label: (teamId: number) => string): string[] {
  return evaluations.flatMap((e) => e.warnings.map((w) => `${label(e.teamId)}, ${e.task} ${e.domain}: ${w.message}`))
}

/** One e-mail per team telling it its own anonymous id, and nobody else's. */
/** RFC 5322 date-time: "Wed, 02 Dec 2026 11:17:00 +0000". */
export const mailDate = (date: Date): string => date.toUTCString().replace(/GMT$/, '+0000')

/**
 * One .eml per team. `from` (the organizer's address, checked by the caller) goes in From:;
 * without it the notice is marked unsent (X-Unsent: 1), so a mail client opens it as a draft to
 * send from the organizer's own account. Date: is when the notices were written.
 */
export function teamNotices(ctx: { store: Store }, challenge: Challenge, options: { from?: string; now?: Date } = {}): TeamNotice[] {
  const date = mailDate(options.now ?? new Date())
  return ctx.store.teams
    .list(challenge.id)
    .filter((t) => !t.isBaseline)
    .map((t) => ({
      teamId: t.id,
      anonId: t.anonId,
      fileName: `notice-${t.anonId.replace(/\s+/g, '-').toLowerCase()}.eml`,
      content: [
        ...(options.from ? [`From: ${headerValue(options.from)}`] : ['X-Unsent: 1']),
        `To: ${headerValue(t.contact)}`,
        `Date: ${date}`,
        `Subject: ${headerValue(challenge.name)}: your anonymous team identity`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `Dear ${t.name},`,
        '',
        `In the published anonymized rankings of ${challenge.name}, your entry appears as "${t.anonId}".`,
        'This identity is sent to your team only; please keep it to yourselves if you wish to stay anonymous.',
        '',
        'The organizers',
        ''
      ].join('\r\n')
    }))
}
