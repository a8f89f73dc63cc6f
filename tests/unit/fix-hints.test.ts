import { describe, expect, it } from "vitest"
import {
  codeColumnHint,
  missingMarkerHint,
  numberFormatHint,
  numberInTextHint,
} from "../../pipeline/normalize/fix-hints.ts"
import { MunicipalityIndex } from "../../pipeline/normalize/municipality-names.ts"

const POINT = { decimalSeparator: ".", thousandsSeparator: "" } as const
const index = new MunicipalityIndex(
  [
    { code: "2403", name: "Bjurholm" },
    { code: "2404", name: "Vindeln" },
  ],
  "municipalities",
)
const toMunicipalities = [{ fields: ["municipality_code"], reference: { dataset: "municipalities", fields: ["x"] } }]

describe("numberFormatHint", () => {
  it("names only the settings that differ from the declared ones", () => {
    expect(numberFormatHint("1 234,5", POINT)).toBe(
      `; if the file writes numbers so, declare "decimalSeparator": ",", "thousandsSeparator": " " (it reads as 1234.5) in the delivery's dialect`,
    )
    expect(numberFormatHint("8 357", POINT)).toContain(`declare "thousandsSeparator": " " (it reads as 8357)`)
    expect(numberFormatHint("2,5", POINT)).toContain(`"decimalSeparator": "," (it reads as 2.5)`)
  })

  it("names both readings where two fit equally, and leaves the choice to a person", () => {
    const hint = numberFormatHint("1,234", POINT)
    expect(hint).toContain(
      `"thousandsSeparator": "," (it reads as 1234), or "decimalSeparator": "," (it reads as 1.234)`,
    )
  })

  it("says nothing for text no format reads", () => {
    expect(numberFormatHint("abc", POINT)).toBe("")
    expect(numberFormatHint("-", POINT)).toBe("")
  })
})

describe("numberInTextHint", () => {
  it("names the number a cell holds among words, to be written alone", () => {
    const swedish = { decimalSeparator: ",", thousandsSeparator: " " } as const
    expect(numberInTextHint("ca 2 400", swedish)).toContain('write the number alone in the cell ("2 400")')
    expect(numberInTextHint("2400 st", POINT)).toContain('("2400")')
  })

  it("says nothing of a cell without words, or with two numbers", () => {
    expect(numberInTextHint("2400", POINT)).toBe("")
    expect(numberInTextHint("2008-2010", POINT)).toBe("")
    expect(numberInTextHint("från 10 till 12", POINT)).toBe("")
  })
})

describe("missingMarkerHint", () => {
  it("proposes a missing-value marker for what tables write for a missing value", () => {
    for (const text of ["-", "..", "–", "NA"])
      expect(missingMarkerHint(text)).toContain(`"value": ${JSON.stringify(text)}`)
    expect(missingMarkerHint("12")).toBe("")
  })
})

describe("codeColumnHint", () => {
  it("proposes the parse that reads names, or code and name, in a column that refers to the municipalities", () => {
    expect(codeColumnHint("Vindeln", "municipality_code", toMunicipalities, index)).toContain(
      `"Vindeln" is the name of Vindeln (2404): if the column gives names, declare it { "field": "municipality_code", "parse": "municipality-name" }`,
    )
    expect(codeColumnHint("2403 Bjurholm", "municipality_code", toMunicipalities, index)).toContain(
      `"parse": "code-name"`,
    )
  })

  it("says nothing for a field that does not refer to the municipalities, or a name no municipality has", () => {
    expect(codeColumnHint("Vindeln", "county_code", toMunicipalities, index)).toBe("")
    expect(codeColumnHint("Umeå", "municipality_code", toMunicipalities, index)).toBe("")
  })
})

describe("MunicipalityIndex.nearest", () => {
  it("suggests the one name within two edits, and none where two are as near", () => {
    expect(index.nearest("Vindelen")).toEqual({ code: "2404", name: "Vindeln" })
    expect(index.nearest("Stockholm")).toBeUndefined()
    const twins = new MunicipalityIndex([
      { code: "1", name: "Ala" },
      { code: "2", name: "Alb" },
    ])
    expect(twins.nearest("Alc")).toBeUndefined()
  })
})
