/**
 * The delivery plan as SQL: the same normalization as normalize-row.ts (trim, NFC, missing
 * markers and labels, corrections, "code name" cells, municipality names, leading zeros,
 * numbers in the declared format, dates, yes/no) and the dataset's schema checks, run by
 * DuckDB over a whole file at once. A row this query flags is explained by normalizeRecord,
 * which says precisely what is wrong; the two are held together by tests.
 */
import type { Column } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import { rowChecksSql } from "../../schemas/derive/sql-checks.ts"
import { BOOLEANS, CODE_NAME_SOURCE, numberPatternSource, thousandsClass, TRIMMED } from "./cells.ts"
import type { DeliveryPlan, FieldPlan } from "./delivery-plan.ts"

/** Windows-1252's letters in 0x80–0x9F, for text DuckDB decoded as Latin-1. */
const C1_FROM = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join("")
const C1_TO = new TextDecoder("windows-1252").decode(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i))

export interface SqlNormalizeOptions {
  /** Source column name → column of the `src` table. */
  readonly sourceColumns: ReadonlyMap<string, string>
  /** The file was decoded as Latin-1 and holds bytes 0x80–0x9F. */
  readonly translateC1: boolean
  /** The text may hold decomposed characters. */
  readonly nfc: boolean
}

const trimmed = (x: string) => `trim(${x}, ${sqlString(TRIMMED)})`

/** Same steps as cleanText: compose, then trim. */
const clean = (x: string, o: SqlNormalizeOptions) => {
  let e = x
  if (o.translateC1) e = `translate(${e}, ${sqlString(C1_FROM)}, ${sqlString(C1_TO)})`
  if (o.nfc) e = `nfc_normalize(${e})`
  return trimmed(e)
}

/** Same steps as nameKey in municipality-names.ts. */
export const nameKeySql = (x: string) =>
  `regexp_replace(${trimmed(`regexp_replace(lower(nfc_normalize(${x})), ${sqlString(`[${TRIMMED}]+`)}, ' ', 'g')`)}, ' kommun$', '')`

const typedSql = (column: Column, t: string, plan: DeliveryPlan): { value: string; ok: string } => {
  const number = (cast: string, whole: boolean) => {
    const pattern = sqlString(numberPatternSource(plan.dialect, "re2"))
    const plain = `replace(${plan.dialect.thousandsSeparator === "" ? t : `regexp_replace(${t}, ${sqlString(thousandsClass(plan.dialect, "re2"))}, '', 'g')`}, ${sqlString(plan.dialect.decimalSeparator)}, '.')`
    const dbl = `TRY_CAST(${plain} AS DOUBLE)`
    const ok = `(regexp_matches(${t}, ${pattern}) AND ${dbl} IS NOT NULL${whole ? ` AND ${dbl} = trunc(${dbl}) AND abs(${dbl}) <= 9007199254740991` : ""})`
    return { value: `CASE WHEN ${ok} THEN TRY_CAST(${dbl} AS ${cast}) END`, ok: `(${ok} AND TRY_CAST(${dbl} AS ${cast}) IS NOT NULL)` }
  }
  switch (column.type) {
    case "INTEGER":
    case "BIGINT":
      return number(column.type, true)
    case "DOUBLE":
      return number("DOUBLE", false)
    case "BOOLEAN": {
      const truthy = Object.entries(BOOLEANS).filter(([, v]) => v).map(([k]) => sqlString(k)).join(", ")
      const falsy = Object.entries(BOOLEANS).filter(([, v]) => !v).map(([k]) => sqlString(k)).join(", ")
      return { value: `CASE WHEN lower(${t}) IN (${truthy}) THEN true WHEN lower(${t}) IN (${falsy}) THEN false END`, ok: `lower(${t}) IN (${truthy}, ${falsy})` }
    }
    case "DATE":
      return { value: `TRY_CAST(${t} AS DATE)`, ok: `(regexp_matches(${t}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') AND TRY_CAST(${t} AS DATE) IS NOT NULL)` }
    case "VARCHAR":
      return { value: t, ok: "true" }
  }
}

/** A change to a source value the query makes, for the corrections of the release. */
interface CorrectionSql {
  readonly field: string
  readonly sourceColumn: string | undefined
  readonly when: string
  readonly from: string
  readonly to: string
  readonly reason: string
}

interface FieldSql {
  readonly plan: FieldPlan
  readonly missing: string
  readonly label: string | undefined
  readonly value: string
  readonly ok: string
}

const cleanConstant = (v: string) => v.normalize("NFC").replace(new RegExp(`^[${TRIMMED}]+|[${TRIMMED}]+$`, "gu"), "")

export interface SqlNormalization {
  /** Selects `_ord`, `_line`, every dataset column in order, and `_bad`. */
  readonly select: string
  /** Selects `_ord, _line, field, column_name, source_value, new_value, reason` of every change made. */
  readonly corrections: string | undefined
}

export const normalizationSql = (plan: DeliveryPlan, o: SqlNormalizeOptions, checks: ReturnType<typeof rowChecksSql>): SqlNormalization => {
  const markers = plan.dialect.missingValues.map((m) => [cleanConstant(m.value), m.label] as const)
  const corrections: CorrectionSql[] = []
  const fields: FieldSql[] = plan.fields.map((fp): FieldSql => {
    const { column, source } = fp
    if (source.kind === "provenance") {
      const value = column.name === "source_file" ? sqlString(plan.delivery.file) : "_line"
      return { plan: fp, missing: "false", label: undefined, value, ok: "true" }
    }
    if (source.kind === "label" || source.kind === "none") return { plan: fp, missing: "true", label: undefined, value: "NULL", ok: "true" }
    const text = source.kind === "constant" ? sqlString(cleanConstant(source.value)) : clean(q(o.sourceColumns.get(source.name)!), o)
    const missing = `(${text} IS NULL OR ${text} = ''${markers.length > 0 ? ` OR ${text} IN (${markers.map(([v]) => sqlString(v)).join(", ")})` : ""})`
    const label = markers.length > 0 ? `CASE ${markers.map(([v, l]) => `WHEN ${text} = ${sqlString(v)} THEN ${sqlString(l)}`).join(" ")} END` : undefined
    const sourceColumn = source.kind === "column" ? source.name : undefined
    let t = text
    for (const c of fp.corrections) {
      const from = sqlString(cleanConstant(c.from))
      corrections.push({ field: column.name, sourceColumn, when: `${t} = ${from}`, from: t, to: sqlString(c.to), reason: sqlString(c.reason) })
      t = `CASE WHEN ${t} = ${from} THEN ${sqlString(c.to)} ELSE ${t} END`
    }
    let ok = "true"
    if (source.kind === "column" && source.parse === "code-name") {
      const re = sqlString(`(?s)${CODE_NAME_SOURCE}`)
      const code = `regexp_extract(${t}, ${re}, 1)`
      const name = trimmed(`regexp_extract(${t}, ${re}, 2)`)
      // A known code must carry its own name (an unknown code is the foreign key's to report).
      ok = `(regexp_matches(${t}, ${re}) AND (NOT EXISTS (SELECT 1 FROM municipalities m WHERE m.municipality_code = ${code})
        OR EXISTS (SELECT 1 FROM municipality_keys k WHERE k.key = ${nameKeySql(name)} AND k.n = 1 AND k.code = ${code})))`
      t = `CASE WHEN regexp_matches(${t}, ${re}) THEN ${code} END`
    } else if (source.kind === "column" && source.parse === "municipality-name") {
      const key = nameKeySql(t)
      ok = `EXISTS (SELECT 1 FROM municipality_keys k WHERE k.key = ${key} AND k.n = 1)`
      t = `(SELECT k.code FROM municipality_keys k WHERE k.key = ${key} AND k.n = 1)`
    }
    if (source.kind === "column" && source.zeroPad !== undefined) {
      const short = `regexp_matches(${t}, '^[0-9]+$') AND length(${t}) < ${source.zeroPad}`
      const padded = `lpad(${t}, ${source.zeroPad}, '0')`
      corrections.push({ field: column.name, sourceColumn, when: short, from: t, to: padded, reason: sqlString(`leading zeros restored to ${source.zeroPad} digits, as declared in the manifest`) })
      t = `CASE WHEN ${short} THEN ${padded} ELSE ${t} END`
    }
    const typed = typedSql(column, t, plan)
    return { plan: fp, missing, label, value: `CASE WHEN NOT ${missing} THEN ${typed.value} END`, ok: `(${missing} OR (${ok} AND ${typed.ok}))` }
  })

  // A missing value hands its label to the field that carries it.
  const values = new Map(fields.map((f) => [f.plan.column.name, f.value]))
  for (const f of fields) {
    const target = f.plan.column.missingLabelField
    if (target !== undefined && f.label !== undefined) {
      values.set(target, `coalesce(${values.get(target)}, CASE WHEN ${f.missing} THEN ${f.label} END)`)
    }
  }
  const required = fields.filter((f) => !f.plan.column.nullable).map((f) => `NOT ${f.missing}`)
  const parsedOk = [...required, ...fields.map((f) => f.ok)].join("\n      AND ")
  const from = `(SELECT src.*, src.rowid AS _ord, m.line + (src.rowid - m.ord) AS _line
      FROM src ASOF JOIN line_map m ON src.rowid >= m.ord) s`
  const typed = `SELECT _ord, _line, ${[...values].map(([name, value]) => `${value} AS ${q(name)}`).join(",\n    ")},
      NOT (${parsedOk}) AS _parse_bad
    FROM ${from}`
  const select = `SELECT * EXCLUDE (_parse_bad), _parse_bad OR NOT (${checks.map((c) => c.sql).join(" AND ")}) AS _bad FROM (${typed})`
  const changes = corrections.map(
    (c) => `SELECT _ord, _line, ${sqlString(c.field)} AS field, ${c.sourceColumn === undefined ? "NULL" : sqlString(c.sourceColumn)} AS column_name, ${c.from} AS source_value, ${c.to} AS new_value, ${c.reason} AS reason
      FROM ${from} WHERE ${c.when}`,
  )
  return { select, corrections: changes.length === 0 ? undefined : changes.join("\nUNION ALL\n") }
}
