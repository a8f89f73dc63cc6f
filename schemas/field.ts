/**
 * Field constructors for dataset definitions. Each returns an Effect Schema annotated with
 * the metadata every derived artefact needs (description, unit, column type), so a dataset is
 * written once and its JSON Schema, DuckDB DDL, CSV order and docs are read off it.
 */
import { Schema } from "effect"

/** The physical column types a field can have: one decision per type, in every writer. */
export type ColumnType = "VARCHAR" | "DATE" | "INTEGER" | "BIGINT" | "DOUBLE" | "BOOLEAN"

declare module "effect/Schema" {
  namespace Annotations {
    interface Annotations {
      /** Column type in DuckDB and Parquet. */
      readonly columnType?: ColumnType | undefined
      /** Swedish description of the field. */
      readonly descriptionSv?: string | undefined
      /** Unit of measurement, when the field is a quantity. */
      readonly unit?: string | undefined
      /** Name of the field that carries the label of a missing value of this field. */
      readonly missingLabelField?: string | undefined
      /** Says where the row comes from, not what it holds (a line of raw/manifest.json). */
      readonly provenance?: true | undefined
      /** A code of exactly this many digits. */
      readonly digits?: number | undefined
      /** Words a delivery's header may name the field by, beyond its own name. */
      readonly headerWords?: ReadonlyArray<string> | undefined
      /** What each value of a closed list means, in words, in Swedish and English. */
      readonly valueLabels?: ValueLabels | undefined
    }
  }
}

/** Words for the values of a closed list, each in Swedish and English (`participant`: deltagare). */
export type ValueLabels = Readonly<Record<string, { readonly sv: string; readonly en: string }>>

export interface FieldDoc {
  /** English description. */
  readonly en: string
  /** Swedish description. */
  readonly sv: string
  readonly unit?: string
  readonly missingLabelField?: string
  /**
   * Says where the row comes from, not what it holds (the line of raw/manifest.json a delivery's
   * entry begins on): a change of it alone changes no value.
   */
  readonly provenance?: true
  /** A code of exactly this many digits: a shorter one of digits alone has lost its leading zeros. */
  readonly digits?: number
  /**
   * Words a delivery's header may name the field by, in Swedish and English, beyond the field's
   * own name (`kommun` and `municipality` for a municipality code): `pipeline add` maps a column
   * so labelled to the field. Written as they are compared: lower case, without accents,
   * punctuation or a unit in parentheses, words apart by one space (`Kommun-kod` is `kommun kod`).
   */
  readonly headerWords?: ReadonlyArray<string>
}

const docAnnotations = (doc: FieldDoc, columnType: ColumnType) => ({
  description: doc.en,
  descriptionSv: doc.sv,
  columnType,
  ...(doc.unit === undefined ? {} : { unit: doc.unit }),
  ...(doc.missingLabelField === undefined ? {} : { missingLabelField: doc.missingLabelField }),
  ...(doc.provenance === undefined ? {} : { provenance: doc.provenance }),
  ...(doc.digits === undefined ? {} : { digits: doc.digits }),
  ...(doc.headerWords === undefined ? {} : { headerWords: doc.headerWords }),
})

/** Free text: trimmed and NFC-normalised by the reader, never empty. */
export const text = (doc: FieldDoc) =>
  Schema.String.annotate(docAnnotations(doc, "VARCHAR")).check(Schema.isMinLength(1))

/** An identifier or code kept as a string, leading zeros and all. */
export const code = (doc: FieldDoc, pattern: RegExp, expected: string) =>
  Schema.String.annotate(docAnnotations(doc, "VARCHAR")).check(Schema.isPattern(pattern, { expected }))

const isCalendarDate = Schema.makeFilter<string>(
  (s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  },
  { expected: "a calendar date (YYYY-MM-DD)" },
)

/** A calendar date, ISO 8601 `YYYY-MM-DD`. */
export const date = (doc: FieldDoc) =>
  Schema.String.annotate({ ...docAnnotations(doc, "DATE"), format: "date" })
    .check(Schema.isPattern(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u, { expected: "a date YYYY-MM-DD" }))
    .check(isCalendarDate)

/** A whole number; `big` when it may pass 2^31 (amounts of money). */
export const integer = (doc: FieldDoc, range?: { minimum: number; maximum: number }, big = false) => {
  const base = Schema.Int.annotate(docAnnotations(doc, big ? "BIGINT" : "INTEGER"))
  return range === undefined ? base : base.check(Schema.isBetween(range))
}

/** A finite number (no NaN, no infinities). */
export const number = (doc: FieldDoc) => Schema.Finite.annotate(docAnnotations(doc, "DOUBLE"))

export const boolean = (doc: FieldDoc) => Schema.Boolean.annotate(docAnnotations(doc, "BOOLEAN"))

/**
 * One of a closed list of string values; with `labels`, what each value means in words, which
 * the site shows beside the value.
 */
export const oneOf = <const L extends ReadonlyArray<string>>(
  doc: FieldDoc,
  values: L,
  labels?: { readonly [V in L[number]]: { readonly sv: string; readonly en: string } },
) =>
  Schema.Literals(values).annotate({
    ...docAnnotations(doc, "VARCHAR"),
    ...(labels === undefined ? {} : { valueLabels: labels }),
  })

/** The field may be null (missing); a labelled missing value carries its label elsewhere. */
export const nullable = <S extends Schema.Top>(schema: S) => Schema.NullOr(schema)
