import { lazy, Suspense, useEffect, useState } from 'react'
import { useApi } from './use-api'

// Each page is its own chunk, loaded when first opened: the console starts without recharts or the
// error-analysis grid until a page needs them.
const ChallengePage = lazy(() => import('./pages/ChallengePage').then((m) => ({ default: m.ChallengePage })))
const Convai2LeaderboardPage = lazy(() => import('./pages/Convai2LeaderboardPage').then((m) => ({ default: m.Convai2LeaderboardPage })))
const HumanEvaluationPage = lazy(() => import('./pages/HumanEvaluationPage').then((m) => ({ default: m.HumanEvaluationPage })))
const ErrorAnalysisPage = lazy(() => import('./pages/ErrorAnalysisPage').then((m) => ({ default: m.ErrorAnalysisPage })))
const LeaderboardPage = lazy(() => import('./pages/LeaderboardPage').then((m) => ({ default: m.LeaderboardPage })))
const ReportsPage = lazy(() => import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })))
const SubmissionsPage = lazy(() => import('./pages/SubmissionsPage').then((m) => ({ default: m.SubmissionsPage })))

const PAGES = [
  { id: 'challenge', label: 'Challenge' },
  { id: 'submissions', label: 'Submissions' },
  { id: 'leaderboard', label: 'Leaderboard' },
  { id: 'human', label: 'Human evaluation', only: 'convai2' },
  { id: 'errors', label: 'Error analysis' },
  { id: 'reports', label: 'Reports' }
] as const
type PageId = (typeof PAGES)[number]['id']

/** `#/leaderboard?challenge=2`: the page and the selected challenge, so a reload keeps both. */
const fromHash = (): { page: PageId; challengeId: number | undefined } => {
  const [path = '', query = ''] = window.location.hash.replace(/^#\/?/, '').split('?')
  const id = Number(new URLSearchParams(query).get('challenge'))
  return { page: PAGES.find((p) => p.id === path)?.id ?? 'challenge', challengeId: Number.isInteger(id) && id > 0 ? id : undefined }
}
const pageHash = (page: PageId, challengeId: number | undefined): string =>
  `#/${page}${challengeId === undefined ? '' : `?challenge=${challengeId}`}`

export function App() {
  const [page, setPage] = useState<PageId>(() => fromHash().page)
  const challenges = useApi('challenges.list', null)
  const [challengeId, setChallengeId] = useState<number | undefined>(() => fromHash().challengeId)
  const kind = challenges.data?.find((c) => c.id === challengeId)?.kind

  useEffect(() => {
    const onHash = (): void => {
      const state = fromHash()
      setPage(state.page)
      if (state.challengeId !== undefined) setChallengeId(state.challengeId)
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    // None chosen yet, or the URL names a challenge that does not exist (any more): the first one.
    const known = challenges.data?.some((c) => c.id === challengeId)
    if (challenges.data?.[0] && (challengeId === undefined || !known)) setChallengeId(challenges.data[0].id)
  }, [challenges.data, challengeId])
  useEffect(() => {
    const hash = pageHash(page, challengeId)
    if (challengeId !== undefined && window.location.hash !== hash) window.history.replaceState(null, '', hash)
  }, [page, challengeId])

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Podium</div>
        <label className="challenge-picker">
          <span>Challenge</span>
          <select value={challengeId ?? ''} onChange={(e) => setChallengeId(Number(e.target.value))} aria-label="Select challenge">
            {challenges.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <ul>
          {PAGES.filter((p) => !('only' in p) || p.only === kind).map((p) => (
            <li key={p.id}>
              <a href={pageHash(p.id, challengeId)} aria-current={p.id === page ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        {challenges.error && (
          <p role="alert" className="error">
            Cannot load challenges: {challenges.error}
          </p>
        )}
        {challenges.data?.length === 0 && <p>No challenge yet. Run `podium demo` to create the demo challenge.</p>}
        {challengeId !== undefined && (
          <Suspense
            fallback={
              <p className="muted" role="status">
                Loading…
              </p>
            }
          >
            <CurrentPage
              page={page}
              challengeId={challengeId}
              kind={kind}
              onChallengesChanged={(selectId) => {
                challenges.reload()
                if (selectId !== undefined) setChallengeId(selectId)
              }}
            />
          </Suspense>
        )}
      </main>
    </div>
  )
}

function CurrentPage({
  page,
  challengeId,
  kind,
  onChallengesChanged
}: {
  page: PageId
  challengeId: number
  kind: string | undefined
  onChallengesChanged(selectId?: number): void
}) {
  switch (page) {
    case 'challenge':
      return <ChallengePage challengeId={challengeId} onChallengesChanged={onChallengesChanged} />
    case 'submissions':
      return <SubmissionsPage challengeId={challengeId} />
    case 'leaderboard':
      return kind === 'convai2' ? <Convai2LeaderboardPage challengeId={challengeId} /> : <LeaderboardPage challengeId={challengeId} />
    case 'human':
      return kind === 'convai2' ? (
        <HumanEvaluationPage challengeId={challengeId} />
      ) : (
        <p className="muted">Human evaluation belongs to ConvAI2 challenges.</p>
      )
    case 'errors':
      return <ErrorAnalysisPage challengeId={challengeId} />
    case 'reports':
      return <ReportsPage challengeId={challengeId} />
  }
}
