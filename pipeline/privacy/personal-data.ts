/**
 * Finds text that looks like personal data: e-mail addresses, phone numbers (Swedish and international) and
 * personal identity numbers. Pure; the release check runs it over every text file.
 */

export interface PersonalDataHit {
  readonly kind: "an e-mail address" | "a phone number" | "a personal identity number"
  readonly text: string
  readonly index: number
}

const PATTERNS: ReadonlyArray<[PersonalDataHit["kind"], RegExp]> = [
  // The local part as RFC 5322 allows it unquoted (! # $ % & ' * + / = ? ^ _ ` { | } ~ and dots),
  // tried only where such a run begins: from every letter of a long word it would be quadratic.
  [
    "an e-mail address",
    /(?<![\p{L}0-9.!#$%&'*+/=?^_`{|}~-])[\p{L}0-9.!#$%&'*+/=?^_`{|}~-]+@[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)*\.[\p{L}]{2,}/gu,
  ],
  // Personnummer: YYMMDD-NNNN or YYYYMMDD-NNNN (a + for those over 100).
  [
    "a personal identity number",
    /(?<![0-9])(?:19|20)?[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[-+][0-9]{4}(?![0-9])/g,
  ],
  // Swedish numbers: 0 or +46, an area code, a space or hyphen, then 5 to 8 digits in groups
  // (070-174 06 05, 0701-74 06 05, +46 70 174 06 05).
  ["a phone number", /(?<![0-9\p{L}.,])(?:\+46[ -]?|0)[1-9][0-9]{0,3}[ -](?:[0-9][ -]?){4,7}[0-9](?![0-9])/gu],
  // International numbers: +, a country code, an optional (0), then 6 to 12 digits in groups
  // (+47 000 00 000, + 47 000 00 000, +46 (0)70 1740605, +45 00000000).
  ["a phone number", /(?<![0-9\p{L}])\+ ?[1-9][0-9]{0,2}[ -]?(?:\(0\)[ -]?)?(?:[0-9][ -]?){5,11}[0-9](?![0-9])/gu],
]

/**
 * A cheap RE2 pattern (no look-around) that every hit of the exact patterns also matches, for
 * filtering large tables in DuckDB before the exact check.
 */
export const PERSONAL_DATA_PREFILTER = "@|[0-9][ -][0-9]|[0-9]{6}[-+][0-9]{4}|[+][ ]?[0-9]"

export const findPersonalData = (text: string): PersonalDataHit[] => {
  const hits: PersonalDataHit[] = []
  for (const [kind, re] of PATTERNS) {
    for (const m of text.matchAll(re)) hits.push({ kind, text: m[0], index: m.index })
  }
  return hits.sort((a, b) => a.index - b.index)
}
