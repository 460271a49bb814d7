import { CONVAI2_BASELINES, CONVAI2_WILD_SLOTS } from '../../../shared/convai2'
import { metricLabel } from '../../../shared/labels'
import { ChallengeSettings } from '../components/challenge/ChallengeSettings'
import { NewChallengeForm } from '../components/challenge/NewChallengeForm'
import { WitnessPanel } from '../components/challenge/WitnessPanel'
import { useApi } from '../use-api'
import { formatDeadline } from '../format'
import '../components/common/common.css'
import '../components/challenge/challenge.css'

export function ChallengePage({ challengeId, onChallengesChanged }: { challengeId: number; onChallengesChanged(selectId?: number): void }) {
  const challenge = useApi('challenges.get', { challengeId })
  const teams = useApi('teams.list', { challengeId })
  if (challenge.error)
    return (
      <p role="alert" className="error">
        {challenge.error}
      </p>
    )
  const c = challenge.data
  if (!c) return <p className="muted">Loading…</p>
  const entrants = teams.data?.filter((t) => !t.isBaseline) ?? []
  const baselines = teams.data?.filter((t) => t.isBaseline) ?? []
  const convai2 = c.kind === 'convai2'
  // ConvAI2's ParlAI baselines are built into its leaderboard, not teams.
  const baselineCount = convai2 ? CONVAI2_BASELINES.length : baselines.length
  return (
    <section>
      <div className="ch-head">
        <h1>{c.name}</h1>
        <NewChallengeForm onCreated={(created) => onChallengesChanged(created.id)} />
      </div>
      <dl className="facts">
        <dt>Deadline</dt>
        <dd data-testid="deadline">{formatDeadline(c.deadline)}</dd>
        <dt>Entry tag</dt>
        <dd>
          <code>{c.entryTag}</code>
        </dd>
        <dt>Domains</dt>
        <dd>{c.config.domains.join(', ')}</dd>
        <dt>Teams</dt>
        <dd>
          {entrants.length} teams, {baselineCount} {convai2 ? 'ParlAI ' : ''}baseline{baselineCount === 1 ? '' : 's'}
        </dd>
      </dl>
      <h2>{convai2 ? 'Metrics and eligibility rule' : 'Categories and winner rule'}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Metric priority (best first)</th>
            <th scope="col">Prediction file</th>
          </tr>
        </thead>
        <tbody>
          {c.config.categories.map((category) => (
            <tr key={category.id}>
              <td>{category.name}</td>
              <td>{category.priority.map((p) => `${metricLabel(p.metric)} ${p.direction === 'higher' ? '↑' : '↓'}`).join(' → ')}</td>
              <td>
                <code>{category.file}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {convai2 ? (
        <p className="muted" data-testid="challenge-rule">
          No winner on the leaderboard: an entry is eligible when it beats the ParlAI baselines in at least one of PPL, Hits@1, F1; up to{' '}
          {CONVAI2_WILD_SLOTS} eligible entries go to the wild (human) evaluation.
        </p>
      ) : (
        <p className="muted" data-testid="challenge-rule">
          Winner rule: the best entry on the first metric and every entry within one standard error of it are candidates; ties go to the
          next metric; candidates left after the last metric are joint winners.
        </p>
      )}
      <h2>Teams</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Anonymous id</th>
            <th scope="col">Repository</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {teams.data?.map((t) => (
            <tr key={t.id} className={t.isBaseline ? 'baseline' : undefined}>
              <td>{t.name}</td>
              <td>{t.anonId}</td>
              <td>
                <code className="path">{t.repo}</code>
              </td>
              <td>{t.submission?.status ?? 'no submission'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChallengeSettings
        key={c.id}
        challenge={c}
        onSaved={() => {
          challenge.reload()
          onChallengesChanged()
        }}
      />
      <WitnessPanel key={`witness-${c.id}`} challengeId={c.id} />
    </section>
  )
}
