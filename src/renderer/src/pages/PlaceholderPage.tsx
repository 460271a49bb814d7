export function PlaceholderPage({ title }: { title: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <p className="muted">This screen arrives with its issue; the data is already in the database.</p>
    </section>
  )
}
