import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { CsvScanner, lineOfRecord } from "../../pipeline/read/csv-scan.ts"
import { edgeBytes } from "../../pipeline/read/edge-bytes.ts"
import { CsvTokenizer } from "../../pipeline/read/csv-tokenizer.ts"
import { decodeWindows1252 } from "../../pipeline/read/windows-1252.ts"
import { MAX_CELL_LENGTH, MAX_COLUMNS, MAX_LINE_MAP } from "../../pipeline/shared/limits.ts"
import { cleanText, TRIMMED } from "../../pipeline/shared/text.ts"

const scan = (text: string, chunk = 3, encoding: BufferEncoding = "utf8") => {
  const s = new CsvScanner(";".charCodeAt(0), '"'.charCodeAt(0))
  const bytes = Buffer.from(text, encoding)
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk))
  return s.end()
}

/** The tokenizer's record lines, to check the scanner's map against. */
const tokenizerLines = (text: string) => {
  const t = new CsvTokenizer(";", '"')
  return [...t.push(text), ...t.end()].slice(1).map((r) => r.line)
}

describe("CsvScanner", () => {
  it("passes a plain file and maps each record to its line", () => {
    const text = 'a;b\r\n1;2\r\n"x";"y;z"\r\n3;4\r\n'
    const r = scan(text)
    expect(r).toMatchObject({ plain: true, records: 3 })
    expect([0, 1, 2].map((i) => lineOfRecord(r.lineMap, i))).toEqual(tokenizerLines(text))
  })

  it("maps records after quoted line breaks, whatever the chunking", () => {
    const text = 'a;b\n1;"two\nlines"\n2;x\n3;"three\n\nlines"\n4;y\n'
    for (const chunk of [1, 2, 7, 1000]) {
      const r = scan(text, chunk)
      expect(r.plain).toBe(true)
      expect(Array.from({ length: r.records }, (_, i) => lineOfRecord(r.lineMap, i))).toEqual(tokenizerLines(text))
    }
  })

  it("accepts blank lines at the end only", () => {
    expect(scan("a;b\n1;2\n\n\n").plain).toBe(true)
    expect(scan("a;b\n\n1;2\n")).toMatchObject({ plain: false, reason: expect.stringContaining("blank line") })
  })

  it.each([
    ["an unclosed quote", 'a;b\n1;"x\n', "never closed"],
    ["a stray quote", 'a;b\n1;x"y\n', "unquoted field"],
    ["text after a quote", 'a;b\n1;"x"y\n', "closing quote"],
    ["a ragged record", "a;b\n1;2;3\n", "3 fields"],
    ["mixed line endings", "a;b\r\n1;2\n", "mixed line endings"],
    ["no records", "a;b\r\n", "no records"],
    ["nothing", "", "no header"],
  ])("refuses %s", (_, text, reason) => {
    expect(scan(text)).toMatchObject({ plain: false, reason: expect.stringContaining(reason) })
  })

  it("notes Windows-1252 letters in 0x80–0x9F and UTF-8 combining marks", () => {
    const s = new CsvScanner(59, 34)
    s.push(Buffer.from([0x61, 0x0a, 0x96, 0x0a]))
    expect(s.end().hasC1Bytes).toBe(true)
    expect(scan("a\nVa\u0308nna\u0308s\n").hasCombiningMarks).toBe(true)
    expect(scan("a\nVännäs\n").hasCombiningMarks).toBe(false)
  })

  describe("fields with values to trim", () => {
    const UTF8 = edgeBytes(TRIMMED)
    const CP1252 = edgeBytes(TRIMMED, (b) => decodeWindows1252(Uint8Array.of(b)))
    const edges = (text: string, encoding: "utf8" | "latin1" = "utf8", chunk = 1) => {
      const s = new CsvScanner(59, 34, { edges: encoding === "utf8" ? UTF8 : CP1252 })
      const bytes = Buffer.from(text, encoding)
      for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk))
      return s.end().edgeFields
    }

    it("marks a field when a value in it starts or ends with a character to trim, quoted or not", () => {
      expect(edges("a;b;c\n1;2;3\n")).toEqual([false, false, false])
      expect(edges(" a;b;c\n1; 2;3\n")).toEqual([false, true, false])
      expect(edges("a;b;c\n1;2;3 \n")).toEqual([false, false, true])
      expect(edges('a;b;c\n"1\t";2;"\n3"\n')).toEqual([true, false, true])
      expect(edges("a;b\r\n1;2\u00a0\r\n3;4\r\n")).toEqual([false, true])
      expect(edges("a;b\n1;\u3000x\n")).toEqual([false, true])
      expect(edges("a;b\n1;x\u202f", "utf8", 2)).toEqual([false, true])
      // Inside a value is no edge; an empty value has none.
      expect(edges('a;b\n1 2;"x y"\n;""\n')).toEqual([false, false])
      expect(edges("a;b\n1;x\xa0\n", "latin1")).toEqual([false, true])
    })

    it("never misses a field cleanText would change by trimming (property)", () => {
      const piece = fc.constantFrom(
        "a",
        "Ö",
        "1",
        " ",
        "\t",
        "\u00a0",
        "\u2009",
        "\u3000",
        "\ufeff",
        "é",
        "€",
        '"',
        ";",
        "\n",
        "x y",
      )
      const cell = fc.array(piece, { maxLength: 6 }).map((p) => p.join(""))
      fc.assert(
        fc.property(
          fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 5 }),
          fc.integer({ min: 1, max: 7 }),
          (rows, chunk) => {
            const quoted = (v: string) => `"${v.replaceAll('"', '""')}"`
            const text = `a;b\n${rows.map(([x, y]) => `${quoted(x)};${quoted(y)}`).join("\n")}\n`
            const found = edges(text, "utf8", chunk)
            // A value that cleanText changes beyond composing it is in a marked field.
            for (const i of [0, 1]) {
              if (rows.some((r) => cleanText(r[i]!) !== r[i]!.normalize("NFC")))
                expect(found[i], `field ${i} of ${JSON.stringify(text)}`).toBe(true)
            }
          },
        ),
      )
    })
  })

  it("marks a field when a value in it holds a watched byte anywhere: thousands separators", () => {
    const spaces = " \u00a0\u202f"
    const inner = (text: string, encoding: "utf8" | "latin1", chunk = 1) => {
      const s = new CsvScanner(59, 34, {
        inner: edgeBytes(spaces, encoding === "utf8" ? undefined : (b) => decodeWindows1252(Uint8Array.of(b))).last,
      })
      const bytes = Buffer.from(text, encoding)
      for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk))
      return s.end().innerFields
    }
    expect(inner("a b;c;d\n1;2516,5;x\n", "utf8")).toEqual([false, false, false])
    expect(inner('a;b;c\n1;2 516;x\n2;"3\u00a0000";y\n', "utf8")).toEqual([false, true, false])
    expect(inner("a;b;c\n1;2;3\u202f000\n", "utf8", 2)).toEqual([false, false, true])
    expect(inner("a;b\n1;2\xa0516\n", "latin1")).toEqual([false, true])
    // In the header only: not a value.
    expect(inner("a b;c\n1;2\n", "latin1")).toEqual([false, false])
  })

  it("sends a field longer than the cell limit in bytes to the tokenizer, which counts its characters", () => {
    const at = (n: number) => scan(`a;b\n1;${"x".repeat(n)}\n2;3\n`, 1 << 16)
    expect(at(MAX_CELL_LENGTH)).toMatchObject({ plain: true })
    expect(at(MAX_CELL_LENGTH + 1)).toMatchObject({
      plain: false,
      reason: expect.stringMatching(/more than 32767 bytes on line 2/),
    })
    // The last field of the file, without a line end after it.
    expect(scan(`a\n${"x".repeat(MAX_CELL_LENGTH + 1)}`, 1 << 16)).toMatchObject({ plain: false })
  })

  it("sends a record of more fields than a delivery may have columns to the tokenizer, noting none past them", () => {
    const wide = (n: number) =>
      `${Array.from({ length: n }, (_, i) => `c${i}`).join(";")}\n${" x ;".repeat(n - 1)} x \n`
    expect(scan(wide(MAX_COLUMNS), 1 << 16)).toMatchObject({ plain: true })
    const r = scan(wide(MAX_COLUMNS + 1), 1 << 16)
    expect(r).toMatchObject({ plain: false, reason: `more than ${MAX_COLUMNS} fields on line 1` })
  })

  it("maps at most MAX_LINE_MAP changes of line: a file with more goes to the tokenizer", () => {
    const spanning = (n: number) => `a;b\n${'1;"x\ny"\n'.repeat(n)}`
    expect(scan(spanning(MAX_LINE_MAP), 1 << 16)).toMatchObject({ plain: true, records: MAX_LINE_MAP })
    expect(scan(spanning(MAX_LINE_MAP + 1), 1 << 16)).toMatchObject({ plain: false })
  })
})
