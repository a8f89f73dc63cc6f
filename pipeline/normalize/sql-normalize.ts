import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import type { rowChecksSql } from "../../schemas/derive/sql-checks.ts"
import { MAX_CELL_LENGTH } from "../shared/limits.ts"
import { cleanText } from "../shared/text.ts"
import { CATEGORY_SEPARATOR, type DeliveryPlan, type FieldSource } from "./delivery-plan.ts"
import { REASONS } from "./reasons.ts"
import { clean, doubleSql, missingSql, type SqlNormalizeOptions, typedSql } from "./sql-cells.ts"
import { nameLookupSql } from "./sql-names.ts"

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
  /**
   * Selects `_ord`, `_line`, every dataset column in order, `_bad`, and `_refusal`: for a row
   * refused, a JSON document of why (a `Refusal`, explain-refusal.ts), NULL for any other.
   */
  readonly select: string
  /** Selects `_ord, _line, cell_line, cell_column, field, column_name, source_value, new_value, reason` of every change made. */
  readonly corrections: string | undefined
}

/** The value of a category: its columns' cleaned texts joined as the manifest writes them, looked up. */
const categorySql = (source: Extract<FieldSource, { kind: "category" }>, o: SqlNormalizeOptions): string => {
  const key = source.columns
    .map((name) => {
      const column = o.sourceColumns.get(name)
      return column === undefined ? "''" : `coalesce(${clean(column, o)}, '')`
    })
    .join(` || ${sqlString(CATEGORY_SEPARATOR)} || `)
  const values = Object.entries(source.values)
  return values.length === 0
    ? "NULL::VARCHAR"
    : `CASE ${key} ${values.map(([k, v]) => `WHEN ${sqlString(k)} THEN ${sqlString(cleanText(v))}`).join(" ")} END`
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
  const l: Layers = {
    corrections: [],
    layerR: [],
    layerS: [],
    lookups: [],
    joins: [],
    layerX: [],
    layerK: [],
    values: new Map(),
    labels: [],
    oks: [],
    reasons: [],
    texts: [],
    extras: [],
  }
  const { corrections, layerR, layerS, lookups, joins, layerX, layerK, values, labels, oks, reasons, texts, extras } = l
  for (const [i, fp] of plan.fields.entries()) addField(l, fp, i, plan, o)
  // A missing value hands its label to the field that carries it.
  for (const l of labels) {
    values.set(l.target, `coalesce(${values.get(l.target)}, CASE WHEN ${l.missing} THEN ${l.label} END)`)
  }

  const raw = [...o.sourceColumns.values()].map((c) => q(c)).join(", ")
  const s = `(SELECT *${layerS.map((e) => `, ${e}`).join("")} FROM (SELECT *${layerR.map((e) => `, ${e}`).join("")} FROM ${o.rows}))`
  const x = `(SELECT *${layerK.map((e) => `, ${e}`).join("")} FROM (SELECT s.*${layerX.map((e) => `, ${e}`).join("")} FROM ${s} s ${joins.join(" ")}))`
  const names = [...values.keys()].map((n) => q(n)).join(", ")
  const parsed = oks.join("\n      AND ") || "true"
  // Why each cell of a row refused is refused: computed for those rows alone.
  const typed = `SELECT _ord, _line, _cols, ${raw}, ${[...values].map(([name, value]) => `${value} AS ${q(name)}`).join(",\n    ")},
      NOT (${parsed}) AS _parse_bad,
      CASE WHEN NOT (${parsed}) THEN {why: [${reasons.join(", ")}], text: [${texts.join(", ")}], found: [${extras.join(", ")}]} END AS _cells
    FROM ${x} x`
  const flagged = `SELECT *, _parse_bad OR NOT (${checks.map((c) => c.sql).join(" AND ")}) AS _bad FROM (${typed})`
  // A row whose cells hold is refused by the checks that fail, each at its field.
  const fails = `list_filter([${checks.map((c) => `CASE WHEN ${c.sql} THEN NULL ELSE ${sqlString(c.column)} END`).join(", ")}], f -> f IS NOT NULL)`
  const select = `SELECT _ord, _line, _cols, ${names}, _bad,
      CASE WHEN _bad THEN to_json({ord: _ord, raw: [${raw}], cells: _cells, fails: CASE WHEN NOT _parse_bad THEN ${fails} END})::VARCHAR END AS _refusal
    FROM (${flagged})`
  const changes = corrections.map((c) => {
    const at = o.cellAt(c.sourceColumn)
    return `SELECT _ord, _line, ${at.line} AS cell_line, ${at.column} AS cell_column, ${sqlString(c.field)} AS field, ${at.name} AS column_name, ${c.from} AS source_value, ${c.to} AS new_value, ${c.reason} AS reason
      FROM ${x} x WHERE ${c.when}`
  })
  return {
    lookups: lookups.map((l) => ({ table: l.table, sql: l.sql(s) })),
    select,
    corrections: changes.length === 0 ? undefined : changes.join("\nUNION ALL\n"),
  }
}

/**
 * The expressions of every layer, built field by field. Per field, aligned with plan.fields:
 * why a cell is refused (`reasons`), its text (`texts`), what a lookup found (`extras`).
 */
interface Layers {
  readonly corrections: CorrectionSql[]
  readonly layerR: string[]
  readonly layerS: string[]
  readonly lookups: Array<{ table: string; sql: (from: string) => string }>
  readonly joins: string[]
  readonly layerX: string[]
  readonly layerK: string[]
  readonly values: Map<string, string>
  readonly labels: Array<{ target: string; missing: string; label: string }>
  readonly oks: string[]
  readonly reasons: string[]
  readonly texts: string[]
  readonly extras: string[]
}

/** A field's expressions in each layer: its text cleaned and corrected, looked up, typed and checked, and why a cell is refused. */
const addField = (
  l: Layers,
  fp: DeliveryPlan["fields"][number],
  i: number,
  plan: DeliveryPlan,
  o: SqlNormalizeOptions,
) => {
  const { column, source } = fp
  if (source.kind === "label" || source.kind === "none") {
    l.values.set(column.name, "NULL")
    l.reasons.push("NULL")
    l.texts.push("NULL")
    l.extras.push("NULL")
    return
  }
  const raw =
    source.kind === "constant"
      ? sqlString(cleanText(source.value))
      : source.kind === "category"
        ? categorySql(source, o)
        : clean(o.sourceColumns.get(source.name)!, o)
  const sourceColumn =
    source.kind === "column" ? source.name : source.kind === "category" ? source.columns[0] : undefined
  // Corrections apply to the cleaned text, in the order the manifest gives them.
  let corrected = `r${i}`
  for (const c of fp.corrections) {
    const from = sqlString(cleanText(c.from))
    l.corrections.push({
      field: column.name,
      sourceColumn,
      when: `${corrected} = ${from}`,
      from: corrected,
      to: sqlString(c.to),
      reason: sqlString(c.reason),
    })
    corrected = `CASE WHEN ${corrected} = ${from} THEN ${sqlString(c.to)} ELSE ${corrected} END`
  }
  l.layerR.push(`${raw} AS r${i}`)
  l.layerS.push(`${corrected} AS t${i}`)
  const missing = missingSql(`s.r${i}`, plan.missing).missing
  // Why a cell is refused, the first reason that holds, in the order the rules apply.
  const why: Array<[string, string]> = []
  if (source.kind === "column")
    why.push([`coalesce(length(r${i}), 0) > ${MAX_CELL_LENGTH}`, sqlString(REASONS.tooLong)])
  if (source.kind === "category") why.push([`r${i} IS NULL`, sqlString(REASONS.category)])
  why.push([`m${i}`, column.nullable ? "NULL" : sqlString(REASONS.required)])
  if (!column.nullable) l.oks.push(`NOT m${i}`)
  if (source.kind === "column") l.oks.push(`coalesce(length(r${i}), 0) <= ${MAX_CELL_LENGTH}`)
  if (source.kind === "category") l.oks.push(`r${i} IS NOT NULL`)
  if (plan.missing.size > 0 && column.missingLabelField !== undefined) {
    l.labels.push({
      target: column.missingLabelField,
      missing: `m${i}`,
      label: missingSql(`r${i}`, plan.missing).label,
    })
  }

  let t = `t${i}`
  let parsedOk = "true"
  if (source.kind === "column" && source.parse !== undefined) {
    l.lookups.push({ table: `p${i}`, sql: (from) => nameLookupSql(source.parse!, source.zeroPad, `t${i}`, from) })
    l.joins.push(`LEFT JOIN p${i} ON p${i}.t = s.t${i}`)
    t = `p${i}.code`
    parsedOk = `(p${i}.t IS NOT NULL AND p${i}.why IS NULL)`
    l.layerX.push(`p${i}.why AS w${i}`, `{given: p${i}.given, name: p${i}.name, codes: p${i}.codes} AS n${i}`)
    why.push([`NOT ok${i}`, `w${i}`])
    l.extras.push(`n${i}`)
  } else l.extras.push("NULL")
  if (source.kind === "column" && source.zeroPad !== undefined) {
    const short = (u: string) => `regexp_matches(${u}, '^[0-9]+$') AND length(${u}) < ${source.zeroPad}`
    const padded = (u: string) => `lpad(${u}, ${source.zeroPad}, '0')`
    l.corrections.push({
      field: column.name,
      sourceColumn,
      when: short(`u${i}`),
      from: `u${i}`,
      to: padded(`u${i}`),
      reason: sqlString(`leading zeros restored to ${source.zeroPad} digits, as declared in the manifest`),
    })
    l.layerX.push(`${t} AS u${i}`)
    t = `CASE WHEN ${short(t)} THEN ${padded(t)} ELSE ${t} END`
  }
  l.layerX.push(`${t} AS v${i}`, `${parsedOk} AS ok${i}`, `${missing} AS m${i}`)
  // A text straight from a column the scan found no separator in has none (a correction might add one).
  const ungrouped =
    source.kind === "column" &&
    source.parse === undefined &&
    fp.corrections.length === 0 &&
    o.ungrouped.has(o.sourceColumns.get(source.name)!)
  if (column.type === "INTEGER" || column.type === "BIGINT" || column.type === "DOUBLE")
    l.layerX.push(`${doubleSql(t, plan, ungrouped)} AS d${i}`)
  const typed = typedSql(column, `v${i}`, `d${i}`, `k${i}`, plan)
  if (typed.check !== undefined) l.layerK.push(`${typed.check} AS k${i}`)
  l.values.set(column.name, `CASE WHEN NOT m${i} THEN ${typed.value} END`)
  l.oks.push(`(m${i} OR (ok${i} AND ${typed.ok}))`)
  why.push([`NOT (${typed.ok})`, typed.why ?? sqlString(REASONS.type)])
  l.reasons.push(`CASE ${why.map(([when, reason]) => `WHEN ${when} THEN ${reason}`).join(" ")} END`)
  l.texts.push(`{clean: r${i}, text: t${i}}`)
}
