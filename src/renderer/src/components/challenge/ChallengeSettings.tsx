import { useId, useState, type FormEvent } from 'react'
import type { Challenge } from '../../../../shared/challenge'
import { DEFAULT_TOKENIZER, TOKENIZER_SETTINGS, tokenizerLabel, type TokenizerSetting } from '../../../../shared/scoring'
import { api } from '../../api'
import { errorText } from '../../../../shared/error-text'
import '../common/common.css'
import './challenge.css'

/**
 * Name, deadline (an instant with its zone), entry tag and, for challenges with response
 * generation, the nltk release whose tokenization BLEU reproduces; every change lands in the audit log.
 */
export function ChallengeSettings({ challenge, onSaved }: { challenge: Challenge; onSaved(c: Challenge): void }) {
  const id = useId()
  const hasBleu = challenge.config.categories.some((c) => c.task === 'simmc-st2-generation')
  const tokenizer: TokenizerSetting = challenge.config.tokenizer ?? DEFAULT_TOKENIZER
  const [values, setValues] = useState({ name: challenge.name, deadline: challenge.deadline, entryTag: challenge.entryTag, tokenizer })
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const changed =
    values.name !== challenge.name ||
    values.deadline !== challenge.deadline ||
    values.entryTag !== challenge.entryTag ||
    values.tokenizer !== tokenizer

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setMessage(null)
    try {
      const { tokenizer: nextTokenizer, ...rest } = values
      const saved = await api.call('challenges.update', {
        challengeId: challenge.id,
        ...rest,
        ...(hasBleu && nextTokenizer !== tokenizer ? { tokenizer: nextTokenizer } : {})
      })
      const rescore = nextTokenizer !== tokenizer ? ' Score the teams again for BLEU with the new tokenization.' : ''
      setMessage({ text: `Saved. Run intake again for verdicts against the new settings.${rescore}`, error: false })
      onSaved(saved)
    } catch (error) {
      setMessage({ text: errorText(error), error: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="ch-form" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Settings</h2>
      <div className="ch-fields">
        <label>
          <span>Name</span>
          <input value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
        </label>
        <label>
          <span>Deadline (ISO 8601 with zone)</span>
          <input
            value={values.deadline}
            onChange={(e) => setValues({ ...values, deadline: e.target.value })}
            placeholder="2020-09-27T23:59:59-12:00"
            spellCheck={false}
          />
        </label>
        <label>
          <span>Entry tag</span>
          <input value={values.entryTag} onChange={(e) => setValues({ ...values, entryTag: e.target.value })} spellCheck={false} />
        </label>
        {hasBleu && (
          <label>
            <span>BLEU tokenization</span>
            <select value={values.tokenizer} onChange={(e) => setValues({ ...values, tokenizer: e.target.value as TokenizerSetting })}>
              {TOKENIZER_SETTINGS.map((s) => (
                <option key={s} value={s}>
                  {tokenizerLabel(s)}
                  {s === DEFAULT_TOKENIZER ? ' (DSTC9, 2020)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="c-button c-button-primary" disabled={!changed || busy}>
          Save
        </button>
      </div>
      <p role="status" className={message?.error ? 'c-field-error' : 'muted ch-status'}>
        {message?.text ?? ''}
      </p>
    </form>
  )
}
