/**
 * The two CSV readers, held together by properties (fast-check). The tokenizer
 * (csv-tokenizer.ts) and the byte scan (csv-scan.ts) are each fed the same text whole and in
 * arbitrary pieces and must give the same answer; and where the scan calls a file plain, the
 * tokenizer must find exactly the records the scan counted, each on the line the scan mapped
 * it to. Where the scan refuses a file, the tokenizer must find the same fault on the same line.
 *
 * CSV text is generated from arbitrary fields (quotes, delimiters, CR, LF, CRLF, empty fields,
 * non-ASCII letters and white space) written well-formed or mangled, so both verdicts occur.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { CsvScanner, lineOfRecord, type ScanResult } from "../../pipeline/read/csv-scan.ts"
import { edgeBytes } from "../../pipeline/read/edge-bytes.ts"
import { CsvTokenizer, type CsvFault, type CsvRow } from "../../pipeline/read/csv-tokenizer.ts"
import { TRIMMED } from "../../pipeline/shared/text.ts"

const RUNS = { numRuns: 1500 }

interface Dialect {
  readonly delimiter: string
  readonly quote: string
}

const dialects = fc.constantFrom<Dialect>(
  { delimiter: ";", quote: '"' },
  { delimiter: ",", quote: '"' },
  { delimiter: "\t", quote: '"' },
  { delimiter: "|", quote: "'" },
)

/** A field's text: weighted to what matters to a CSV reader, with letters of more than one byte. */
const fieldText = fc.string({
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
type Writing = "auto" | "quoted" | "bare" | "open" | "trailing"
const writing: fc.Arbitrary<Writing> = fc.oneof(
  { weight: 40, arbitrary: fc.constant<Writing>("auto") },
  { weight: 4, arbitrary: fc.constant<Writing>("quoted") },
  { weight: 1, arbitrary: fc.constant<Writing>("bare") },
  { weight: 1, arbitrary: fc.constant<Writing>("open") },
  { weight: 1, arbitrary: fc.constant<Writing>("trailing") },
)

const writeField = (value: string, how: Writing, d: Dialect): string => {
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
const record = fc.array(fc.tuple(fieldText, writing), { minLength: 1, maxLength: 4 })
const ending = fc.oneof(
  { weight: 15, arbitrary: fc.constant("same") },
  { weight: 1, arbitrary: fc.constantFrom("\n", "\r\n", "\r", "\n\n") },
)
const ragged = fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })

/** CSV text: a header, records, each ending as the first line does or otherwise, an optional last ending. */
const csvText = fc
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
const anyText = fc.record({
  dialect: dialects,
  text: fc.string({
    unit: fc.oneof(
      fc.constantFrom('"', "'", ";", ",", "\t", "|", "\n", "\r", " ", "a", "é", "\u00a0"),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
    maxLength: 60,
  }),
})

const inputs = fc.oneof({ weight: 4, arbitrary: csvText }, { weight: 1, arbitrary: anyText })

/** Cut points: where a stream might break the input, anywhere. */
const cuts = fc.array(fc.nat(), { maxLength: 8 })

/** Splits a sequence at the given points (taken modulo its length), in order. */
const pieces = <T extends { slice(a: number, b?: number): T; length: number }>(
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

const tokenize = (parts: ReadonlyArray<string>, d: Dialect): { rows: CsvRow[]; faults: CsvFault[] } => {
  const t = new CsvTokenizer(d.delimiter, d.quote)
  const rows: CsvRow[] = []
  for (const p of parts) rows.push(...t.push(p))
  rows.push(...t.end())
  return { rows, faults: [...t.faults] }
}

/** What the scan watches besides structure, as the bulk reader sets it up (UTF-8, space as thousands separator). */
const WATCH = { edges: edgeBytes(TRIMMED), inner: edgeBytes(" \u00a0\u202f").last }

const scan = (parts: ReadonlyArray<Uint8Array>, d: Dialect): ScanResult => {
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
const lastLineOf = (row: CsvRow): number => {
  const last = row.fields[row.fields.length - 1]!
  return last.line + (last.value.split("\n").length - 1)
}

/**
 * The structural faults the tokenizer's output shows, each with its line, named as the scan
 * names them: what makes a file not plain.
 */
const tokenizerFaults = (
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
const scanFault = (reason: string): { kind: string; line: number | undefined } => {
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

describe("the CSV tokenizer and the byte scan", () => {
  it("generates both plain and faulty files (the properties below are not vacuous)", () => {
    const samples = fc.sample(inputs, { numRuns: 400, seed: 1 })
    const plain = samples.filter(({ dialect, text }) => scan([Buffer.from(text, "utf8")], dialect).plain).length
    expect(plain).toBeGreaterThan(100)
    expect(samples.length - plain).toBeGreaterThan(100)
    // Records that span lines, and files with more than one record, occur among the plain ones.
    expect(
      samples.some(({ dialect, text }) => {
        const { rows } = tokenize([text], dialect)
        return (
          scan([Buffer.from(text, "utf8")], dialect).plain &&
          rows.length > 2 &&
          rows.some((r) => r.fields.some((f) => f.value.includes("\n")))
        )
      }),
    ).toBe(true)
  })

  it("(a) the tokenizer gives the same rows, fields, positions, endings and faults whatever the chunking", () => {
    fc.assert(
      fc.property(inputs, cuts, ({ dialect, text }, at) => {
        const whole = tokenize([text], dialect)
        const chunked = tokenize(pieces(text, at), dialect)
        expect(chunked).toEqual(whole)
        // Records come in order of their lines, each field at or after its record's line.
        for (let i = 1; i < whole.rows.length; i++)
          expect(whole.rows[i]!.line).toBeGreaterThan(lastLineOf(whole.rows[i - 1]!))
        for (const row of whole.rows) for (const f of row.fields) expect(f.line).toBeGreaterThanOrEqual(row.line)
      }),
      RUNS,
    )
  })

  it("(b) the scan gives the same verdict, records, line map and column notes whatever the chunking", () => {
    fc.assert(
      fc.property(inputs, cuts, ({ dialect, text }, at) => {
        const bytes = Buffer.from(text, "utf8")
        // Cut anywhere, also inside a character of several bytes and between CR and LF.
        expect(scan(pieces(new Uint8Array(bytes), at), dialect)).toEqual(scan([bytes], dialect))
        // One byte at a time, the most a stream can break it.
        expect(
          scan(
            Array.from(bytes, (b) => Uint8Array.of(b)),
            dialect,
          ),
        ).toEqual(scan([bytes], dialect))
      }),
      RUNS,
    )
  })

  it("(c) a file the scan calls plain has the records the tokenizer finds, each on its line; a file it refuses has a fault the tokenizer finds", () => {
    fc.assert(
      fc.property(inputs, cuts, ({ dialect, text }, at) => {
        const s = scan(pieces(new Uint8Array(Buffer.from(text, "utf8")), at), dialect)
        const { rows, faults } = tokenize(pieces(text, at), dialect)
        const found = tokenizerFaults(rows, faults)
        if (s.plain) {
          expect(found).toEqual([])
          expect(s.records).toBe(rows.length - 1)
          expect(Array.from({ length: s.records }, (_, i) => lineOfRecord(s.lineMap, i))).toEqual(
            rows.slice(1).map((r) => r.line),
          )
          // The map is the least that says it: a new entry only where records and lines part.
          expect(s.lineMap[0]?.[0]).toBe(0)
          for (let i = 1; i < s.lineMap.length; i++) {
            const [record, line] = s.lineMap[i]!
            const [before, beforeLine] = s.lineMap[i - 1]!
            expect(record).toBeGreaterThan(before)
            expect(line - record).not.toBe(beforeLine - before)
          }
          expect(s.edgeFields.length).toBe(rows[0]!.fields.length)
        } else {
          const fault = scanFault(s.reason!)
          if (fault.kind === "no header") expect(rows).toEqual([])
          else if (fault.kind === "no records") {
            expect(rows.length).toBe(1)
            expect(found).toEqual([])
          }
          // The scan stops at the first fault; the tokenizer finds it too, on the same line.
          else expect(found.filter((f) => f.kind === fault.kind).map((f) => f.line)).toContain(fault.line)
        }
      }),
      RUNS,
    )
  })

  // DISAGREEMENT (left as found; see the report). The pipeline hands the tokenizer text without the
  // leading UTF-8 byte-order mark (decodeText drops it), but the byte scan reads the mark as the
  // start of the first field, so a quote after it is "a quote inside an unquoted field": a UTF-8
  // file with a byte-order mark and a quoted first header label is never plain, and DuckDB's bulk
  // path is never used for it (the tokenizer reads it instead; what is published is the same).
  // Remove `.fails` once the scan skips a leading mark.
  it.fails("agree on a UTF-8 file that starts with a byte-order mark and a quoted field", () => {
    const d = { delimiter: ";", quote: '"' }
    const text = '"a";"b"\n1;2\n'
    const { rows, faults } = tokenize([text], d)
    expect(tokenizerFaults(rows, faults)).toEqual([])
    expect(scan([Buffer.from(`\ufeff${text}`, "utf8")], d)).toMatchObject({ plain: true, records: 1 })
  })

  it("(c) on a plain file, the scan notes every column with a value to trim, and every column with a space in it", () => {
    const trim = new RegExp(`^[${TRIMMED}]|[${TRIMMED}]$`, "u")
    fc.assert(
      fc.property(csvText, cuts, ({ dialect, text }, at) => {
        const s = scan(pieces(new Uint8Array(Buffer.from(text, "utf8")), at), dialect)
        fc.pre(s.plain)
        const { rows } = tokenize([text], dialect)
        const data = rows.slice(1)
        const width = rows[0]!.fields.length
        // Every column with such a value is noted (a note too many only costs a trim).
        for (let c = 0; c < width; c++) {
          if (data.some((r) => trim.test(r.fields[c]!.value)))
            expect(s.edgeFields[c], `column ${c + 1} has a value to trim`).toBe(true)
          if (data.some((r) => /[ \u00a0\u202f]/u.test(r.fields[c]!.value)))
            expect(s.innerFields[c], `column ${c + 1} has a space`).toBe(true)
        }
      }),
      RUNS,
    )
  })
})
