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
import { lineOfRecord } from "../../pipeline/read/csv-scan.ts"
import { TRIMMED } from "../../pipeline/shared/text.ts"

import {
  RUNS,
  csvText,
  inputs,
  cuts,
  pieces,
  tokenize,
  scan,
  lastLineOf,
  tokenizerFaults,
  scanFault,
} from "../support/csv-inputs.ts"

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

  // Known, not yet fixed (the published result is the same). The pipeline hands the tokenizer text without the
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
