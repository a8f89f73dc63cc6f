import { describe, expect, it } from "vitest"
import { LOST, repairText } from "../../pipeline/sources/repair-text.ts"

describe("repairText", () => {
  it("decodes Å followed by a C1 or Latin-1 character again as the UTF-8 letter it was", () => {
    expect(repairText("Å\u0096vre Norrland")).toEqual({
      text: "Övre Norrland",
      fixes: [{ from: "Å\u0096", to: "Ö", reason: expect.stringContaining("mojibake: 1 occurrence") }],
    })
    expect(repairText("idÅ©n och affärsidÅ©er").text).toBe("idén och affärsidéer")
  })

  it("leaves a real Å alone", () => {
    expect(repairText("Åre och Åsele")).toEqual({ text: "Åre och Åsele", fixes: [] })
  })

  it("restores punctuation whose high byte was dropped, and counts it", () => {
    const { text, fixes } = repairText("projektet \u001dÖppna Dörrar\u001d \u0013 en satsning")
    // Swedish quotes with ” on both sides, as the register's texts do.
    expect(text).toBe("projektet \u201dÖppna Dörrar\u201d \u2013 en satsning")
    expect(fixes.map((f) => [f.from, f.to])).toEqual([
      ["\u001d", "\u201d"],
      ["\u0013", "\u2013"],
    ])
    expect(fixes[0]!.reason).toMatch(/^2 control characters U\+001D/)
  })

  it("marks characters the export lost as lost, never guessing them", () => {
    const { text, fixes } = repairText("statusen ¿bra arbetsgivare¿ och\u0002 mer")
    expect(text).toBe(`statusen ${LOST}bra arbetsgivare${LOST} och${LOST} mer`)
    expect(fixes.map((f) => [f.from, f.to])).toEqual([
      ["\u0002", LOST],
      ["¿", LOST],
    ])
  })

  it("keeps tabs and line breaks, which are text", () => {
    expect(repairText("rad ett\nrad\ttvå\r\n")).toEqual({ text: "rad ett\nrad\ttvå\r\n", fixes: [] })
  })
})
