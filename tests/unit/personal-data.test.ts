import { describe, expect, it } from "vitest"
import { findPersonalData } from "../../pipeline/check/personal-data.ts"

describe("findPersonalData", () => {
  it.each([
    ["kontakt: testa.person41364@example.se", "an e-mail address"],
    ["ring 070-413 64 00", "a phone number"],
    ["tel +46 90 12 34 56", "a phone number"],
    ["växel 0934-140 00", "a phone number"],
    ["pnr 19640823-3234", "a personal identity number"],
    ["pnr 640823-3234", "a personal identity number"],
  ])("finds %s", (text, kind) => expect(findPersonalData(text).map((h) => h.kind)).toContain(kind))

  it.each([
    "7500000",
    "4 017 126",
    "2008-01-01,2010-12-31",
    "population,2403,2008,2516.0,,scb/folkmangd.csv,2",
    "e534d6423221ebd4ad8b323ca9022832188190616c231c281b8849b1156d4b91  corrections.csv",
    "SE331",
  ])("leaves %s alone", (text) => expect(findPersonalData(text)).toEqual([]))
})
