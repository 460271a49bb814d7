import { useEffect, useState } from 'react'
import '../common/common.css'
import './convai2.css'

/** Copies `text` to the clipboard and says so (in its own live region, so the button keeps its width). */
export function CopyButton({ text, label, onUnavailable }: { text: string; label: string; onUnavailable?(): void }) {
  const [said, setSaid] = useState<string>('')
  useEffect(() => {
    if (!said) return
    const timer = setTimeout(() => setSaid(''), 2500)
    return () => clearTimeout(timer)
  }, [said])
  const copy = async (): Promise<void> => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(text)
      setSaid('Copied')
    } catch {
      onUnavailable?.()
      setSaid('Copy refused: select the text')
    }
  }
  return (
    <span className="cv-copy">
      <button type="button" className="c-button c-button-small" aria-label={label} onClick={() => void copy()}>
        Copy
      </button>
      <span className="cv-copy-said" role="status" aria-live="polite">
        {said}
      </span>
    </span>
  )
}
