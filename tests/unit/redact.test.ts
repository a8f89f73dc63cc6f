import { describe, expect, it } from "vitest"
import { makeRedactor, REDACTED } from "../../pipeline/sources/redact.ts"

describe("makeRedactor", () => {
  const redact = makeRedactor(["Testa Person1", "070-100 00 01", "testa.person1@example.se", "-0", "Ann"])

  it("removes the personal columns' values wherever they recur, whole words only", () => {
    expect(redact("Projektet leds av Testa Person1 i Umeå.")).toEqual({ text: `Projektet leds av ${REDACTED} i Umeå.`, removed: 1 })
    expect(redact("XTesta Person1").text).toBe("XTesta Person1")
  })

  it("ignores values too short to be recognised, such as null markers", () => {
    expect(redact("Ann-Marie och -0 stannar")).toEqual({ text: "Ann-Marie och -0 stannar", removed: 0 })
  })

  it("removes the contact details after a label, up to the next label", () => {
    expect(redact("Mål: tillväxt. Projektledare: Testa Andersson, Tel +47 62430079, mobil 070-111 22 33 Beviljat belopp: 413 551 EUR").text).toBe(
      `Mål: tillväxt. Projektledare: ${REDACTED} Beviljat belopp: 413 551 EUR`,
    )
    expect(redact("Svensk kontaktperson: Testa A, +46 70 512 36 43 Norsk kontaktperson: Testa B, +47 905 721 87").text).toBe(
      `Svensk kontaktperson: ${REDACTED} Norsk kontaktperson: ${REDACTED}`,
    )
  })

  it("removes e-mail addresses and phone numbers, Swedish and international, anywhere", () => {
    const { text, removed } = redact("Skriv till a.b@example.org eller ring 0934-140 00, +45 96351327 eller +46 (0)70 3299235.")
    expect(text).toBe(`Skriv till ${REDACTED} eller ring ${REDACTED}, ${REDACTED} eller ${REDACTED}.`)
    expect(removed).toBe(4)
  })

  it("leaves amounts, years and dates alone", () => {
    const text = "Total omslutning: 5 093 636 kronor 2008–2010, beslut 2009-03-31, 7 500 000 SEK."
    expect(redact(text)).toEqual({ text, removed: 0 })
  })
})
