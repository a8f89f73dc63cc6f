/** CSV text and bytes for the reader properties: fields written every way, records, endings, and cut points, with the readers run over the pieces. */
import fc from "fast-check"
import { CsvScanner, type ScanResult } from "../../pipeline/read/csv-scan.ts"
import { edgeBytes } from "../../pipeline/read/edge-bytes.ts"
import { CsvTokenizer, type CsvFault, type CsvRow } from "../../pipeline/read/csv-tokenizer.ts"
import { TRIMMED } from "../../pipeline/shared/text.ts"

export const RUNS = { numRuns: 1500 }

export interface Dialect {
  readonly delimiter: string
  readonly quote: string
}

export const dialects = fc.constantFrom<Dialect>(
  { delimiter: ";", quote: '"' },
  { delimiter: ",", quote: '"' },
  { delimiter: "\t", quote: '"' },
  { delimiter: "|", quote: "'" },
)

/** A field's text: weighted to what matters to a CSV reader, with letters of more than one byte. */
export const fieldText = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("a", "1", " ", "x y") },
    { weight: 3, arbitrary: fc.constantFrom('"', "'", ";", ",", "\t", "|") },
    { weight: 3, arbitrary: fc.constantFrom("\n", "\r", "\r\n") },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "å",
        "é",
        "a\u0308",
        "\u00a0",
        "\u202f",
        "\u3000",
        "€",
        "😀",
        "\ufeff",
        "\u0085",
        "\u2028",
      ),
    },
  ),
  maxLength: 6,
})

/** How a field is written: bare, quoted, or mangled (a quote that is never closed, text after a quote). */
export type Writing = "auto" | "quoted" | "bare" | "open" | "trailing"
export const writing: fc.Arbitrary<Writing> = fc.oneof(
  { weight: 40, arbitrary: fc.constant<Writing>("auto") },
  { weight: 4, arbitrary: fc.constant<Writing>("quoted") },
  { weight: 1, arbitrary: fc.constant<Writing>("bare") },
  { weight: 1, arbitrary: fc.constant<Writing>("open") },
  { weight: 1, arbitrary: fc.constant<Writing>("trailing") },
)

export const writeField = (value: string, how: Writing, d: Dialect): string => {
  const q = d.quote
  const quoted = `${q}${value.split(q).join(q + q)}${q}`
  switch (how) {
    case "auto":
      return /[\r\n]/u.test(value) || value.includes(d.delimiter) || value.includes(q) ? quoted : value
    case "quoted":
      return quoted
    case "bare":
      return value
    case "open":
      return `${q}${value}`
    case "trailing":
      return `${quoted}x`
  }
}

/** A record: its fields and how each is written; the line ending after it. */
export const record = fc.array(fc.tuple(fieldText, writing), { minLength: 1, maxLength: 4 })
export const ending = fc.oneof(
  { weight: 15, arbitrary: fc.constant("same") },
  { weight: 1, arbitrary: fc.constantFrom("\n", "\r\n", "\r", "\n\n") },
)
export const ragged = fc.oneof(
  { weight: 15, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
)

/** CSV text: a header, records, each ending as the first line does or otherwise, an optional last ending. */
export const csvText = fc
  .record({
    dialect: dialects,
    width: fc.integer({ min: 1, max: 4 }),
    records: fc.array(fc.tuple(record, ending, ragged), { minLength: 0, maxLength: 6 }),
    first: fc.constantFrom("\n", "\r\n", "\r"),
    last: fc.constantFrom("", "same", "same-twice"),
  })
  .map(({ dialect, width, records, first, last }) => {
    const header = Array.from({ length: width }, (_, i) => `h${i + 1}`).join(dialect.delimiter)
    const lines = [header]
    const endings: string[] = [first]
    for (const [fields, end, ragged] of records) {
      // Mostly as wide as the header; sometimes not.
      const cells = ragged
        ? fields
        : Array.from({ length: width }, (_, i) => fields[i] ?? (["", "auto"] as [string, Writing]))
      lines.push(cells.map(([value, how]) => writeField(value, how, dialect)).join(dialect.delimiter))
      endings.push(end === "same" ? first : end)
    }
    let text = ""
    lines.forEach((line, i) => {
      text += line
      if (i < lines.length - 1) text += endings[i]
    })
    if (last !== "") text += last === "same" ? first : first + first
    return { dialect, text }
  })

/** Anything at all, mostly what breaks CSV readers. */
export const anyText = fc.record({
  dialect: dialects,
  text: fc.string({
    unit: fc.oneof(
      fc.constantFrom('"', "'", ";", ",", "\t", "|", "\n", "\r", " ", "a", "é", "\u00a0"),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
    maxLength: 60,
  }),
})

export const inputs = fc.oneof({ weight: 4, arbitrary: csvText }, { weight: 1, arbitrary: anyText })

/** Cut points: where a stream might break the input, anywhere. */
export const cuts = fc.array(fc.nat(), { maxLength: 8 })

/** Splits a sequence at the given points (taken modulo its length), in order. */
export const pieces = <T extends { slice(a: number, b?: number): T; length: number }>(
  whole: T,
  at: ReadonlyArray<number>,
): T[] => {
  const points = [...new Set(at.map((n) => (whole.length === 0 ? 0 : n % (whole.length + 1))))].sort((a, b) => a - b)
  const out: T[] = []
  let from = 0
  for (const p of points) {
    out.push(whole.slice(from, p))
    from = p
  }
  out.push(whole.slice(from))
  return out
}

export const tokenize = (parts: ReadonlyArray<string>, d: Dialect): { rows: CsvRow[]; faults: CsvFault[] } => {
  const t = new CsvTokenizer(d.delimiter, d.quote)
  const rows: CsvRow[] = []
  for (const p of parts) rows.push(...t.push(p))
  rows.push(...t.end())
  return { rows, faults: [...t.faults] }
}

/** What the scan watches besides structure, as the bulk reader sets it up (UTF-8, space as thousands separator). */
export const WATCH = { edges: edgeBytes(TRIMMED), inner: edgeBytes(" \u00a0\u202f").last }

export const scan = (parts: ReadonlyArray<Uint8Array>, d: Dialect): ScanResult => {
  const s = new CsvScanner(d.delimiter.charCodeAt(0), d.quote.charCodeAt(0), WATCH)
  for (const p of parts) s.push(p)
  const r = s.end()
  // A plain copy: the result shares arrays with the scanner.
  return {
    ...r,
    lineMap: r.lineMap.map(([a, b]) => [a, b] as const),
    edgeFields: [...r.edgeFields],
    innerFields: [...r.innerFields],
  }
}

/** The last physical line a tokenizer row stands on: its last field's line plus the line feeds in it. */
export const lastLineOf = (row: CsvRow): number => {
  const last = row.fields[row.fields.length - 1]!
  return last.line + (last.value.split("\n").length - 1)
}

/**
 * The structural faults the tokenizer's output shows, each with its line, named as the scan
 * names them: what makes a file not plain.
 */
export const tokenizerFaults = (
  rows: ReadonlyArray<CsvRow>,
  faults: ReadonlyArray<CsvFault>,
): Array<{ kind: string; line: number | undefined }> => {
  const found: Array<{ kind: string; line: number | undefined }> = []
  for (const f of faults) {
    if (f.kind === "unclosed-quote") found.push({ kind: "never closed", line: undefined })
    else if (f.kind === "stray-quote") found.push({ kind: "unquoted field", line: f.line })
    else found.push({ kind: "closing quote", line: f.line })
  }
  const header = rows[0]
  if (header === undefined) return found
  if (header.line > 1) found.push({ kind: "blank line", line: header.line })
  const firstEnding = header.ending
  rows.forEach((row, i) => {
    if (i > 0 && row.fields.length !== header.fields.length) found.push({ kind: "fields", line: row.line })
    if (i > 0 && row.line > lastLineOf(rows[i - 1]!) + 1) found.push({ kind: "blank line", line: row.line })
    if (row.ending !== "" && firstEnding !== "" && row.ending !== firstEnding)
      found.push({ kind: "mixed line endings", line: lastLineOf(row) })
  })
  return found
}

/** The scan's reason as a kind and a line, to compare with the tokenizer's. */
export const scanFault = (reason: string): { kind: string; line: number | undefined } => {
  const kinds = [
    "never closed",
    "unquoted field",
    "closing quote",
    "fields",
    "blank line",
    "mixed line endings",
    "no records",
    "no header",
  ]
  const kind = kinds.find((k) => reason.includes(k))
  if (kind === undefined) throw new Error(`a reason this test does not know: ${reason}`)
  const line = /line (\d+)/u.exec(reason)?.[1]
  return { kind, line: line === undefined ? undefined : Number(line) }
}
