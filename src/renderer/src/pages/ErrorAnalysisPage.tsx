export function ErrorAnalysisPage({ challengeId }: { challengeId: number }) {
  return (
    <section data-challenge={challengeId}>
      <h1>Error analysis</h1>
    </section>
  )
}
