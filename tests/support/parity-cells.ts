/**
 * Arbitrary cells for the normalizer parity property: numbers in every dialect and every way of
 * getting one wrong, years, municipality codes and names, indicators, and the dropped columns.
 */
import fc from "fast-check"

export interface Dialect {
  readonly delimiter: string
  readonly quote: string
  readonly decimalSeparator: "," | "."
  readonly thousandsSeparator: " " | "" | "." | ","
}

export const DIALECTS: ReadonlyArray<Dialect> = [
  { delimiter: ";", quote: '"', decimalSeparator: ",", thousandsSeparator: " " },
  { delimiter: ",", quote: '"', decimalSeparator: ".", thousandsSeparator: "" },
  { delimiter: "\t", quote: '"', decimalSeparator: ",", thousandsSeparator: "." },
  { delimiter: "|", quote: "'", decimalSeparator: ".", thousandsSeparator: "," },
  // The delimiter is the decimal separator: numbers must be quoted.
  { delimiter: ",", quote: '"', decimalSeparator: ",", thousandsSeparator: " " },
]

export const MARKERS = [
  { value: "..", label: "not reported" },
  { value: "–", label: "not applicable" },
  { value: "ej känt", label: "not known" },
  { value: " x ", label: "confidential" },
  // Empty cells (and cells of white space alone) declared missing, with their label.
  { value: "", label: "not available" },
] as const

export type RegionParse = "code-name" | "code" | "municipality-name"

/** White space and the like at either end of a cell (line breaks too: the cell is then quoted). */
export const pad = fc.oneof(
  { weight: 30, arbitrary: fc.constant("") },
  // (Not U+FEFF: a byte-order mark inside a file refuses the whole build, file/bom; see reader-parity.examples.test.ts.)
  { weight: 8, arbitrary: fc.constantFrom(" ", "  ", "\t", "\u00a0", "\u202f", "\u3000", "\u2028", "\u2003") },
  { weight: 2, arbitrary: fc.constantFrom("\n", "\r\n", " \n ") },
  // Not white space: kept, and the cell refused alike.
  { weight: 1, arbitrary: fc.constantFrom("\u200b", "\u0085", "\u00ad") },
)
export const padded = (core: fc.Arbitrary<string>) => fc.tuple(pad, core, pad).map(([a, c, b]) => a + c + b)

/** Mostly what is valid, now and then what is not: rows are published and refused, both. */
export const mostly = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) =>
  padded(fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: bad }))

export const groupDigits = (digits: string, separator: string) =>
  separator === "" ? digits : digits.replace(/\B(?=(?:[0-9]{3})+$)/gu, separator)

/** A number as someone might write it: in the dialect (`valid`), or with separators of another. */
export const numberText = (d: Dialect, valid: boolean) =>
  fc
    .record({
      sign: valid ? fc.constantFrom("", "", "", "", "-", "+") : fc.constantFrom("", "-", "\u2212", "--"),
      whole: fc.oneof(fc.nat({ max: 99 }), fc.nat({ max: 9_999_999 })).map(String),
      zeros: fc.constantFrom("", "", "", "0", "00"),
      group: valid ? fc.constantFrom("dialect", "none") : fc.constantFrom(" ", "\u00a0", "\u202f", ".", ",", "'", "  "),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,4}$/u), { nil: undefined }),
      decimal: valid ? fc.constant("dialect") : fc.constantFrom(".", ",", "dialect"),
    })
    .map(({ sign, whole, zeros, group, fraction, decimal }) => {
      const separator = group === "dialect" ? d.thousandsSeparator : group === "none" ? "" : group
      const point = decimal === "dialect" ? d.decimalSeparator : decimal
      return `${sign}${zeros}${groupDigits(whole, separator)}${fraction === undefined ? "" : point + fraction}`
    })

export const valueCell = (d: Dialect) =>
  mostly(
    fc.oneof(
      { weight: 6, arbitrary: numberText(d, true) },
      { weight: 1, arbitrary: fc.constantFrom("", "..", "–", "ej känt", "ej ka\u0308nt", "x") },
    ),
    fc.oneof(
      numberText(d, false),
      fc.constantFrom(
        "EJ KÄNT",
        "X",
        "...",
        "-",
        "5e3",
        "0x10",
        "١٢",
        "１２",
        "NaN",
        "Infinity",
        "1 2 3",
        "12,",
        ",5",
        ".5",
        '"12"',
        "'12'",
        "12'",
        "abc",
        "Å",
        "\u212b",
      ),
      fc.constantFrom(
        "9".repeat(20),
        "9".repeat(400),
        `0${d.decimalSeparator}${"0".repeat(30)}1`,
        "12 345 678,9",
        "1.234.567",
        "1,234,567.5",
        "2 516",
        "2\u00a0516",
      ),
    ),
  )

export const yearCell = (d: Dialect) =>
  mostly(
    fc
      .tuple(
        fc.integer({ min: 2006, max: 2012 }),
        fc.constantFrom("", "", "", "+", "0", `${d.decimalSeparator}0`, "group"),
      )
      .map(([y, form]) =>
        form === "+" || form === "0"
          ? `${form}${y}`
          : form === "group"
            ? groupDigits(String(y), d.thousandsSeparator)
            : `${y}${form}`,
      ),
    fc.oneof(
      fc.constantFrom("1899", "1900", "2100", "2101", "1", "99999", "99999999999", "0"),
      fc.constantFrom(
        "år 2008",
        "２００８",
        "",
        "..",
        "1e3",
        "20 08",
        "-2008",
        "2008-01-01",
        "MMVIII",
        `2008${d.decimalSeparator}5`,
        "2008,0",
        "2008.0",
      ),
    ),
  )

/** Each code with ways of writing its name that match it (case, NFD, an NFC singleton, "kommun", the genitive). */
export const NAMED: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  [
    "2403",
    ["Bjurholm", "bjurholm", "BJURHOLM", "Bjurholms kommun", "Bjurholm kommun", "Bjurholms", "Bjurholm\u00a0kommun"],
  ],
  ["0114", ["Upplands Väsby", "Upplands Va\u0308sby", "upplands  väsby"]],
  ["2460", ["Vännäs", "Va\u0308nna\u0308s", "VÄNNÄS KOMMUN", "Vännäs\tkommun"]],
  ["2480", ["Umeå", "Ume\u212b", "Umea\u030a", "Umeås"]],
  ["2404", ["Vindeln", "VINDELN", "vindeln kommun", "V\u0130NDELN"]],
  ["2401", ["Nordmaling", "Nordmalings kommun"]],
]
export const BAD_CODES = ["9999", "0000", "24030", "+2403", "2403.0", "２４０３", "", "2403a"]
export const BAD_NAMES = ["Okänd", "Stockholm", "", "Bjur\nholm", "Bjurholmen", "Umeåå", "2403"]

export const codeOf = (zeroPad: boolean) => fc.constantFrom(...NAMED.map(([c]) => c), ...(zeroPad ? ["114"] : []))
export const nameOf = fc.constantFrom(...NAMED.flatMap(([, names]) => names))

export const regionCell = (parse: RegionParse, zeroPad: boolean) =>
  parse === "code-name"
    ? mostly(
        fc
          .tuple(fc.constantFrom(...NAMED), fc.constantFrom(" ", " ", "  ", "\t", " \t"), fc.nat())
          .map(
            ([[code, names], sep, i]) =>
              `${zeroPad && code === "0114" && i % 2 === 0 ? "114" : code}${sep}${names[i % names.length]}`,
          ),
        fc.oneof(
          // A code with another's name, an unknown code, no separator, a separator that is not one.
          fc
            .tuple(
              fc.constantFrom(...NAMED.map(([c]) => c), ...BAD_CODES, "114"),
              fc.constantFrom(" ", "", "\u00a0"),
              fc.oneof(nameOf, fc.constantFrom(...BAD_NAMES)),
            )
            .map(([c, s, n]) => `${c}${s}${n}`),
          fc.constantFrom("2403", "Bjurholm 2403", "", ".."),
        ),
      )
    : parse === "code"
      ? mostly(codeOf(zeroPad), fc.constantFrom(...BAD_CODES, "114", "2403 Bjurholm", ".."))
      : mostly(nameOf, fc.constantFrom(...BAD_NAMES, "Vindeln kommuns", ".."))

export const indicatorCell = mostly(
  fc.constantFrom("population", "share", "new_jobs"),
  fc.constantFrom("Share", "NEW_JOBS", "okänd_x", "unknown", "", "..", "new jobs", "populatio\u0301n", "new_jobs_2"),
)

/** Free text of an ignored column; quotes and delimiters, but no line break (see reader-parity.examples.test.ts). */
export const commentCell = fc.string({
  unit: fc.constantFrom("a", "b", " ", '"', "'", ";", ",", "|", "\t", "é", "\u00a0", "…"),
  maxLength: 8,
})
/** A personal column: a phone number that belongs to no one (PTS's range for fiction), or a made-up name. */
export const contactCell = fc.oneof(
  fc.integer({ min: 5, max: 99 }).map((n) => "070-174 06 05".replace(/05$/u, String(n).padStart(2, "0"))),
  fc.constantFrom("Fiktiv Ledare", ""),
)
