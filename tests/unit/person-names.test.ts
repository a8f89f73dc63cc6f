/**
 * People's names in free text, found by what gives them away. Every name here is made up for
 * the test; the shared register's look-alikes are checked in tests/projektbanken.test.ts.
 */
import { describe, expect, it } from "vitest"
import { findNames } from "../../pipeline/privacy/person-names.ts"
import { makeRedactor, REDACTED } from "../../pipeline/privacy/redact.ts"

const found = (text: string) => findNames(text).map((h) => [text.slice(h.index, h.index + h.length), h.cue])

describe("findNames", () => {
  it("finds a name after a verb of speech, in Swedish, Danish, Norwegian and English", () => {
    expect(found("– Vi är glada, säger Fiktiva Ekbacka, ordförande i styrelsen.")).toEqual([
      ["Fiktiva Ekbacka", "quoted"],
    ])
    expect(found("Det blir spännande, berättar Påhittad Lundqvist-Ör.")).toEqual([["Påhittad Lundqvist-Ör", "quoted"]])
    expect(found("Vi er meget glade, udtaler Opdigtet Ravnsbæk, formand.")).toEqual([["Opdigtet Ravnsbæk", "quoted"]])
    expect(found("Held og lykke, afslutter Opdigtet Ravnsbæk.")).toEqual([["Opdigtet Ravnsbæk", "quoted"]])
    expect(found("Dette er viktig, sier Oppdiktet Strandvik.")).toEqual([["Oppdiktet Strandvik", "quoted"]])
    expect(found("It matters, says Invented Holloway.")).toEqual([["Invented Holloway", "quoted"]])
    // At the start of a sentence, too.
    expect(found("Säger Fiktiva Ekbacka.")).toEqual([["Fiktiva Ekbacka", "quoted"]])
  })

  it("finds a name after a title, a compound title and an initial included", () => {
    expect(found("tillsammans med designprofessor Fiktiv Q. Granlund från universitetet")).toEqual([
      ["Fiktiv Q. Granlund", "titled"],
    ])
    expect(found("Projektet leds av styrelseordförande Påhittad von Ekström.")).toEqual([
      ["Påhittad von Ekström", "titled"],
    ])
    expect(found("enligt professor Fiktiv Granlund")).toEqual([["Fiktiv Granlund", "titled"]])
  })

  it("finds a name in a byline", () => {
    expect(found("(Projektbeskrivning av Fiktiv Granlund)")).toEqual([["Fiktiv Granlund", "byline"]])
    expect(found("Text: Påhittad Ekbacka")).toEqual([["Påhittad Ekbacka", "byline"]])
  })

  it("finds a common first name before a capitalised word, with initials and a regnal number", () => {
    expect(found("Idén kommer från Anna Fiktivsson och hennes kollegor.")).toEqual([["Anna Fiktivsson", "first-name"]])
    expect(found("enligt Lars T Påhittadsson")).toEqual([["Lars T Påhittadsson", "first-name"]])
    expect(found("med ambition att Karl XVI Gustaf inviger")).toEqual([["Karl XVI Gustaf", "first-name"]])
  })

  it("finds the second of two names joined by och, and a name again wherever it recurs", () => {
    expect(found("en modell av Anna Fiktivsson och Opdigtet von Ravnsbæk")).toEqual([
      ["Anna Fiktivsson", "first-name"],
      ["Opdigtet von Ravnsbæk", "joined"],
    ])
    expect(
      found("med designprofessor Fiktiv Granlund. Senare träffade de Fiktiv Granlund och professor Påhittad Ek igen."),
    ).toEqual([
      ["Fiktiv Granlund", "titled"],
      ["Fiktiv Granlund", "repeated"],
      ["Påhittad Ek", "titled"],
    ])
  })

  it("leaves alone what looks like a name but is not a person", () => {
    for (const text of [
      "besök vid Astrid Lindgrens Näs i Vimmerby",
      "leverantörer till ESS/Max IV i Lund",
      "Urban Transition Øresund",
      "Kristian Larsson Buss och Pelle och Lisa AB",
      "Santa Anna IT Research Institute AB",
      "Herbert Felix Växthus",
      "– Det går bra, säger Region Västerbotten i ett pressmeddelande.",
      "säger ALMI Invest Stockholm",
      "ordförande i Styrkommitté Kattegat/Skagerrak",
      "Anna bor i Umeå, Per har flyttat.",
      "Projektet säger nej till detta.",
    ])
      expect(found(text), text).toEqual([])
  })
})

describe("the redactor removes the names found, and counts each by what gave it away", () => {
  const redact = makeRedactor([])

  it("replaces each name with the mark and keeps the cue", () => {
    const r = redact("Det är bra, säger Fiktiva Ekbacka, ordförande. (Projektbeskrivning av Påhittad Lund)")
    expect(r.text).toBe(`Det är bra, säger ${REDACTED}, ordförande. (Projektbeskrivning av ${REDACTED})`)
    expect(r.byKind).toEqual({ "name-quoted": 1, "name-byline": 1 })
    expect(r.removed).toBe(2)
  })

  it("takes the names found elsewhere in a file as names wherever they recur", () => {
    const fileWide = makeRedactor([], ["Fiktiva Ekbacka"])
    const r = fileWide("Projektet startades av Fiktiva Ekbacka 2009.")
    expect(r.text).toBe(`Projektet startades av ${REDACTED} 2009.`)
    expect(r.byKind).toEqual({ "name-repeated": 1 })
  })
})
