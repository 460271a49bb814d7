export function ReportsPage({ challengeId }: { challengeId: number }) {
  return (
    <section data-challenge={challengeId}>
      <h1>Reports</h1>
    </section>
  )
}
