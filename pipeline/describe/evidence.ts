/**
 * What `pipeline add` works out about a delivery, each with the evidence for it, and what only
 * a person can decide: a question that names the flag which answers it. Pure data.
 */

/** A guess and how it was made: `encoding: windows-1252 (bytes 0xC5 … are not UTF-8)`. */
export interface Guess {
  /** What the guess is about: `encoding`, or a column's label. */
  readonly subject: string
  readonly value: string
  readonly evidence: string
  /** A column's guess reads `Kommun → municipality_code`, any other `encoding: utf-8`. */
  readonly column?: boolean
}

/** Something the file does not settle: asked, never guessed. */
export interface Question {
  readonly question: string
  /** The flag that answers it, as it is typed: `--decimal-separator`. */
  readonly flag: string
  /** The flag with a value, for example: `--decimal-separator ,`. */
  readonly example?: string
}

export const guess = (subject: string, value: string, evidence: string): Guess => ({ subject, value, evidence })

export const columnGuess = (label: string, value: string, evidence: string): Guess => ({
  subject: label,
  value,
  evidence,
  column: true,
})

export const question = (flag: string, text: string, example?: string): Question =>
  example === undefined ? { question: text, flag } : { question: text, flag, example }

export const renderGuess = (g: Guess): string =>
  `${g.column === true ? `${g.subject} → ${g.value}` : `${g.subject}: ${g.value}`} (${g.evidence})`

export const renderQuestion = (q: Question): string =>
  `question: ${q.question}\n  answer with ${q.flag}${q.example === undefined ? "" : `, e.g. ${q.example}`}`

/** A value as the messages quote it. */
export const quoted = (s: string): string => JSON.stringify(s)

/** At most `n` items, and how many more. */
export const someOf = (items: ReadonlyArray<string>, n = 3): string =>
  items.length <= n ? items.join(", ") : `${items.slice(0, n).join(", ")} and ${items.length - n} more`
