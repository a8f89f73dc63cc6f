/**
 * What a publisher can change in the manifest so that a cell that fails reads as meant: another
 * number format, a marker of missing values, a municipality's name where a code was declared.
 * Pure; each hint is a clause appended to the problem's message, or "" when nothing fits.
 */
import { MISSING_LABELS } from "../../schemas/common-fields.ts"
import type { ForeignKey } from "../../schemas/dataset.ts"
import type { ResolvedDialect } from "../contract/manifest-schema.ts"
import { parseNumber, splitCodeName, type NumberFormat } from "../shared/written-forms.ts"
import type { MunicipalityIndex } from "./municipality-names.ts"

const FORMATS: ReadonlyArray<NumberFormat> = ["." as const, "," as const].flatMap((decimalSeparator) =>
  ["", " ", ".", ","]
    .filter((t) => t !== decimalSeparator)
    .map((thousandsSeparator) => ({ decimalSeparator, thousandsSeparator })),
)

/** The settings of `f` that differ from the declared format. */
const describe = (f: NumberFormat, declared: NumberFormat): string =>
  [
    ...(f.decimalSeparator === declared.decimalSeparator
      ? []
      : [`"decimalSeparator": ${JSON.stringify(f.decimalSeparator)}`]),
    ...(f.thousandsSeparator === declared.thousandsSeparator
      ? []
      : [`"thousandsSeparator": ${JSON.stringify(f.thousandsSeparator)}`]),
  ].join(", ")

/** The declared format's settings a reading under `f` changes. */
const changes = (f: NumberFormat, declared: NumberFormat): number =>
  Number(f.decimalSeparator !== declared.decimalSeparator) +
  Number(f.thousandsSeparator !== declared.thousandsSeparator)

/** A number in another format than the declared one: the dialect settings that read it. */
export const numberFormatHint = (text: string, declared: NumberFormat): string => {
  const fits = FORMATS.filter((f) => changes(f, declared) > 0 && parseNumber(text, f).ok)
  if (fits.length === 0) return ""
  const fewest = Math.min(...fits.map((f) => changes(f, declared)))
  const best = fits.filter((f) => changes(f, declared) === fewest)
  // "1,234" reads as 1.234 or as 1234: both are named, and the person decides.
  const readings = best.map((f) => `${describe(f, declared)} (it reads as ${value(text, f)})`)
  return `; if the file writes numbers so, declare ${readings.join(", or ")} in the delivery's dialect`
}

const value = (text: string, f: NumberFormat): string => {
  const n = parseNumber(text, f)
  return n.ok ? String(n.value) : ""
}

/** Text that statistical tables commonly write for a missing value. */
const MISSING_LOOKS = /^(?:-|–|—|\.|\.\.|\.\.\.|x|X|\*|NA|N\/A|n\/a|saknas|uppgift saknas|ej tillgänglig)$/u

export const missingMarkerHint = (text: string): string =>
  MISSING_LOOKS.test(text)
    ? `; if ${JSON.stringify(text)} marks a missing value, declare it in the delivery's dialect: "missingValues": [{ "value": ${JSON.stringify(text)}, "label": "not reported" }] (the label is one of ${MISSING_LABELS.map((l) => `"${l}"`).join(", ")})`
    : ""

/** A municipality's name, or "code name", in a column declared to hold codes. */
export const codeColumnHint = (
  text: string,
  field: string,
  foreignKeys: ReadonlyArray<ForeignKey>,
  index: MunicipalityIndex | undefined,
): string => {
  if (
    index === undefined ||
    !foreignKeys.some((fk) => fk.fields.includes(field) && fk.reference.dataset === index.dataset)
  )
    return ""
  const split = splitCodeName(text)
  if (split.ok && index.nameOf(split.value.code) !== undefined)
    return `; the column gives a code and a name: declare it { "field": "${field}", "parse": "code-name" } in the delivery's columns`
  const named = index.match(text)
  if (named.kind === "found")
    return `; ${JSON.stringify(text)} is the name of ${index.nameOf(named.code)} (${named.code}): if the column gives names, declare it { "field": "${field}", "parse": "municipality-name" } in the delivery's columns`
  return ""
}

/**
 * A number written with words around it ("ca 2400", "2 400 st"): the number alone is what the
 * cell may hold; a figure not known exactly is a missing value, with its reason.
 */
export const numberInTextHint = (text: string, declared: NumberFormat): string => {
  const numbers = text.match(/[0-9][0-9 \u00a0.,]*[0-9]|[0-9]/gu) ?? []
  const number = numbers[0]
  if (numbers.length !== 1 || !/\p{L}/u.test(text) || !parseNumber(number!, declared).ok) return ""
  return `; write the number alone in the cell (${JSON.stringify(number)}), or, if the figure is not known, leave the cell empty and declare why in the delivery's "missingValues"`
}

/** Every hint that fits a cell that could not be read as its field's type. */
export const typeHints = (text: string, numeric: boolean, dialect: ResolvedDialect): string =>
  (numeric ? numberFormatHint(text, dialect) + numberInTextHint(text, dialect) : "") + missingMarkerHint(text)
