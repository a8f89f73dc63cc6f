/**
 * The cell steps of the SQL normalization, the one place each cell is decided: trimming and
 * composing (as text.ts's cleanText), name keys, numbers in the declared format
 * (shared/written-forms.ts), and typed values with their checks.
 */
import type { Column } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import { BOOLEANS, numberPatternSource, thousandsClass } from "../shared/written-forms.ts"
import { TRIMMED } from "../shared/text.ts"
import type { DeliveryPlan } from "./delivery-plan.ts"
import type { MissingLabel } from "./missing-labels.ts"
import { REASONS } from "./reasons.ts"
import { LATIN1_HIGH, WINDOWS_1252_HIGH } from "../read/windows-1252.ts"

export interface SqlNormalizeOptions {
  /** Source column name → column of the `src` table. */
  readonly sourceColumns: ReadonlyMap<string, string>
  /** The file was decoded as Latin-1 and holds bytes 0x80–0x9F. */
  readonly translateC1: boolean
  /** The text may hold decomposed characters. */
  readonly nfc: boolean
  /** Columns of `src` no value of which starts or ends with a character to trim. */
  readonly untrimmed: ReadonlySet<string>
  /** Columns of `src` no value of which holds a thousands separator of the dialect. */
  readonly ungrouped: ReadonlySet<string>
  /**
   * The source rows: every column of `src`, with `_ord` (the row's place), `_line` (its record's
   * first line) and `_cols` (where each field stands, where the header does not say it).
   */
  readonly rows: string
  /**
   * Where the cell of a source column stands in a row of `rows`, as SQL: its line, its column
   * number and the column's name as the file gives it (the record's line, and NULLs, for
   * a value no column holds).
   */
  readonly cellAt: (sourceName: string | undefined) => {
    readonly line: string
    readonly column: string
    readonly name: string
  }
}

/** Trims the same characters as cleanText; the full trim only runs where an end needs it. */
export const trimmed = (x: string) => {
  const chars = sqlString(TRIMMED)
  return `CASE WHEN strpos(${chars}, ${x}[1]) > 0 OR strpos(${chars}, ${x}[-1]) > 0 THEN trim(${x}, ${chars}) ELSE ${x} END`
}

/** Same steps as cleanText: compose, then trim (a column the scan found no edge in needs none). */
export const clean = (column: string, o: SqlNormalizeOptions) => {
  let e = q(column)
  // DuckDB reads Windows-1252 as Latin-1: put its letters in 0x80–0x9F back.
  if (o.translateC1) e = `translate(${e}, ${sqlString(LATIN1_HIGH)}, ${sqlString(WINDOWS_1252_HIGH)})`
  if (o.nfc) e = `nfc_normalize(${e})`
  return o.untrimmed.has(column) ? e : trimmed(e)
}

/**
 * Whether `r`, a cleaned cell that may be NULL (DuckDB's empty field), is missing: it is when
 * it is empty or a declared marker's text; and its label (NULL where no marker gives one).
 */
export const missingSql = (r: string, labels: ReadonlyMap<string, MissingLabel>) => {
  const text = `coalesce(${r}, '')`
  const markers = [...labels.keys()].filter((v) => v !== "")
  return {
    missing: `(${text} = ''${markers.length === 0 ? "" : ` OR ${text} IN (${markers.map(sqlString).join(", ")})`})`,
    label:
      labels.size === 0
        ? "NULL"
        : `CASE ${[...labels].map(([v, l]) => `WHEN ${text} = ${sqlString(v)} THEN ${sqlString(l)}`).join(" ")} END`,
  }
}

/** Same steps as nameKey in municipality-names.ts. */
export const nameKeySql = (x: string) =>
  `regexp_replace(${trimmed(`regexp_replace(lower(nfc_normalize(${x})), ${sqlString(`[${TRIMMED}]+`)}, ' ', 'g')`)}, ' kommun$', '')`

/**
 * The typed value of a text and whether the text is valid for the column, given `d`, the text
 * as a DOUBLE (computed once in an earlier layer). For a number, `check` is the test of its
 * text (a number too large for a DOUBLE is refused as one), to compute once in a layer of its own
 * as `k` and use twice; `why` is the reason a text
 * that is not valid is refused, where it is not `REASONS.type`.
 */
export const typedSql = (
  column: Column,
  t: string,
  d: string,
  k: string,
  plan: DeliveryPlan,
): { value: string; ok: string; check?: string; why?: string } => {
  const number = (cast: string, whole: boolean) => {
    const pattern = sqlString(numberPatternSource(plan.dialect, "re2"))
    const check = `(regexp_matches(${t}, ${pattern}) AND isfinite(${d})${whole ? ` AND ${d} = trunc(${d}) AND abs(${d}) <= 9007199254740991` : ""})`
    return {
      value: `CASE WHEN ${k} THEN TRY_CAST(${d} AS ${cast}) END`,
      ok: `(${k} AND TRY_CAST(${d} AS ${cast}) IS NOT NULL)`,
      check,
    }
  }
  switch (column.type) {
    case "INTEGER":
    case "BIGINT":
      return number(column.type, true)
    case "DOUBLE":
      return number("DOUBLE", false)
    case "BOOLEAN": {
      const truthy = Object.entries(BOOLEANS)
        .filter(([, v]) => v)
        .map(([k]) => sqlString(k))
        .join(", ")
      const falsy = Object.entries(BOOLEANS)
        .filter(([, v]) => !v)
        .map(([k]) => sqlString(k))
        .join(", ")
      return {
        value: `CASE WHEN lower(${t}) IN (${truthy}) THEN true WHEN lower(${t}) IN (${falsy}) THEN false END`,
        ok: `lower(${t}) IN (${truthy}, ${falsy})`,
      }
    }
    case "DATE": {
      const form = `regexp_matches(${t}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')`
      return {
        value: `TRY_CAST(${t} AS DATE)`,
        ok: `(${form} AND TRY_CAST(${t} AS DATE) IS NOT NULL)`,
        why: `CASE WHEN ${form} THEN ${sqlString(REASONS.noSuchDate)} ELSE ${sqlString(REASONS.type)} END`,
      }
    }
    case "VARCHAR":
      return { value: t, ok: "true" }
  }
}

/** The thousands separators of a dialect: a space stands for all three kinds of space. */
export const thousandsSeparators = (plan: DeliveryPlan): string[] =>
  plan.dialect.thousandsSeparator === ""
    ? []
    : plan.dialect.thousandsSeparator === " "
      ? [" ", "\u00a0", "\u202f"]
      : [plan.dialect.thousandsSeparator]

/**
 * The text with thousands separators removed and the decimal separator made a point, as DOUBLE.
 * `ungrouped`: the text is known to hold no separator.
 */
export const doubleSql = (t: string, plan: DeliveryPlan, ungrouped: boolean) => {
  // Most numbers have no separator between thousands: the regex runs only where one stands.
  const separators = thousandsSeparators(plan)
  const grouped =
    separators.length === 0 || ungrouped
      ? t
      : `CASE WHEN ${separators.map((c) => `strpos(${t}, ${sqlString(c)}) > 0`).join(" OR ")} THEN regexp_replace(${t}, ${sqlString(thousandsClass(plan.dialect, "re2"))}, '', 'g') ELSE ${t} END`
  // Plus zero turns minus zero into zero, as the record path publishes it (IEEE 754: -0 + 0 = 0).
  return `(TRY_CAST(replace(${grouped}, ${sqlString(plan.dialect.decimalSeparator)}, '.') AS DOUBLE) + CAST(0 AS DOUBLE))`
}
