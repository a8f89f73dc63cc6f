import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { cleanText, TRIMMED } from "../../pipeline/shared/text.ts"
import { parseDate, parseNumber, splitCodeName } from "../../pipeline/shared/written-forms.ts"
import { findPersonalData } from "../../pipeline/privacy/personal-data.ts"
import { makeRedactor, REDACTED } from "../../pipeline/privacy/redact.ts"
import { LOST, repairText } from "../../pipeline/sources/repair-text.ts"

import { RUNS, nasty } from "../support/fuzz-inputs.ts"

describe("normalizers and repairs on any string", () => {
  const formats = fc.constantFrom(
    { decimalSeparator: "," as const, thousandsSeparator: " " },
    { decimalSeparator: "." as const, thousandsSeparator: "" },
    { decimalSeparator: "," as const, thousandsSeparator: "." },
  )

  it("parse or say what they expected, never throw", () => {
    const trimmedEnd = new RegExp(`^[${TRIMMED}]|[${TRIMMED}]$`, "u")
    // Text, and text that looks like what the parsers accept, so that their successes are tested too.
    const cell = fc.oneof(
      nasty,
      fc.constantFrom(
        "12",
        "-1 234,5",
        "+7",
        "1.234,5",
        "2008-02-29",
        "2009-02-29",
        "ja",
        "NEJ",
        "True",
        "0",
        "2403 Bjurholm",
        "2403\tVa\u0308nna\u0308s ",
        "12,",
        " 12 ",
      ),
    )
    fc.assert(
      fc.property(cell, formats, (text, format) => {
        for (const parsed of [parseNumber(text, format), parseDate(text), splitCodeName(text)]) {
          if (parsed.ok) expect(parsed.value).not.toBeUndefined()
          else expect(parsed.expected.length).toBeGreaterThan(0)
        }
        const cleaned = cleanText(text)
        expect(typeof cleaned).toBe("string")
        // Cleaning: composed, trimmed, and clean already the second time.
        expect(cleaned).toBe(cleaned.normalize("NFC"))
        expect(cleaned).not.toMatch(trimmedEnd)
        expect(cleanText(cleaned)).toBe(cleaned)

        // What a parser accepts is what it claims to accept.
        const n = parseNumber(text, format)
        if (n.ok) {
          // Only a sign, digits and the declared separators; the digits are the number's.
          const allowed = `+\\-0-9${format.decimalSeparator === "." ? "." : ","}${format.thousandsSeparator === " " ? " \u00a0\u202f" : format.thousandsSeparator === "." ? "." : ""}`
          expect(text).toMatch(new RegExp(`^[${allowed}]+$`, "u"))
          const digits = text.replace(/[^0-9]/gu, "")
          expect(n.value).toBe(
            Number(
              `${text.startsWith("-") ? "-" : ""}${digits.slice(0, digits.length - (text.split(format.decimalSeparator)[1]?.length ?? 0))}.${text.split(format.decimalSeparator)[1] ?? "0"}`,
            ),
          )
        }
        const d = parseDate(text)
        if (d.ok) {
          expect(d.value).toBe(text)
          expect(new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10)).toBe(text)
        }
        const split = splitCodeName(text)
        if (split.ok) {
          expect(split.value.code).toMatch(/^[0-9]+$/u)
          expect(text.startsWith(split.value.code)).toBe(true)
          expect(split.value.name).not.toBe("")
          expect(cleanText(split.value.name)).toBe(split.value.name)
        }
      }),
      RUNS,
    )
  })

  it("a number that parses is finite", () => {
    fc.assert(
      fc.property(nasty, formats, (text, format) => {
        const n = parseNumber(text, format)
        if (n.ok) expect(Number.isFinite(n.value)).toBe(true)
      }),
      RUNS,
    )
  })

  it("text repairs and redaction never throw, and leave no e-mail address behind", () => {
    const redact = makeRedactor(["Fiktiv Ledare", "070-174 06 05"])
    // Phone numbers that belong to no one (PTS's range for fiction), written the ways people write them.
    // (Each written out whole, as the fiction range's first number: the last two digits are drawn.)
    const phone = fc
      .tuple(
        fc.integer({ min: 5, max: 99 }),
        fc.constantFrom(
          "070-174 06 05",
          "070 174 06 05",
          "0701-74 06 05",
          "+46 70 174 06 05",
          "+46 (0)70 1740605",
          "+46-70-174 06 05",
        ),
      )
      .map(([n, shape]) => shape.replace(/05$/u, String(n).padStart(2, "0")))
    // Text with the characters the repairs work on weighted in.
    const damaged = fc.string({
      unit: fc.oneof(
        fc.constantFrom(
          "Å",
          "\u0085",
          "\u0096",
          "\u00a9",
          "¿",
          "\u001c",
          "\u001d",
          "\u0013",
          "\u0002",
          "\u007f",
          "\t",
          "\n",
          "a",
        ),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      maxLength: 60,
    })
    fc.assert(
      fc.property(nasty, fc.emailAddress(), phone, damaged, (text, email, number, broken) => {
        const repaired = repairText(`${text}Å\u0096${text}`)
        expect(repaired.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f¿]/u)
        expect(redact(`${text} ${email} ${text}`).text).not.toContain(email)

        // Repairs: each fix recorded changes something, and repairing again repairs nothing more
        // (unless a repair itself made an Å before a character U+0080–U+00BF: see the test below).
        const once = repairText(broken)
        for (const f of once.fixes) expect(f.from).not.toBe(f.to)
        if (once.fixes.length === 0) expect(once.text).toBe(broken)
        expect(once.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f¿]/u)
        if (!/\u00c5[\u0080-\u00bf]/u.test(once.text))
          expect(repairText(once.text)).toEqual({ text: once.text, fixes: [] })
        // Nothing is invented: a text with nothing to repair is left as it was, and a lost character is never guessed.
        expect(once.text.split(LOST).length).toBeGreaterThanOrEqual(broken.split(LOST).length)

        // Redaction: nothing shaped like a phone number, e-mail address or personal identity number is
        // left, wherever the number stands in the text, and the personal values are gone.
        const redacted = redact(
          `${text} ${number} ${text}\nKontaktperson: Fiktiv Ledare, ${number}\n${text} Fiktiv Ledare ${email}`,
        )
        expect(findPersonalData(redacted.text)).toEqual([])
        expect(redacted.text).not.toContain(number)
        expect(redacted.text).not.toContain("Fiktiv Ledare")
        expect(redacted.removed).toBeGreaterThanOrEqual(3)
        expect(redacted.text).toContain(REDACTED)
        // Redacting again removes nothing more.
        expect(redact(redacted.text)).toMatchObject({ text: redacted.text, removed: 0 })
      }),
      RUNS,
    )
  })
})

// Known, not yet fixed: repairText is not idempotent. "Å" + U+0085 is
// repaired to "Å" (the UTF-8 bytes C3 85), which with a U+0096 after it makes a new pair that a
// second repair turns into "Ö". Remove `.fails` once repairing twice changes nothing.
it.fails("repairing a repaired text changes nothing more", () => {
  const once = repairText("\u00c5\u0085\u0096")
  expect(once.text).toBe("\u00c5\u0096")
  expect(repairText(once.text)).toEqual({ text: once.text, fixes: [] })
})
