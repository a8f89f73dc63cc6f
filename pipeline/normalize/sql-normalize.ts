/**
 * The delivery plan as SQL: the same normalization as normalize-row.ts (trim, NFC, missing
 * markers and labels, corrections, "code name" cells, municipality names, leading zeros,
 * numbers in the declared format, dates, yes/no) and the dataset's schema checks, run by
 * DuckDB over a whole file at once. A row this query flags is explained by normalizeRecord,
 * which says precisely what is wrong; the two are held together by tests.
 */
import type { Column } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import type { rowChecksSql } from "../../schemas/derive/sql-checks.ts"
import { BOOLEANS, CODE_NAME_SOURCE, numberPatternSource, thousandsClass } from "./cells.ts"
import { cleanText, MAX_CELL_LENGTH, TRIMMED } from "../shared/text.ts"
import type { DeliveryPlan } from "./delivery-plan.ts"
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
  /** Records and lines advance together from this first line: no join with line_map needed. */
  readonly firstLine: number | undefined
}

/** Trims the same characters as cleanText; the full trim only runs where an end needs it. */
const trimmed = (x: string) => {
  const chars = sqlString(TRIMMED)
  return `CASE WHEN strpos(${chars}, ${x}[1]) > 0 OR strpos(${chars}, ${x}[-1]) > 0 THEN trim(${x}, ${chars}) ELSE ${x} END`
}

/** Same steps as cleanText: compose, then trim (a column the scan found no edge in needs none). */
const clean = (column: string, o: SqlNormalizeOptions) => {
  let e = q(column)
  // DuckDB reads Windows-1252 as Latin-1: put its letters in 0x80–0x9F back.
  if (o.translateC1) e = `translate(${e}, ${sqlString(LATIN1_HIGH)}, ${sqlString(WINDOWS_1252_HIGH)})`
  if (o.nfc) e = `nfc_normalize(${e})`
  return o.untrimmed.has(column) ? e : trimmed(e)
}

/** Same steps as nameKey in municipality-names.ts. */
export const nameKeySql = (x: string) =>
  `regexp_replace(${trimmed(`regexp_replace(lower(nfc_normalize(${x})), ${sqlString(`[${TRIMMED}]+`)}, ' ', 'g')`)}, ' kommun$', '')`

/**
 * The typed value of a text and whether the text is valid for the column, given `d`, the text
 * as a DOUBLE (computed once in an earlier layer). For a number, `check` is the test of its
 * text, to compute once in a layer of its own as `k` and use twice.
 */
const typedSql = (
  column: Column,
  t: string,
  d: string,
  k: string,
  plan: DeliveryPlan,
): { value: string; ok: string; check?: string } => {
  const number = (cast: string, whole: boolean) => {
    const pattern = sqlString(numberPatternSource(plan.dialect, "re2"))
    const check = `(regexp_matches(${t}, ${pattern}) AND ${d} IS NOT NULL${whole ? ` AND ${d} = trunc(${d}) AND abs(${d}) <= 9007199254740991` : ""})`
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
    case "DATE":
      return {
        value: `TRY_CAST(${t} AS DATE)`,
        ok: `(regexp_matches(${t}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') AND TRY_CAST(${t} AS DATE) IS NOT NULL)`,
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
const doubleSql = (t: string, plan: DeliveryPlan, ungrouped: boolean) => {
  // Most numbers have no separator between thousands: the regex runs only where one stands.
  const separators = thousandsSeparators(plan)
  const grouped =
    separators.length === 0 || ungrouped
      ? t
      : `CASE WHEN ${separators.map((c) => `strpos(${t}, ${sqlString(c)}) > 0`).join(" OR ")} THEN regexp_replace(${t}, ${sqlString(thousandsClass(plan.dialect, "re2"))}, '', 'g') ELSE ${t} END`
  return `TRY_CAST(replace(${grouped}, ${sqlString(plan.dialect.decimalSeparator)}, '.') AS DOUBLE)`
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

export interface SqlNormalization {
  /** The small lookup tables the select joins, with the statements that build them (run first). */
  readonly lookups: ReadonlyArray<{ readonly table: string; readonly sql: string }>
  /** Selects `_ord`, `_line`, every dataset column in order, `_bad`, and `_raw` (the source cells of a bad row). */
  readonly select: string
  /** Selects `_ord, _line, field, column_name, source_value, new_value, reason` of every change made. */
  readonly corrections: string | undefined
}

/**
 * Layers, so each expression is computed once: `s` cleans and corrects the text of each field;
 * `p<i>` parses each distinct text of a "code name" or name column once (a few hundred values
 * for millions of rows); `x` joins them and converts numbers; the last layer types and checks.
 */
export const normalizationSql = (
  plan: DeliveryPlan,
  o: SqlNormalizeOptions,
  checks: ReturnType<typeof rowChecksSql>,
): SqlNormalization => {
  const markers = plan.dialect.missingValues.map((m) => [cleanText(m.value), m.label] as const)
  const corrections: CorrectionSql[] = []
  const layerR: string[] = []
  const layerS: string[] = []
  const lookups: Array<{ table: string; sql: (from: string) => string }> = []
  const joins: string[] = []
  const layerX: string[] = []
  const layerK: string[] = []
  const values = new Map<string, string>()
  const labels: Array<{ target: string; missing: string; label: string }> = []
  const oks: string[] = []

  plan.fields.forEach((fp, i) => {
    const { column, source } = fp
    if (source.kind === "provenance") {
      values.set(column.name, column.provenance === "file" ? sqlString(plan.delivery.file) : "_line")
      return
    }
    if (source.kind === "label" || source.kind === "none") {
      values.set(column.name, "NULL")
      return
    }
    if (source.kind === "category") throw new Error("categories are read record by record (needsRecordReader)")
    const raw =
      source.kind === "constant" ? sqlString(cleanText(source.value)) : clean(o.sourceColumns.get(source.name)!, o)
    const missingOf = (r: string) =>
      `(${r} IS NULL OR ${r} = ''${markers.length > 0 ? ` OR ${r} IN (${markers.map(([v]) => sqlString(v)).join(", ")})` : ""})`
    const sourceColumn = source.kind === "column" ? source.name : undefined
    // Corrections apply to the cleaned text, in the order the manifest gives them.
    let corrected = `r${i}`
    for (const c of fp.corrections) {
      const from = sqlString(cleanText(c.from))
      corrections.push({
        field: column.name,
        sourceColumn,
        when: `${corrected} = ${from}`,
        from: corrected,
        to: sqlString(c.to),
        reason: sqlString(c.reason),
      })
      corrected = `CASE WHEN ${corrected} = ${from} THEN ${sqlString(c.to)} ELSE ${corrected} END`
    }
    layerR.push(`${raw} AS r${i}`)
    layerS.push(`${corrected} AS t${i}`)
    const missing = missingOf(`s.r${i}`)
    if (!column.nullable) oks.push(`NOT m${i}`)
    if (source.kind === "column") oks.push(`coalesce(length(r${i}), 0) <= ${MAX_CELL_LENGTH}`)
    if (markers.length > 0 && column.missingLabelField !== undefined) {
      labels.push({
        target: column.missingLabelField,
        missing: `m${i}`,
        label: `CASE ${markers.map(([v, l]) => `WHEN r${i} = ${sqlString(v)} THEN ${sqlString(l)}`).join(" ")} END`,
      })
    }

    let t = `t${i}`
    let parsedOk = "true"
    if (source.kind === "column" && source.parse !== undefined) {
      const [code, ok] =
        source.parse === "code-name"
          ? (() => {
              const re = sqlString(`(?s)${CODE_NAME_SOURCE}`)
              const c = `regexp_extract(t, ${re}, 1)`
              const name = trimmed(`regexp_extract(t, ${re}, 2)`)
              // A known code must carry its own name (an unknown code is the foreign key's to report).
              return [
                `CASE WHEN regexp_matches(t, ${re}) THEN ${c} END`,
                `regexp_matches(t, ${re}) AND (NOT EXISTS (SELECT 1 FROM municipality_keys k WHERE k.code = ${c})
                  OR EXISTS (SELECT 1 FROM municipality_keys k WHERE k.key = ${nameKeySql(name)} AND k.n = 1 AND k.code = ${c}))`,
              ]
            })()
          : [
              `(SELECT k.code FROM municipality_keys k WHERE k.key = ${nameKeySql("t")} AND k.n = 1)`,
              `EXISTS (SELECT 1 FROM municipality_keys k WHERE k.key = ${nameKeySql("t")} AND k.n = 1)`,
            ]
      lookups.push({
        table: `p${i}`,
        sql: (from) =>
          `CREATE OR REPLACE TEMP TABLE p${i} AS SELECT t, ${code} AS code, ${ok} AS ok FROM (SELECT DISTINCT t${i} AS t FROM ${from})`,
      })
      joins.push(`LEFT JOIN p${i} ON p${i}.t = s.t${i}`)
      t = `p${i}.code`
      parsedOk = `coalesce(p${i}.ok, false)`
    }
    if (source.kind === "column" && source.zeroPad !== undefined) {
      const short = (u: string) => `regexp_matches(${u}, '^[0-9]+$') AND length(${u}) < ${source.zeroPad}`
      const padded = (u: string) => `lpad(${u}, ${source.zeroPad}, '0')`
      corrections.push({
        field: column.name,
        sourceColumn,
        when: short(`u${i}`),
        from: `u${i}`,
        to: padded(`u${i}`),
        reason: sqlString(`leading zeros restored to ${source.zeroPad} digits, as declared in the manifest`),
      })
      layerX.push(`${t} AS u${i}`)
      t = `CASE WHEN ${short(t)} THEN ${padded(t)} ELSE ${t} END`
    }
    layerX.push(`${t} AS v${i}`, `${parsedOk} AS ok${i}`, `${missing} AS m${i}`)
    // A text straight from a column the scan found no separator in has none (a correction might add one).
    const ungrouped =
      source.kind === "column" &&
      source.parse === undefined &&
      fp.corrections.length === 0 &&
      o.ungrouped.has(o.sourceColumns.get(source.name)!)
    if (column.type === "INTEGER" || column.type === "BIGINT" || column.type === "DOUBLE")
      layerX.push(`${doubleSql(t, plan, ungrouped)} AS d${i}`)
    const typed = typedSql(column, `v${i}`, `d${i}`, `k${i}`, plan)
    if (typed.check !== undefined) layerK.push(`${typed.check} AS k${i}`)
    values.set(column.name, `CASE WHEN NOT m${i} THEN ${typed.value} END`)
    oks.push(`(m${i} OR (ok${i} AND ${typed.ok}))`)
  })
  // A missing value hands its label to the field that carries it.
  for (const l of labels) {
    values.set(l.target, `coalesce(${values.get(l.target)}, CASE WHEN ${l.missing} THEN ${l.label} END)`)
  }

  const rows =
    o.firstLine !== undefined
      ? `(SELECT src.*, src.rowid AS _ord, src.rowid + ${o.firstLine} AS _line FROM src)`
      : `(SELECT src.*, src.rowid AS _ord, m.line + (src.rowid - m.ord) AS _line FROM src ASOF JOIN line_map m ON src.rowid >= m.ord)`
  const raw = [...o.sourceColumns.values()].map((c) => q(c)).join(", ")
  const s = `(SELECT *${layerS.map((e) => `, ${e}`).join("")} FROM (SELECT _ord, _line, ${raw}${layerR.map((e) => `, ${e}`).join("")} FROM ${rows}))`
  const x = `(SELECT *${layerK.map((e) => `, ${e}`).join("")} FROM (SELECT s.*${layerX.map((e) => `, ${e}`).join("")} FROM ${s} s ${joins.join(" ")}))`
  const names = [...values.keys()].map((n) => q(n)).join(", ")
  const typed = `SELECT _ord, _line, ${raw}, ${[...values].map(([name, value]) => `${value} AS ${q(name)}`).join(",\n    ")},
      NOT (${oks.join("\n      AND ") || "true"}) AS _parse_bad
    FROM ${x} x`
  const flagged = `SELECT *, _parse_bad OR NOT (${checks.map((c) => c.sql).join(" AND ")}) AS _bad FROM (${typed})`
  // The source cells are kept for the rows that fail, for their explanation, and only for them.
  const select = `SELECT _ord, _line, ${names}, _bad, CASE WHEN _bad THEN [${raw}] END AS _raw FROM (${flagged})`
  const changes = corrections.map(
    (
      c,
    ) => `SELECT _ord, _line, ${sqlString(c.field)} AS field, ${c.sourceColumn === undefined ? "NULL" : sqlString(c.sourceColumn)} AS column_name, ${c.from} AS source_value, ${c.to} AS new_value, ${c.reason} AS reason
      FROM ${x} x WHERE ${c.when}`,
  )
  return {
    lookups: lookups.map((l) => ({ table: l.table, sql: l.sql(s) })),
    select,
    corrections: changes.length === 0 ? undefined : changes.join("\nUNION ALL\n"),
  }
}
