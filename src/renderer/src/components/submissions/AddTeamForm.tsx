import { useId, useRef, useState, type FormEvent } from 'react'
import { ApiError } from '../../../../shared/api'
import { predictionRefProblem, type Team } from '../../../../shared/teams'
import { api } from '../../api'
import { errorText } from '../../../../shared/error-text'
import '../common/common.css'
import './submissions.css'

type Field = 'name' | 'repo' | 'contact' | 'refs'
type Errors = Partial<Record<Field | 'form', string>>

/** Why `repo` is not a repository Podium can fetch (an http(s) URL or a local path), or null. */
function repoProblem(repo: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(repo)
  if (scheme) {
    const s = scheme[1]!.toLowerCase()
    if (s !== 'http' && s !== 'https' && s !== 'file') return `${s}:// is not supported: use an http(s) URL or a local path.`
    if (s !== 'file' && !/^https?:\/\/[^\s/]+\/\S+/i.test(repo))
      return 'The URL needs a host and a repository path, e.g. https://github.com/team/entry.'
    return null
  }
  if (/^[^/\\]+@[^/\\]+:/.test(repo)) return 'SSH addresses are not supported: use the https URL of the repository.'
  return null
}

/** Checks what can be checked here; the service checks again (and knows about conflicts). */
export function validateTeam(values: Record<Field, string>, existing: readonly string[]): Errors {
  const errors: Errors = {}
  const name = values.name.trim()
  const repo = values.repo.trim()
  if (!name) errors.name = 'Give the team a name.'
  else if (existing.some((n) => n.toLowerCase() === name.toLowerCase())) errors.name = `A team called “${name}” already exists.`
  if (!repo) errors.repo = 'Give the repository URL (http or https) or a local path.'
  else {
    const problem = repoProblem(repo)
    if (problem) errors.repo = problem
  }
  for (const ref of splitRefs(values.refs)) {
    const why = predictionRefProblem(ref)
    if (why) {
      errors.refs = `Predictions ref “${ref}” ${why}.`
      break
    }
  }
  const contact = values.contact.trim()
  if (contact.includes('@') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)) errors.contact = 'This does not look like an e-mail address.'
  return errors
}

/** The refs field: branches, tags or commit ids separated by spaces or commas, searched in order. */
export const splitRefs = (text: string): string[] => text.split(/[\s,]+/).filter((r) => r !== '')

/** Maps a service error to the field it is about. */
function serverErrors(error: unknown): Errors {
  const message = errorText(error)
  if (error instanceof ApiError && error.code === 'CONFLICT') return { name: message }
  const m = /^request\.(name|repo|contact):\s*(.*)$/.exec(message)
  if (m) return { [m[1] as Field]: m[2] }
  if (message.startsWith('request.predictionRefs')) return { refs: message.replace(/^request\.predictionRefs(\[\d+\])?:\s*/, '') }
  return { form: message }
}

export function AddTeamForm({
  challengeId,
  existingNames,
  onAdded
}: {
  challengeId: number
  existingNames: readonly string[]
  onAdded(team: Team): void
}) {
  const [values, setValues] = useState<Record<Field, string>>({ name: '', repo: '', contact: '', refs: '' })
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [added, setAdded] = useState<string | null>(null)
  const id = useId()
  const refs = {
    name: useRef<HTMLInputElement>(null),
    repo: useRef<HTMLInputElement>(null),
    contact: useRef<HTMLInputElement>(null),
    refs: useRef<HTMLInputElement>(null)
  }

  const focusFirst = (errs: Errors): void => {
    const first = (['name', 'repo', 'contact', 'refs'] as const).find((f) => errs[f])
    if (first) refs[first].current?.focus()
  }

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setAdded(null)
    const local = validateTeam(values, existingNames)
    setErrors(local)
    if (Object.keys(local).length) return focusFirst(local)
    setBusy(true)
    try {
      const team = await api.call('teams.add', {
        challengeId,
        name: values.name.trim(),
        repo: values.repo.trim(),
        ...(values.contact.trim() ? { contact: values.contact.trim() } : {}),
        ...(splitRefs(values.refs).length > 0 ? { predictionRefs: splitRefs(values.refs) } : {})
      })
      setValues({ name: '', repo: '', contact: '', refs: '' })
      setAdded(`Added ${team.name} (${team.anonId}). Run its intake to fetch the entry.`)
      onAdded(team)
    } catch (error) {
      const errs = serverErrors(error)
      setErrors(errs)
      focusFirst(errs)
    } finally {
      setBusy(false)
    }
  }

  const field = (name: Field, label: string, props: { placeholder: string; type?: string; required?: boolean }) => (
    <div className="sub-field">
      <label htmlFor={`${id}-${name}`}>
        {label}
        {props.required ? '' : <span className="muted"> (optional)</span>}
      </label>
      <input
        ref={refs[name]}
        id={`${id}-${name}`}
        name={name}
        type={props.type ?? 'text'}
        value={values[name]}
        placeholder={props.placeholder}
        onChange={(e) => {
          setValues((v) => ({ ...v, [name]: e.target.value }))
          if (errors[name]) setErrors((er) => ({ ...er, [name]: undefined }))
        }}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`${id}-${name}-error`}
        aria-required={props.required ? true : undefined}
        autoComplete="off"
      />
      <p id={`${id}-${name}-error`} className="c-field-error" data-testid={`add-${name}-error`}>
        {errors[name] ?? '\u00a0'}
      </p>
    </div>
  )

  return (
    <form className="sub-add" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a team</h2>
      <div className="sub-add-fields">
        {field('name', 'Team name', { placeholder: 'e.g. Indigo Speech', required: true })}
        {field('repo', 'Repository URL or path', { placeholder: 'https://github.com/team/entry or /path/to/repo', required: true })}
        {field('contact', 'Contact', { placeholder: 'team@example.org' })}
        {field('refs', 'Predictions refs', { placeholder: 'remote HEAD; or e.g. subtask-1-tag subtask-3-tag' })}
        <div className="sub-add-submit">
          <button type="submit" className="c-button c-button-primary" disabled={busy}>
            Add team
          </button>
        </div>
      </div>
      <p className="sub-add-status" role="status">
        {errors.form ? <span className="error">{errors.form}</span> : (added ?? '\u00a0')}
      </p>
    </form>
  )
}
