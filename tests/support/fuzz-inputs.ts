/** Inputs for the fuzz tests: text and bytes made mostly of what breaks readers and normalizers. */
import fc from "fast-check"

export const RUNS = { numRuns: 300 }

/** Text made mostly of what breaks CSV and JSON readers. */
export const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '"',
      "'",
      ";",
      ",",
      "\n",
      "\r",
      "\t",
      "{",
      "}",
      "[",
      "]",
      ":",
      "\\",
      "\u0000",
      "\ufeff",
      "å",
      "€",
      "\u00a0",
      " ",
    ),
    fc.string({ minLength: 1, maxLength: 1 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 400,
})
export const bytes = fc.uint8Array({ maxLength: 600 })
