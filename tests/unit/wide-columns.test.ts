import { describe, expect, it } from "vitest"
import { wideMatcher } from "../../pipeline/contract/wide-columns.ts"

describe("wideMatcher: which header labels are a wide layout's values", () => {
  it("a range of years takes labels that are years inside it, and nothing else", () => {
    const labelValue = wideMatcher({ years: [1950, 2019] })
    expect(["1950", "1987", "2019"].map(labelValue)).toEqual(["1950", "1987", "2019"])
    expect(["1949", "2020", "19500", "195O", "Kommun", "", "år 1987"].map(labelValue)).toEqual(Array(7).fill(undefined))
  })

  it("a prefix gives the rest of the label; with years, only a year inside the range", () => {
    expect(
      ["Folkmängd 2010", "Folkmängd män", "Folkmängd ", "Kommun"].map(wideMatcher({ prefix: "Folkmängd " })),
    ).toEqual(["2010", "män", undefined, undefined])
    const years = wideMatcher({ prefix: "Folkmängd ", years: [2008, 2018] })
    expect(["Folkmängd 2010", "Folkmängd 2019", "Folkmängd män", "2010"].map(years)).toEqual([
      "2010",
      undefined,
      undefined,
      undefined,
    ])
  })

  it("a list takes exactly its labels, compared as the readers clean them", () => {
    const labelValue = wideMatcher({ labels: [" 2008 ", "Vår"] })
    expect(["2008", "Vår", "2009", "vår"].map(labelValue)).toEqual(["2008", "Vår", undefined, undefined])
  })

  it("takes time in proportion to the label, whatever the label (a pattern such as ^(\\d+)+$ would not end)", () => {
    const hostile = `${"1".repeat(1_000_000)}x`
    expect(wideMatcher({ years: [1950, 2019] })(hostile)).toBeUndefined()
    expect(wideMatcher({ prefix: "1" })(hostile)).toBe(hostile.slice(1))
    expect(wideMatcher({ labels: ["1"] })(hostile)).toBeUndefined()
  })
})
