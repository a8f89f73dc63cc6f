/**
 * A header's labels to the dataset's fields, by name and by content: a label that names one
 * field (`År` → year) takes it, its values saying how it is read (names, "code name", codes
 * that lost a zero); a label that names none takes the one field its values fit. A column two
 * fields fit equally, or none, or a field two columns claim, is asked about (`--column`).
 * Pure.
 */
import type { Column } from "../../schemas/derive/columns.ts"
import type { ColumnMapping } from "../contract/manifest-schema.ts"
import { type Candidate, type ContentContext, contentCandidates, misfit, placeReading } from "./column-content.ts"
import { columnGuess, type Guess, question, type Question, quoted, someOf } from "./evidence.ts"
import { fieldsNamed } from "./field-labels.ts"

/** How `--column "Label=…"` answers for a column. */
export type GivenColumn = { readonly field: string } | { readonly ignore: string } | { readonly personal: true }

export interface MatchInput extends Omit<ContentContext, "numeric"> {
  readonly dataset: string
  readonly header: ReadonlyArray<string>
  /** Each column's cells without empties and missing-value markers. */
  readonly values: ReadonlyMap<string, ReadonlyArray<string>>
  /** The fields a column may feed: not those set as constants, nor the pipeline's own. */
  readonly fields: ReadonlyArray<Column>
  /** Labels of the columns of numbers. */
  readonly numeric: ReadonlySet<string>
  readonly given: ReadonlyMap<string, GivenColumn>
  /** The cell that keeps a column from fitting a field it would fit without it, said where it stands. */
  readonly spoiler?: (label: string) => string | undefined
}

export interface MatchResult {
  readonly columns: Readonly<Record<string, ColumnMapping>>
  readonly guesses: ReadonlyArray<Guess>
  readonly questions: ReadonlyArray<Question>
}

/** A mapping in words: `municipality_code, parse municipality-name`. */
export const mappingText = (m: ColumnMapping): string => {
  if (typeof m === "string") return m
  if ("field" in m)
    return [
      m.field,
      m.parse === undefined ? [] : `parse ${m.parse}`,
      m.zeroPad === undefined ? [] : `zeroPad ${m.zeroPad}`,
    ]
      .flat()
      .join(", ")
  if ("ignore" in m) return `ignored (${m.ignore})`
  if ("personal" in m) return "personal: dropped when read"
  return `a category of ${m.categoryOf}`
}

export const fieldOf = (m: ColumnMapping): string | undefined =>
  typeof m === "string" ? m : "field" in m ? m.field : undefined

interface Decided {
  readonly mapping: ColumnMapping
  readonly evidence: string
  readonly given: boolean
}

/**
 * Each column decided where it can be alone: as given with `--column`, by a label that names one
 * field, or by a label and values that fit one field; the others left open with the fields
 * they may be.
 */
const firstReading = (input: MatchInput) => {
  const decided = new Map<string, Decided>()
  const open = new Map<string, ReadonlyArray<Candidate>>()
  for (const label of input.header) {
    const values = input.values.get(label) ?? []
    const given = input.given.get(label)
    if (given !== undefined) {
      const mapping: ColumnMapping =
        "field" in given
          ? given.field === input.place?.field
            ? placeReading(values, input.place, input.places).mapping
            : given.field
          : given
      decided.set(label, { mapping, evidence: "given with --column", given: true })
      continue
    }
    const content = contentCandidates(values, { ...input, numeric: input.numeric.has(label) })
    const named = fieldsNamed(label, input.fields)
    const byLabel = `label ${quoted(label)}`
    if (named.length === 1) {
      const field = named[0]!
      const reading = field === input.place?.field ? placeReading(values, input.place, input.places) : undefined
      const fits = content.find((c) => c.field === field)
      const column = input.fields.find((f) => f.name === field)!
      decided.set(label, {
        mapping: reading?.mapping ?? fits?.mapping ?? field,
        evidence: [byLabel, reading?.evidence ?? fits?.evidence ?? misfit(values, column)]
          .filter((x) => x !== undefined)
          .join("; "),
        given: false,
      })
      continue
    }
    const both = named.length > 1 ? content.filter((c) => named.includes(c.field)) : content
    if (both.length === 1) {
      const c = both[0]!
      decided.set(label, {
        mapping: c.mapping,
        evidence: named.length > 1 ? `${byLabel}; ${c.evidence}` : c.evidence,
        given: false,
      })
    } else
      open.set(
        label,
        named.length > 1 && both.length === 0
          ? named.map((field) => ({ field, mapping: field, evidence: `its label` }))
          : both,
      )
  }
  return { decided, open }
}

const columnFlag = (label: string, what: string) => `--column "${label}=${what}"`

export const matchColumns = (input: MatchInput): MatchResult => {
  const { decided, open } = firstReading(input)
  const questions: Question[] = []
  // A field another column holds by its label, or as given, is not this column's.
  const held = new Set([...decided.values()].flatMap((d) => fieldOf(d.mapping) ?? []))
  for (const [label, candidates] of open) {
    const left = candidates.filter((c) => !held.has(c.field))
    if (left.length === 1 && candidates.length > 1) {
      const taken = candidates.filter((c) => held.has(c.field)).map((c) => c.field)
      decided.set(label, {
        mapping: left[0]!.mapping,
        evidence: `${left[0]!.evidence}; ${taken.join(" and ")} ${taken.length === 1 ? "is" : "are"} another column's`,
        given: false,
      })
      open.delete(label)
    }
  }
  // Two columns for one field: what was given stands, the rest is asked.
  const claims = new Map<string, string[]>()
  for (const [label, d] of decided) {
    const field = fieldOf(d.mapping)
    if (field !== undefined) claims.set(field, [...(claims.get(field) ?? []), label])
  }
  for (const [field, labels] of claims) {
    if (labels.length < 2) continue
    const given = labels.filter((l) => decided.get(l)!.given)
    const asked = given.length === 1 ? labels.filter((l) => l !== given[0]) : labels
    if (given.length > 1) continue
    for (const l of asked) decided.delete(l)
    questions.push(
      question(
        "--column",
        `${asked.length === labels.length ? "" : `${given[0]} is ${field} (given); `}columns ${asked.map(quoted).join(" and ")} ${asked.length === 2 ? "both" : "all"} fit ${field}: which is it, and what are the others?`,
        `${columnFlag(asked[0]!, field)} ${columnFlag(asked[1] ?? asked[0]!, "ignore:REASON")}`,
      ),
    )
  }
  const spoiled = (label: string) => {
    const cell = input.spoiler?.(label)
    return cell === undefined ? "" : ` (${cell})`
  }
  for (const [label, candidates] of open) {
    const sample = someOf([...new Set(input.values.get(label) ?? [])].slice(0, 3).map(quoted))
    questions.push(
      candidates.length === 0
        ? question(
            "--column",
            `column ${quoted(label)} (${sample === "" ? "empty" : `e.g. ${sample}`}) fits no field of ${input.dataset} by its label or its values${spoiled(label)}: which field is it, or is it not used (ignore, with the reason) or personal data?`,
            `${columnFlag(label, "FIELD")} or ${columnFlag(label, "ignore:REASON")} or ${columnFlag(label, "personal")}`,
          )
        : question(
            "--column",
            `column ${quoted(label)} fits ${candidates.map((c) => `${c.field} (${c.evidence})`).join(" and ")} equally: which is it?`,
            columnFlag(label, candidates[0]!.field),
          ),
    )
  }
  const columns: Record<string, ColumnMapping> = {}
  const guesses: Guess[] = []
  for (const label of input.header) {
    const d = decided.get(label)
    if (d === undefined) continue
    columns[label] = d.mapping
    guesses.push(columnGuess(label, mappingText(d.mapping), d.evidence))
  }
  return { columns, guesses, questions }
}
