import { describe, expect, it } from "vitest"
import { findPersonalData } from "../../pipeline/privacy/personal-data.ts"

describe("findPersonalData", () => {
  it.each([
    ["kontakt: fiktiv.ledare@example.se", "an e-mail address"],
    ["ring 070-174 06 11", "a phone number"],
    ["tel +46 70 174 06 12", "a phone number"],
    ["växel 0701-74 06 13", "a phone number"],
    ["pnr 19121212-1212", "a personal identity number"],
    ["pnr 121212-1212", "a personal identity number"],
  ])("finds %s", (text, kind) => expect(findPersonalData(text).map((h) => h.kind)).toContain(kind))

  it.each([
    "7500000",
    "4 017 126",
    "2008-01-01,2010-12-31",
    "population,2403,2008,2516.0,,scb/folkmangd.csv,2",
    "e534d6423221ebd4ad8b323ca9022832188190616c231c281b8849b1156d4b91  corrections.csv",
    "SE331",
  ])("leaves %s alone", (text) => expect(findPersonalData(text)).toEqual([]))

  it("reads a long word once, not once from each of its letters", () => {
    // Tried from every letter, the e-mail pattern took seconds on 33,000 letters and grew with their square.
    expect(findPersonalData("Bjurholm".repeat(40_000))).toEqual([])
    expect(findPersonalData(`${"a".repeat(100_000)}@example.org`).map((h) => h.kind)).toEqual(["an e-mail address"])
  })
})
