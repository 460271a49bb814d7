export function SubmissionsPage({ challengeId }: { challengeId: number }) {
  return (
    <section data-challenge={challengeId}>
      <h1>Submissions</h1>
    </section>
  )
}
