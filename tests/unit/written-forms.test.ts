import { describe, expect, it } from "vitest"
import { cleanText } from "../../pipeline/shared/text.ts"
import { padCode, parseDate, parseNumber, splitCodeName } from "../../pipeline/shared/written-forms.ts"

const swedish = { decimalSeparator: ",", thousandsSeparator: " " } as const
const plain = { decimalSeparator: ".", thousandsSeparator: "" } as const

describe("cleanText", () => {
  it("trims spaces, tabs and no-break spaces", () => expect(cleanText(" \u00a0Bjurholm\t ")).toBe("Bjurholm"))
  it("composes to NFC", () => expect(cleanText("Va\u0308nna\u0308s")).toBe("Vännäs"))
})

describe("parseNumber", () => {
  it("reads a decimal comma", () => expect(parseNumber("12,5", swedish)).toEqual({ ok: true, value: 12.5 }))
  it("reads space thousands", () => expect(parseNumber("111 771", swedish)).toEqual({ ok: true, value: 111771 }))
  it("reads no-break-space thousands", () =>
    expect(parseNumber("1\u00a0234\u202f567,25", swedish)).toEqual({ ok: true, value: 1234567.25 }))
  it("reads a sign", () => expect(parseNumber("-3", swedish)).toEqual({ ok: true, value: -3 }))
  it("refuses a decimal point where a comma is declared", () => expect(parseNumber("12.5", swedish).ok).toBe(false))
  it("refuses misplaced separators", () => expect(parseNumber("11 17 71", swedish).ok).toBe(false))
  it("refuses text, saying the form expected in plain words, by examples in the declared format", () => {
    expect(parseNumber("8x357", swedish)).toEqual({ ok: false, expected: "a number, like 2403, 2 403 or 12,5" })
    expect(parseNumber("8x357", plain)).toEqual({ ok: false, expected: "a number, like 2403 or 12.5" })
  })
  it("refuses grouping when none is declared", () => expect(parseNumber("1 234", plain).ok).toBe(false))
  it("refuses an empty string", () => expect(parseNumber("", plain).ok).toBe(false))
})

describe("parseDate", () => {
  it("keeps an ISO date", () => expect(parseDate("2008-01-01")).toEqual({ ok: true, value: "2008-01-01" }))
  it("refuses a date that does not exist", () => expect(parseDate("2010-02-30").ok).toBe(false))
  it("refuses a Swedish short date", () => expect(parseDate("08-01-01").ok).toBe(false))
})

describe("splitCodeName", () => {
  it("splits SCB's region cell", () =>
    expect(splitCodeName("2403 Bjurholm")).toEqual({ ok: true, value: { code: "2403", name: "Bjurholm" } }))
  it("keeps names with spaces", () =>
    expect(splitCodeName("0114 Upplands Väsby")).toEqual({ ok: true, value: { code: "0114", name: "Upplands Väsby" } }))
  it("refuses a name alone", () => expect(splitCodeName("Bjurholm").ok).toBe(false))
})

describe("padCode", () => {
  it("restores a lost leading zero", () => expect(padCode("114", 4)).toBe("0114"))
  it("leaves a full code", () => expect(padCode("2403", 4)).toBe("2403"))
  it("leaves text alone", () => expect(padCode("ab", 4)).toBe("ab"))
})
