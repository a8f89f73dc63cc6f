/**
 * Property-based tests (fast-check) of the readers and the file guards: any bytes or text give
 * records or located problems, the same whatever the chunking, in time proportional to size.
 */
import { isUtf8 } from "node:buffer"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { resolveDialect } from "../../pipeline/contract/manifest-schema.ts"
import { CsvScanner, lineOfRecord } from "../../pipeline/read/csv-scan.ts"
import { CsvTokenizer, type CsvRow } from "../../pipeline/read/csv-tokenizer.ts"
import { EncodingGuard, encodingProblem, findUtf8Latin, firstInvalidUtf8 } from "../../pipeline/read/decode-text.ts"
import { FileGuard } from "../../pipeline/read/file-guards.ts"
import { readJsonRecords } from "../../pipeline/read/read-json.ts"
import type { Problem } from "../../pipeline/problems/problem.ts"

import { RUNS, nasty, bytes } from "../support/fuzz-inputs.ts"
describe("readers on any input", () => {
  it("the CSV tokenizer yields rows and located faults, whatever the text and chunking", () => {
    fc.assert(
      fc.property(
        nasty,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom(",", ";", "\t"),
        (text, chunk, other, delimiter) => {
          const tokenize = (size: number) => {
            const tokenizer = new CsvTokenizer(delimiter, '"')
            const rows: CsvRow[] = []
            for (let i = 0; i < text.length; i += size) rows.push(...tokenizer.push(text.slice(i, i + size)))
            rows.push(...tokenizer.end())
            return { rows, faults: tokenizer.faults }
          }
          const { rows, faults } = tokenize(chunk)
          for (const r of rows) {
            expect(r.line).toBeGreaterThanOrEqual(1)
            for (const f of r.fields) expect(f.line).toBeGreaterThanOrEqual(r.line)
            // Fields of a record stand in order: each after the one before it, on its line or a later one.
            for (let k = 1; k < r.fields.length; k++) {
              const [a, b] = [r.fields[k - 1]!, r.fields[k]!]
              expect(b.line > a.line || (b.line === a.line && b.column > a.column)).toBe(true)
            }
            expect(["\r\n", "\n", "\r", ""]).toContain(r.ending)
          }
          // Records come in the order of their lines, strictly: no two begin on the same line.
          for (let k = 1; k < rows.length; k++) expect(rows[k]!.line).toBeGreaterThan(rows[k - 1]!.line)
          for (const f of faults) expect(f.line).toBeGreaterThanOrEqual(1)
          for (let k = 1; k < faults.length; k++) expect(faults[k]!.line).toBeGreaterThanOrEqual(faults[k - 1]!.line)
          // Only the last record may end without a line ending.
          for (const r of rows.slice(0, -1)) expect(r.ending).not.toBe("")
          // Whatever the chunking: another chunk size, and the whole text at once, give the same.
          expect(tokenize(other)).toEqual({ rows, faults })
          expect(tokenize(Math.max(1, text.length))).toEqual({ rows, faults })
        },
      ),
      RUNS,
    )
  })

  it("the byte scan and the encoding guards accept any bytes", () => {
    // Arbitrary bytes, and bytes that start like a file (a byte-order mark, a UTF-8 letter) before them.
    const start = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xc3, 0xa5], [0x22], [0x0d, 0x0a])
    fc.assert(
      fc.property(start, bytes, fc.integer({ min: 1, max: 64 }), (lead, tail, chunk) => {
        const data = Uint8Array.from([...lead, ...tail])
        const scanner = new CsvScanner(0x3b, 0x22)
        const guards = [new EncodingGuard("utf-8"), new EncodingGuard("windows-1252")]
        const files = new FileGuard()
        for (let i = 0; i < data.length; i += chunk) {
          const part = Buffer.from(data.subarray(i, i + chunk))
          scanner.push(part)
          for (const g of guards) g.push(part)
          files.push(part)
        }
        const scan = scanner.end()
        expect(scan.records).toBeGreaterThanOrEqual(0)
        const verdicts = guards.map((g) => g.end())
        for (const v of verdicts) expect(typeof v).toBe("boolean")
        for (const hit of files.end()) expect(hit.offset).toBeLessThan(Math.max(1, data.length))
        const problem = encodingProblem(data, "utf-8", "x.csv", { delimiter: ";", quote: '"' })
        if (problem !== undefined) expect(problem.line).toBeGreaterThanOrEqual(1)

        // The scan: the same result from the whole buffer at once.
        const whole = new CsvScanner(0x3b, 0x22)
        whole.push(data)
        expect(scan).toEqual(whole.end())
        // No more records than line breaks allow; the map runs forwards, every record below the header.
        const breaks = data.filter((b) => b === 0x0a || b === 0x0d).length
        expect(scan.records).toBeLessThanOrEqual(breaks + 1)
        for (let k = 1; k < scan.lineMap.length; k++) {
          expect(scan.lineMap[k]![0]).toBeGreaterThan(scan.lineMap[k - 1]![0])
          expect(scan.lineMap[k]![1]).toBeGreaterThan(scan.lineMap[k - 1]![1])
        }
        for (let r = 0; r < scan.records && scan.lineMap.length > 0; r++)
          expect(lineOfRecord(scan.lineMap, r)).toBeGreaterThanOrEqual(2 + r)
        if (scan.plain) expect(scan.reason).toBeUndefined()
        else expect(scan.reason).toEqual(expect.any(String))

        // The UTF-8 guard, whatever the chunking, says what the whole buffer says.
        const valid = isUtf8(data)
        expect(verdicts[0]).toBe(valid)
        expect(firstInvalidUtf8(data) === -1).toBe(valid)
        expect(problem === undefined).toBe(valid)
        // The Windows-1252 guard refuses a byte-order mark and UTF-8 letters, wherever a chunk breaks
        // them: a mark it sees only in a first chunk of three bytes or more (see the test below).
        const windows1252 = !(data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) && findUtf8Latin(data) < 0
        if (chunk >= 3) expect(verdicts[1]).toBe(windows1252)
        expect(encodingProblem(data, "windows-1252", "x.csv") === undefined).toBe(windows1252)
      }),
      RUNS,
    )
  })

  // Found by the property: the guard looked for a byte-order mark in the first chunk only, so a
  // first chunk of one or two bytes let one through that the whole-file check refuses.
  it("the Windows-1252 guard refuses a leading byte-order mark fed one byte at a time", () => {
    const data = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a])
    expect(encodingProblem(data, "windows-1252", "x.csv")?.code).toBe("file/encoding")
    const guard = new EncodingGuard("windows-1252")
    for (const b of data) guard.push(Buffer.from([b]))
    expect(guard.end()).toBe(false)
  })

  it("the JSON reader gives records or located problems for any bytes and any text", () => {
    const dialect = resolveDialect({ records: "values", unnest: "values" })
    fc.assert(
      fc.property(
        fc.oneof(
          bytes.map((b) => Buffer.from(b)),
          nasty.map((t) => Buffer.from(t)),
          fc.json().map((t) => Buffer.from(t)),
        ),
        (data) => {
          const problems: Problem[] = []
          const records = readJsonRecords(data, "x.json", dialect, (p) => problems.push(p))
          for (const p of problems) if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1)
          for (const r of records) expect(r.line).toBeGreaterThanOrEqual(1)
          // Records or problems, never neither; records in order of their lines, cells at or after their record.
          expect(records.length + problems.length).toBeGreaterThan(0)
          for (let k = 1; k < records.length; k++) expect(records[k]!.line).toBeGreaterThanOrEqual(records[k - 1]!.line)
          for (const r of records) for (const c of r.cells) expect(c.line).toBeGreaterThanOrEqual(r.line)
        },
      ),
      RUNS,
    )
  })

  it("takes time in proportion to size: a megabyte of adversarial text in well under a second each", () => {
    const quotes = `${'"a""b";'.repeat(140_000)}\n`
    const open = `"${"x".repeat(1 << 20)}`
    const newlines = "\r\n\r".repeat(350_000)
    for (const text of [quotes, open, newlines]) {
      const started = performance.now()
      const tokenizer = new CsvTokenizer(";", '"')
      for (let i = 0; i < text.length; i += 1 << 16) tokenizer.push(text.slice(i, i + (1 << 16)))
      tokenizer.end()
      const problems: Problem[] = []
      readJsonRecords(Buffer.from(`[${text.slice(0, 1 << 20)}`), "x.json", resolveDialect(undefined), (p) =>
        problems.push(p),
      )
      expect(problems.length).toBeGreaterThan(0)
      // Generous: these take tens of milliseconds here; a hang or a quadratic step takes far longer.
      expect(performance.now() - started).toBeLessThan(5_000)
    }
  })
})

describe("the file guards", () => {
  /** The same faults found over the whole file at once, by regular expressions. */
  const reference = (data: Buffer) => {
    const text = data.toString("latin1")
    const found: Array<{ kind: string; offset: number }> = []
    const nul = text.indexOf("\u0000")
    if (nul !== -1) found.push({ kind: "nul", offset: nul })
    const marker = /(?:^|\n)(?:<<<<<<< |>>>>>>> |=======\r?\n)/u.exec(text)
    if (marker !== null)
      found.push({ kind: "conflict-marker", offset: marker.index + (marker[0].startsWith("\n") ? 1 : 0) })
    const bom = text.indexOf("\u00ef\u00bb\u00bf", 1)
    if (bom !== -1) found.push({ kind: "bom", offset: bom })
    return found.sort((a, b) => a.offset - b.offset)
  }

  it("find the first of each fault wherever the chunks break (property)", () => {
    const piece = fc.constantFrom(
      "\n",
      "\r\n",
      "a",
      "=",
      "=======",
      "<<<<<<< ",
      ">>>>>>> ",
      "<<<<<<<",
      "\u0000",
      "\ufeff",
      "x y",
      "\r",
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 24 }), (pieces, chunk) => {
        const data = Buffer.from(pieces.join(""), "utf8")
        const guard = new FileGuard()
        for (let i = 0; i < data.length; i += chunk) guard.push(data.subarray(i, i + chunk))
        expect(guard.end()).toEqual(reference(data))
      }),
      { numRuns: 2000 },
    )
  })
})
