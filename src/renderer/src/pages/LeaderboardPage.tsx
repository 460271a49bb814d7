export function LeaderboardPage({ challengeId }: { challengeId: number }) {
  return (
    <section data-challenge={challengeId}>
      <h1>Leaderboard</h1>
    </section>
  )
}
