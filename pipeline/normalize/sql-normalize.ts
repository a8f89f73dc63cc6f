import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import type { rowChecksSql } from "../../schemas/derive/sql-checks.ts"
import { CODE_NAME_SOURCE } from "./cells.ts"
import { MAX_CELL_LENGTH } from "../shared/limits.ts"
import { cleanText } from "../shared/text.ts"
import type { DeliveryPlan } from "./delivery-plan.ts"
import { clean, doubleSql, missingSql, nameKeySql, type SqlNormalizeOptions, trimmed, typedSql } from "./sql-cells.ts"

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
  /** Selects `_ord, _line, cell_line, field, column_name, source_value, new_value, reason` of every change made. */
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
    if (source.kind === "label" || source.kind === "none") {
      values.set(column.name, "NULL")
      return
    }
    if (source.kind === "category") throw new Error("categories are read record by record (needsRecordReader)")
    const raw =
      source.kind === "constant" ? sqlString(cleanText(source.value)) : clean(o.sourceColumns.get(source.name)!, o)
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
    const missing = missingSql(`s.r${i}`, plan.missing).missing
    if (!column.nullable) oks.push(`NOT m${i}`)
    if (source.kind === "column") oks.push(`coalesce(length(r${i}), 0) <= ${MAX_CELL_LENGTH}`)
    if (plan.missing.size > 0 && column.missingLabelField !== undefined) {
      labels.push({
        target: column.missingLabelField,
        missing: `m${i}`,
        label: missingSql(`r${i}`, plan.missing).label,
      })
    }

    let t = `t${i}`
    let parsedOk = "true"
    if (source.kind === "column" && source.parse !== undefined) {
      const [code, ok] =
        source.parse === "code-name"
          ? (() => {
              const re = sqlString(`(?s)${CODE_NAME_SOURCE}`)
              const given = `regexp_extract(t, ${re}, 1)`
              const name = trimmed(`regexp_extract(t, ${re}, 2)`)
              // The name is checked against the code as it will be published, its zeros restored.
              const c =
                source.zeroPad === undefined
                  ? given
                  : `CASE WHEN regexp_matches(${given}, '^[0-9]+$') AND length(${given}) < ${source.zeroPad} THEN lpad(${given}, ${source.zeroPad}, '0') ELSE ${given} END`
              // A known code must carry its own name (an unknown code is the foreign key's to report).
              return [
                `CASE WHEN regexp_matches(t, ${re}) THEN ${given} END`,
                `regexp_matches(t, ${re}) AND (NOT EXISTS (SELECT 1 FROM name_keys k WHERE k.code = ${c})
                  OR EXISTS (SELECT 1 FROM name_keys k WHERE k.key = ${nameKeySql(name)} AND k.n = 1 AND k.code = ${c}))`,
              ]
            })()
          : [
              `(SELECT k.code FROM name_keys k WHERE k.key = ${nameKeySql("t")} AND k.n = 1)`,
              `EXISTS (SELECT 1 FROM name_keys k WHERE k.key = ${nameKeySql("t")} AND k.n = 1)`,
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
  // A cell stands as many lines below its record's first as there are line breaks in the cells
  // before it (a dropped column that spans lines sends the file to the tokenizer instead).
  const sourceOrder = [...o.sourceColumns.entries()]
  const cellLine = (name: string | undefined) => {
    const at = sourceOrder.findIndex(([n]) => n === name)
    const before = sourceOrder.slice(0, Math.max(at, 0)).map(([, c]) => q(c))
    return ["_line", ...before.map((c) => `coalesce(length(${c}) - length(replace(${c}, chr(10), '')), 0)`)].join(" + ")
  }
  const changes = corrections.map(
    (
      c,
    ) => `SELECT _ord, _line, ${cellLine(c.sourceColumn)} AS cell_line, ${sqlString(c.field)} AS field, ${c.sourceColumn === undefined ? "NULL" : sqlString(c.sourceColumn)} AS column_name, ${c.from} AS source_value, ${c.to} AS new_value, ${c.reason} AS reason
      FROM ${x} x WHERE ${c.when}`,
  )
  return {
    lookups: lookups.map((l) => ({ table: l.table, sql: l.sql(s) })),
    select,
    corrections: changes.length === 0 ? undefined : changes.join("\nUNION ALL\n"),
  }
}
