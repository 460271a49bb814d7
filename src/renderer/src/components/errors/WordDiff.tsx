import { Fragment, useMemo } from 'react'
import { wordDiff } from './word-diff'
import './errors.css'

/** `before` → `after` word by word: removed words struck through, added words underlined. */
export function WordDiff({ before, after, className }: { before: string; after: string; className?: string }) {
  const ops = useMemo(() => wordDiff(before, after), [before, after])
  return (
    <span className={`ea-word-diff${className ? ` ${className}` : ''}`}>
      {ops.map((op, i) => {
        const text = op.words.join(' ')
        const gap = i > 0 ? ' ' : ''
        if (op.kind === 'same') return <Fragment key={i}>{gap + text}</Fragment>
        if (op.kind === 'del') {
          return (
            <Fragment key={i}>
              {gap}
              <del title="only in the first text">{text}</del>
            </Fragment>
          )
        }
        return (
          <Fragment key={i}>
            {gap}
            <ins title="only in the second text">{text}</ins>
          </Fragment>
        )
      })}
    </span>
  )
}
