/**
 * A source's CSV file as it may be filed in the public raw/: the cells of its personal columns
 * emptied, and personal data removed from its free-text columns, every other field as it was.
 * Each record starts on the line it started on, so the `line` a row's provenance gives names the same line in
 * the filed file as in the original. Pure: text in, text and counts out; the values removed
 * never leave it.
 */
import { CsvTokenizer, type CsvRow } from "../read/csv-tokenizer.ts"
import { cleanText } from "../shared/text.ts"
import { makeRedactor, type RemovalKind } from "../privacy/redact.ts"
import { findNames } from "../privacy/person-names.ts"

export interface CsvRedaction {
  readonly text: string
  /** The personal columns found in the header, whose cells were emptied. */
  readonly columnsEmptied: ReadonlyArray<string>
  /** How many values of those columns were removed (empty cells and missing-value markers not counted). */
  readonly valuesRemoved: number
  /** How many pieces of personal data were removed from free text. */
  readonly freeTextRemovals: number
  /** The same, by what gave each away. */
  readonly freeTextByKind: Readonly<Partial<Record<RemovalKind, number>>>
}

const newlines = (s: string) => s.split("\n").length - 1

export const redactCsv = (
  text: string,
  options: {
    readonly delimiter: string
    readonly quote: string
    readonly personal: ReadonlyArray<string>
    readonly freeText: ReadonlyArray<string>
    /** Markers of a missing value ("Information saknas"): emptied too, but not counted as values. */
    readonly missing: ReadonlyArray<string>
  },
): CsvRedaction => {
  const { delimiter, quote } = options
  const bom = text.startsWith("\ufeff") ? "\ufeff" : ""
  const tokenizer = new CsvTokenizer(delimiter, quote)
  const rows: CsvRow[] = [...tokenizer.push(text.slice(bom.length)), ...tokenizer.end()]
  if (tokenizer.faults.length > 0 || rows.some((r) => r.width > r.fields.length))
    throw new Error(
      "a file with quoting faults, or records too long to keep, cannot be redacted; its shape is checked first",
    )
  const [header, ...records] = rows
  if (header === undefined)
    return { text, columnsEmptied: [], valuesRemoved: 0, freeTextRemovals: 0, freeTextByKind: {} }
  const names = header.fields.map((f) => cleanText(f.value))
  const personal = new Set(names.flatMap((n, i) => (options.personal.includes(n) ? [i] : [])))
  const freeText = new Set(names.flatMap((n, i) => (options.freeText.includes(n) ? [i] : [])))
  const freeTextCells = records.flatMap((r) => r.fields.filter((_, i) => freeText.has(i)).map((f) => f.value))
  const redact = makeRedactor(
    records.flatMap((r) =>
      r.fields
        .filter((_, i) => personal.has(i))
        .map((f) => cleanText(f.value))
        .filter((v) => v !== "" && !options.missing.includes(v)),
    ),
    // A name given away in one text is removed from every other text of the file too.
    freeTextCells.flatMap((t) => findNames(t).map((h) => t.slice(h.index, h.index + h.length))),
  )
  const freeTextByKind: Partial<Record<RemovalKind, number>> = {}

  let valuesRemoved = 0
  let freeTextRemovals = 0
  const needsQuotes = (v: string) => v.includes(delimiter) || v.includes(quote) || v.includes("\n") || v.includes("\r")
  const field = (v: string) => (needsQuotes(v) ? `${quote}${v.replaceAll(quote, quote + quote)}${quote}` : v)
  const cell = (value: string, i: number) => {
    if (personal.has(i)) {
      const v = cleanText(value)
      if (v !== "" && !options.missing.includes(v)) valuesRemoved++
      return ""
    }
    if (!freeText.has(i)) return value
    const r = redact(value)
    freeTextRemovals += r.removed
    for (const [kind, n] of Object.entries(r.byKind) as Array<[RemovalKind, number]>)
      freeTextByKind[kind] = (freeTextByKind[kind] ?? 0) + n
    // A line break removed with a piece of text is put back at the end, so the lines stay.
    return r.text + "\n".repeat(Math.max(0, newlines(value) - newlines(r.text)))
  }
  let out = bom
  let line = 1
  for (const row of rows) {
    // Blank lines (which hold no record) are kept as lines.
    out += (row.ending === "" ? "\n" : row.ending).repeat(Math.max(0, row.line - line))
    const values = row === header ? row.fields.map((f) => f.value) : row.fields.map((f, i) => cell(f.value, i))
    const written = values.map(field).join(delimiter)
    out += written + row.ending
    line = row.line + newlines(written) + (row.ending === "" ? 0 : 1)
  }
  return {
    text: out,
    columnsEmptied: names.filter((_, i) => personal.has(i)),
    valuesRemoved,
    freeTextRemovals,
    freeTextByKind: Object.fromEntries(Object.entries(freeTextByKind).sort()),
  }
}
