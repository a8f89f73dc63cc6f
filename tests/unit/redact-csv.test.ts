/** A source's CSV file made fit for the public raw/: personal cells emptied, free text redacted, lines kept. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { CsvTokenizer } from "../../pipeline/read/csv-tokenizer.ts"
import { REDACTED } from "../../pipeline/privacy/redact.ts"
import { redactCsv } from "../../pipeline/snapshot/redact-csv.ts"

const options = {
  delimiter: ",",
  quote: '"',
  personal: ["ledare", "telefon"],
  freeText: ["beskrivning"],
  missing: ["Information saknas"],
}
const rows = (text: string) => {
  const t = new CsvTokenizer(",", '"')
  return [...t.push(text), ...t.end()].map((r) => ({ line: r.line, values: r.fields.map((f) => f.value) }))
}

describe("redactCsv", () => {
  it("empties the personal cells, redacts the free text and leaves every other field as it was", () => {
    const text = [
      "id,namn,ledare,telefon,beskrivning",
      '1,"Projekt, ett",Fiktiv Ledare,070-174 06 05,"Ett projekt.\nKontakt: Fiktiv Ledare, 070-174 06 05"',
      "2,Projekt två,Information saknas,Information saknas,Inget att dölja",
      "",
    ].join("\n")
    const r = redactCsv(text, options)
    expect(rows(r.text)).toEqual([
      { line: 1, values: ["id", "namn", "ledare", "telefon", "beskrivning"] },
      { line: 2, values: ["1", "Projekt, ett", "", "", `Ett projekt.\nKontakt: ${REDACTED}`] },
      { line: 4, values: ["2", "Projekt två", "", "", "Inget att dölja"] },
    ])
    expect(r).toMatchObject({ columnsEmptied: ["ledare", "telefon"], valuesRemoved: 2, freeTextRemovals: 3 })
    expect(r.text).not.toMatch(/Fiktiv|174 06/)
  })

  it("keeps each record on its line: blank lines, CRLF, a byte-order mark, and a line break removed with a name", () => {
    const text = '\ufeffid,ledare,beskrivning\r\n\r\n1,Fiktiv Ledare,"Kontakt: Fiktiv\r\nLedare"\r\n2,,x\r\n'
    const r = redactCsv(text, options)
    expect(r.text.startsWith("\ufeff")).toBe(true)
    expect(rows(r.text.slice(1)).map((x) => x.line)).toEqual(rows(text.slice(1)).map((x) => x.line))
    expect(r.text.split("\n")).toHaveLength(text.split("\n").length)
    expect(r.text).not.toContain("Fiktiv")
  })

  it("changes nothing in a file without personal columns", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 999 }),
            fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "å") }),
          ),
          { maxLength: 20 },
        ),
        (records) => {
          const text = `${["id,namn", ...records.map(([id, namn]) => `${id},"${namn.replaceAll('"', '""')}"`)].join("\n")}\n`
          const r = redactCsv(text, options)
          expect(rows(r.text)).toEqual(rows(text))
          expect(r.valuesRemoved + r.freeTextRemovals).toBe(0)
        },
      ),
    )
  })
})
