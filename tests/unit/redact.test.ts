import { describe, expect, it } from "vitest"
import { makeRedactor, REDACTED } from "../../pipeline/privacy/redact.ts"

describe("makeRedactor", () => {
  const redact = makeRedactor(["Fiktiv Ledare", "070-174 06 05", "fiktiv.ledare@example.se", "-0", "Ann"])

  it("removes the personal columns' values wherever they recur, whole words only", () => {
    expect(redact("Projektet leds av Fiktiv Ledare i Umeå.")).toMatchObject({
      text: `Projektet leds av ${REDACTED} i Umeå.`,
      removed: 1,
    })
    expect(redact("XFiktiv Ledare").text).toBe("XFiktiv Ledare")
  })

  it("ignores values too short to be recognised, such as null markers", () => {
    expect(redact("Ann-Marie och -0 stannar")).toMatchObject({ text: "Ann-Marie och -0 stannar", removed: 0 })
  })

  it("removes the contact details after a label, up to the next label", () => {
    expect(
      redact(
        "Mål: tillväxt. Projektledare: Fiktiv Andersson, Tel +47 00000000, mobil 070-174 06 06 Beviljat belopp: 413 551 EUR",
      ).text,
    ).toBe(`Mål: tillväxt. Projektledare: ${REDACTED} Beviljat belopp: 413 551 EUR`)
    expect(
      redact("Svensk kontaktperson: Fiktiv A, +46 70 174 06 07 Norsk kontaktperson: Fiktiv B, +47 000 00 000").text,
    ).toBe(`Svensk kontaktperson: ${REDACTED} Norsk kontaktperson: ${REDACTED}`)
  })

  it("removes e-mail addresses and phone numbers, Swedish and international, anywhere", () => {
    const { text, removed } = redact(
      "Skriv till a.b@example.org eller ring 0701-74 06 09, +45 00000000 eller +46 (0)70 1740610.",
    )
    expect(text).toBe(`Skriv till ${REDACTED} eller ring ${REDACTED}, ${REDACTED} eller ${REDACTED}.`)
    expect(removed).toBe(4)
  })

  it("leaves amounts, years and dates alone", () => {
    const text = "Total omslutning: 5 093 636 kronor 2008–2010, beslut 2009-03-31, 7 500 000 SEK."
    expect(redact(text)).toMatchObject({ text, removed: 0 })
  })
})
