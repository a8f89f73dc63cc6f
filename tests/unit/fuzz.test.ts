/**
 * Property-based tests (fast-check): any input gives records or located problems, never an
 * uncaught exception, and in time proportional to its size. Readers get arbitrary bytes and
 * text, adversarial characters weighted in; normalizers get arbitrary strings.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { resolveDialect } from "../../pipeline/contract/manifest-schema.ts"
import { cleanText } from "../../pipeline/shared/text.ts"
import { parseBoolean, parseDate, parseInteger, parseNumber, splitCodeName } from "../../pipeline/normalize/cells.ts"
import { CsvScanner } from "../../pipeline/read/csv-scan.ts"
import { CsvTokenizer } from "../../pipeline/read/csv-tokenizer.ts"
import { EncodingGuard, encodingProblem } from "../../pipeline/read/decode-text.ts"
import { FileGuard } from "../../pipeline/read/file-guards.ts"
import { readJsonRecords } from "../../pipeline/read/read-json.ts"
import { makeRedactor } from "../../pipeline/privacy/redact.ts"
import { repairText } from "../../pipeline/sources/repair-text.ts"

const RUNS = { numRuns: 300 }

/** Text made mostly of what breaks CSV and JSON readers. */
const nasty = fc.string({ unit: fc.oneof(fc.constantFrom('"', "'", ";", ",", "\n", "\r", "\t", "{", "}", "[", "]", ":", "\\", "\u0000", "\ufeff", "å", "€", "\u00a0", " "), fc.string({ minLength: 1, maxLength: 1 }), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 400 })
const bytes = fc.uint8Array({ maxLength: 600 })

describe("readers on any input", () => {
  it("the CSV tokenizer yields rows and located faults, whatever the text and chunking", () => {
    fc.assert(fc.property(nasty, fc.integer({ min: 1, max: 50 }), fc.constantFrom(",", ";", "\t"), (text, chunk, delimiter) => {
      const tokenizer = new CsvTokenizer(delimiter, '"')
      const rows = []
      for (let i = 0; i < text.length; i += chunk) rows.push(...tokenizer.push(text.slice(i, i + chunk)))
      rows.push(...tokenizer.end())
      for (const r of rows) {
        expect(r.line).toBeGreaterThanOrEqual(1)
        for (const f of r.fields) expect(f.line).toBeGreaterThanOrEqual(r.line)
      }
      for (const f of tokenizer.faults) expect(f.line).toBeGreaterThanOrEqual(1)
    }), RUNS)
  })

  it("the byte scan and the encoding guards accept any bytes", () => {
    fc.assert(fc.property(bytes, fc.integer({ min: 1, max: 64 }), (data, chunk) => {
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
      for (const g of guards) expect(typeof g.end()).toBe("boolean")
      for (const hit of files.end()) expect(hit.offset).toBeLessThan(Math.max(1, data.length))
      const problem = encodingProblem(data, "utf-8", "x.csv", { delimiter: ";", quote: '"' })
      if (problem !== undefined) expect(problem.line).toBeGreaterThanOrEqual(1)
    }), RUNS)
  })

  it("the JSON reader gives records or located problems for any bytes and any text", () => {
    const dialect = resolveDialect({ records: "values", unnest: "values" })
    fc.assert(fc.property(fc.oneof(bytes.map((b) => Buffer.from(b)), nasty.map((t) => Buffer.from(t)), fc.json().map((t) => Buffer.from(t))), (data) => {
      const { records, problems } = readJsonRecords(data, "x.json", dialect)
      for (const p of problems) if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1)
      for (const r of records) expect(r.line).toBeGreaterThanOrEqual(1)
    }), RUNS)
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
      const json = readJsonRecords(Buffer.from(`[${text.slice(0, 1 << 20)}`), "x.json", resolveDialect(undefined))
      expect(json.problems.length).toBeGreaterThan(0)
      // Generous: these take tens of milliseconds here; a hang or a quadratic step takes far longer.
      expect(performance.now() - started).toBeLessThan(5_000)
    }
  })
})

describe("normalizers and repairs on any string", () => {
  const formats = fc.constantFrom({ decimalSeparator: "," as const, thousandsSeparator: " " }, { decimalSeparator: "." as const, thousandsSeparator: "" }, { decimalSeparator: "," as const, thousandsSeparator: "." })

  it("parse or say what they expected, never throw", () => {
    fc.assert(fc.property(nasty, formats, (text, format) => {
      for (const parsed of [parseNumber(text, format), parseInteger(text, format), parseBoolean(text), parseDate(text), splitCodeName(text)]) {
        if (parsed.ok) expect(parsed.value).not.toBeUndefined()
        else expect(parsed.expected.length).toBeGreaterThan(0)
      }
      expect(typeof cleanText(text)).toBe("string")
    }), RUNS)
  })

  it("a number that parses is finite, and an integer is whole", () => {
    fc.assert(fc.property(nasty, formats, (text, format) => {
      const n = parseNumber(text, format)
      if (n.ok) expect(Number.isFinite(n.value)).toBe(true)
      const i = parseInteger(text, format)
      if (i.ok) expect(Number.isInteger(i.value)).toBe(true)
    }), RUNS)
  })

  it("text repairs and redaction never throw, and leave no e-mail address behind", () => {
    const redact = makeRedactor(["Fiktiv Ledare", "070-174 06 05"])
    fc.assert(fc.property(nasty, fc.emailAddress(), (text, email) => {
      const repaired = repairText(`${text}Å\u0096${text}`)
      expect(repaired.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f¿]/u)
      expect(redact(`${text} ${email} ${text}`).text).not.toContain(email)
    }), RUNS)
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
    if (marker !== null) found.push({ kind: "conflict-marker", offset: marker.index + (marker[0].startsWith("\n") ? 1 : 0) })
    const bom = text.indexOf("\u00ef\u00bb\u00bf", 1)
    if (bom !== -1) found.push({ kind: "bom", offset: bom })
    return found.sort((a, b) => a.offset - b.offset)
  }

  it("find the first of each fault wherever the chunks break (property)", () => {
    const piece = fc.constantFrom("\n", "\r\n", "a", "=", "=======", "<<<<<<< ", ">>>>>>> ", "<<<<<<<", "\u0000", "\ufeff", "x y", "\r")
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 24 }), (pieces, chunk) => {
      const data = Buffer.from(pieces.join(""), "utf8")
      const guard = new FileGuard()
      for (let i = 0; i < data.length; i += chunk) guard.push(data.subarray(i, i + chunk))
      expect(guard.end()).toEqual(reference(data))
    }), { numRuns: 2000 })
  })
})
