/**
 * Compares two descriptions of the same row: one from a delivery (delivered by its publisher or
 * transcribed by the maintainers), one from a register (matched by the field the dataset's
 * reconciliation names). Pure: two sides in, one finding per aspect the definition declares out,
 * each with both values and both sources, whether they agree or not, and whether the two are
 * independent: a value the delivery took from that very register is a copy compared with its
 * original, not an agreement.
 */
import type { ReconciledAspect } from "../../schemas/reconciliation.ts"

/** A row as one source describes it. */
export interface Side {
  readonly source: string
  readonly file: string
  /** The row's key. */
  readonly key: string
  /** The row's values, by field. */
  readonly fields: Readonly<Record<string, unknown>>
  /** Of an aspect over the rows that refer to this one: its values, sorted, and the files they come from. */
  readonly sets: Readonly<
    Record<string, { readonly values: ReadonlyArray<string>; readonly files: ReadonlyArray<string> }>
  >
}

/** Where a delivered value was taken from, if from a document of a declared source: its title. */
export type TakenFrom = (
  file: string,
  field: string,
) => { readonly source: string; readonly document: string } | undefined

/**
 * agree: two independent sources give the same value; differ: they give different values;
 * copied: the delivery took the value from the register, so the two are one source;
 * copied-but-differs: taken from the register, yet not the register's value (a transcription slip,
 * or the register changed since).
 */
export type Verdict = "agree" | "differ" | "copied" | "copied-but-differs"

/** One aspect compared; the matched value and the row's key stand first, under their fields' names. */
export interface Finding {
  readonly aspect: string
  /** The two values are equal (as `compared` says). */
  readonly agrees: boolean
  /** The two values come from sources independent of each other. */
  readonly independent: boolean
  readonly verdict: Verdict
  /** Which two sources are compared, in words. */
  readonly compares: string
  /** How the values were compared, where not for exact equality. */
  readonly compared: string
  /** Each side's source, file, key (under the key field's name) and value. */
  readonly values: ReadonlyArray<Readonly<Record<string, unknown>>>
  readonly [field: string]: unknown
}

/** What the two sides are matched by, and the field that holds a row's key. */
export interface Matched {
  readonly field: string
  readonly value: string
  readonly keyField: string
}

const fold = (s: unknown) =>
  (typeof s === "string" ? s : "").normalize("NFC").toLocaleLowerCase("sv").replace(/\s+/gu, " ").trim()
const json = (x: unknown) => JSON.stringify(x)

/** The same text, apart from letter case, spacing and the value of `before` written ahead of it ("4K - …"). */
const sameTitle = (a: Side, b: Side, field: string, before: string | undefined): boolean => {
  const forms = (p: Side) => {
    const ahead = before === undefined ? null : p.fields[before]
    const text = p.fields[field]
    return [
      fold(text),
      ...(ahead === null || ahead === undefined ? [] : [fold(`${ahead} - ${text}`), fold(`${ahead} ${text}`)]),
    ]
  }
  return forms(a).some((x) => forms(b).includes(x))
}

/** An aspect's value on one side. `unitOf` gives a field's unit, for an amount. */
const aspectValue = (aspect: ReconciledAspect, p: Side, unitOf: (field: string) => string | undefined): unknown => {
  if (aspect.compare === "set") return p.sets[aspect.name]?.values ?? []
  if (aspect.compare === "amount") {
    const given = aspect.fields.find((f) => p.fields[f] !== null && p.fields[f] !== undefined)
    return given === undefined ? null : { [unitOf(given) ?? given]: p.fields[given] }
  }
  return aspect.fields.length === 1
    ? p.fields[aspect.fields[0]!]
    : Object.fromEntries(aspect.fields.map((f) => [f, p.fields[f]]))
}

const agreeing = (aspect: ReconciledAspect, a: Side, b: Side, unitOf: (field: string) => string | undefined) =>
  aspect.compare === "title"
    ? sameTitle(a, b, aspect.fields[0]!, aspect.before)
    : aspect.compare === "text"
      ? fold(aspectValue(aspect, a, unitOf)) === fold(aspectValue(aspect, b, unitOf))
      : json(aspectValue(aspect, a, unitOf)) === json(aspectValue(aspect, b, unitOf))

export const compareSides = (
  matched: Matched,
  aspects: ReadonlyArray<ReconciledAspect>,
  unitOf: (field: string) => string | undefined,
  delivered: Side,
  register: Side & { readonly sourceName: string },
  takenFrom: TakenFrom,
): Finding[] =>
  aspects.map((aspect) => {
    const files = aspect.from === undefined ? [delivered.file] : (delivered.sets[aspect.name]?.files ?? [])
    const taken = files
      .flatMap((file) => aspect.fields.map((field) => takenFrom(file, field)))
      .find((t) => t?.source === register.sourceName)
    const independent = taken === undefined
    const agrees = agreeing(aspect, delivered, register, unitOf)
    return {
      [matched.field]: matched.value,
      [matched.keyField]: delivered.key,
      aspect: aspect.name,
      agrees,
      independent,
      verdict: independent ? (agrees ? "agree" : "differ") : agrees ? "copied" : "copied-but-differs",
      compares: independent
        ? `${files.join(", ")} (${delivered.source}) with ${register.source}: independent sources`
        : `${files.join(", ")}, which took this from ${taken.document}, with ${register.source}: a copy compared with its original, not an agreement`,
      compared: aspect.compared,
      values: [delivered, register].map((p) => ({
        source: p.source,
        file: p.file,
        [matched.keyField]: p.key,
        value: aspectValue(aspect, p, unitOf),
      })),
    }
  })
