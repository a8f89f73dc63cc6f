/** pipeline/describe/number-format.ts: separators read off the values, markers of missing values, and what is asked. */
import { describe, expect, it } from "vitest"
import { renderGuess } from "../../pipeline/describe/evidence.ts"
import { detectNumberFormat, isMarkerLike, valueFormat } from "../../pipeline/describe/number-format.ts"

const column = (label: string, ...values: string[]) => ({ label, values, lines: values.map((_, i) => i + 2) })

describe("what one value says", () => {
  it.each([
    ["12,5", { decimal: "," }],
    ["12.5", { decimal: "." }],
    ["1 234", { thousands: " " }],
    ["1\u00a0234", { thousands: " " }],
    ["1 234,5", { decimal: ",", thousands: " " }],
    ["1.234,5", { decimal: ",", thousands: "." }],
    ["1,234.5", { decimal: ".", thousands: "," }],
    ["1,234,567", { thousands: "," }],
    ["0,125", { decimal: "," }],
    ["1234,567", { decimal: "," }],
    ["-2,5", { decimal: "," }],
    ["2010", {}],
    ["1,234", { either: "," }],
    ["1.234", { either: "." }],
  ])("%s", (value, expected) => expect(valueFormat(value)).toEqual(expected))

  it.each(["abc", "12 5", "1,2,3", "2403 Bjurholm", "2010-01-01", ""])("%s is no number", (value) =>
    expect(valueFormat(value)).toBeUndefined(),
  )

  it("knows a marker of a missing value by its shape", () => {
    expect(["..", "-", "–", "x", "X", "*", "…"].every(isMarkerLike)).toBe(true)
    expect(["12", "ej", "n/a text", "Vindeln"].some(isMarkerLike)).toBe(false)
  })
})

describe("the number format of a table", () => {
  it("finds a decimal comma and a space between thousands, with the value that shows each", () => {
    const found = detectNumberFormat([column("Kommun", "Bjurholm", "Vännäs"), column("Antal", "12,5", "1 234")])
    expect([found.decimalSeparator, found.thousandsSeparator]).toEqual([",", " "])
    expect(found.guesses.map(renderGuess)).toEqual([
      'decimal separator: "," ("12,5" in column Antal)',
      'thousands separator: " " ("1 234" in column Antal)',
    ])
    expect([...found.numeric]).toEqual(["Antal"])
    expect(found.questions).toEqual([])
  })

  it("reads 1.234,5 as a point between thousands and a decimal comma", () => {
    const found = detectNumberFormat([column("Värde", "1.234,5", "17")])
    expect([found.decimalSeparator, found.thousandsSeparator]).toEqual([",", "."])
  })

  it("asks about 1,234 alone, naming --decimal-separator", () => {
    const found = detectNumberFormat([column("Antal", "1,234", "5,678")])
    expect(found.decimalSeparator).toBeUndefined()
    expect(found.questions).toHaveLength(1)
    expect(found.questions[0]!.flag).toBe("--decimal-separator")
    expect(found.questions[0]!.question).toContain('"1,234" in column Antal may be 1.234')
  })

  it("settles 1,234 by another value: a decimal comma elsewhere, or a decimal point", () => {
    expect(detectNumberFormat([column("Antal", "1,234", "2,5")]).decimalSeparator).toBe(",")
    const point = detectNumberFormat([column("Antal", "1,234", "2.5")])
    expect([point.decimalSeparator, point.thousandsSeparator]).toEqual([".", ","])
  })

  it("takes the separator given, which settles 1,234", () => {
    const found = detectNumberFormat([column("Antal", "1,234")], { decimalSeparator: "." })
    expect([found.decimalSeparator, found.thousandsSeparator]).toEqual([".", ","])
    expect(found.questions).toEqual([])
    expect(found.guesses[0]!.evidence).toBe("given with --decimal-separator")
  })

  it("asks when the values disagree", () => {
    const found = detectNumberFormat([column("A", "12,5"), column("B", "7.25")])
    expect(found.questions.map((q) => q.flag)).toEqual(["--decimal-separator"])
  })

  it("collects the markers of a column otherwise of numbers, with where each first stands", () => {
    const found = detectNumberFormat([column("Antal", "12", "..", "-", "..", "", "7")])
    expect([...found.numeric]).toEqual(["Antal"])
    expect(Object.fromEntries(found.markers)).toEqual({
      "..": { column: "Antal", line: 3, count: 2 },
      "-": { column: "Antal", line: 4, count: 1 },
    })
  })

  it("sees no markers in a column of text", () => {
    const found = detectNumberFormat([column("Namn", "Bjurholm", "-", "x")])
    expect(found.numeric.size).toBe(0)
    expect(found.markers.size).toBe(0)
  })
})
