/**
 * Turns one located source record into a canonical record of its dataset, or says precisely
 * why it cannot. Pure: the plan, the record and the reference lists in; a row, problems and
 * corrections out.
 */
import type { Schema } from "effect"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { decoderOf, type SchemaFinding } from "../problems/schema-issues.ts"
import type { SourceCell, SourceRecord } from "../contract/source-record.ts"
import { MAX_CELL_LENGTH } from "../shared/limits.ts"
import { cleanText, tooLong } from "../shared/text.ts"
import { missingValue, padCode, parseBoolean, parseDate, parseInteger, parseNumber, type Parsed } from "./cells.ts"
import type { Correction } from "./correction.ts"
import { CATEGORY_SEPARATOR, type DeliveryPlan, type FieldPlan } from "./delivery-plan.ts"
import type { MunicipalityIndex } from "./municipality-names.ts"
import { codeColumnHint, typeHints } from "./fix-hints.ts"
import { resolveMunicipality } from "./resolve-municipality.ts"

export type CanonicalValue = string | number | boolean | null
export type CanonicalRow = Record<string, CanonicalValue>

export interface RowResult {
  readonly row: CanonicalRow | undefined
  readonly problems: ReadonlyArray<Problem>
  readonly corrections: ReadonlyArray<Correction>
}

export interface NormalizeContext {
  readonly plan: DeliveryPlan
  /** The file as the user names it, for problems (e.g. `raw/4k/kommuner.csv`). */
  readonly file: string
  /** The file relative to raw/, for provenance. */
  readonly deliveryFile: string
  /** The names deliveries may give instead of codes (the dataset that declares `nameLookup`). */
  readonly names: MunicipalityIndex | undefined
  /** The dataset's Effect Schema: every issue of a canonical row, none when it holds. */
  readonly validate: (row: CanonicalRow) => ReadonlyArray<SchemaFinding>
}

/** A validator of canonical rows from the dataset's Effect Schema, reporting every issue. */
export const rowValidator = (schema: Schema.Top): NormalizeContext["validate"] => {
  const decode = decoderOf(schema)
  return (row) => {
    const result = decode(row)
    return result.ok ? [] : result.findings
  }
}

const typed = (plan: FieldPlan, text: string, ctx: NormalizeContext): Parsed<CanonicalValue> => {
  switch (plan.column.type) {
    case "INTEGER":
    case "BIGINT":
      return parseInteger(text, ctx.plan.dialect)
    case "DOUBLE":
      return parseNumber(text, ctx.plan.dialect)
    case "BOOLEAN":
      return parseBoolean(text)
    case "DATE":
      return parseDate(text)
    case "VARCHAR":
      return { ok: true, value: text }
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

export const normalizeRecord = (record: SourceRecord, ctx: NormalizeContext): RowResult => {
  const { plan, file } = ctx
  const problems: Problem[] = []
  const corrections: Correction[] = []
  const row: CanonicalRow = {}
  const cellOf = new Map<string, SourceCell>()
  const labels = new Map<string, string>()

  const at = (cell: SourceCell | undefined) =>
    cell === undefined
      ? { file, line: record.line }
      : { file, line: cell.line, column: cell.column, columnName: cell.label ?? cell.name }

  const correct = (cell: SourceCell | undefined, field: string, from: string, to: string, reason: string) =>
    corrections.push({
      dataset: plan.dataset.name,
      file: ctx.deliveryFile,
      line: cell?.line ?? record.line,
      column: cell?.column ?? null,
      column_name: cell === undefined ? null : (cell.label ?? cell.name),
      field,
      source_value: from,
      new_value: to,
      reason,
    })

  for (const fp of plan.fields) {
    const { column, source } = fp
    if (source.kind === "label" || source.kind === "none") {
      row[column.name] = null
      continue
    }
    let cell: SourceCell | undefined
    let raw: string | null
    if (source.kind === "constant") raw = source.value
    else if (source.kind === "category") {
      const cells = source.columns.map((name) => record.cells.find((c) => c.name === name))
      cell = cells[0]
      const key = cells.map((c) => cleanText(c?.value ?? "")).join(CATEGORY_SEPARATOR)
      raw = source.values[key] ?? null
      if (raw === null) {
        problems.push(
          problem({
            code: "cell/constraint",
            ...at(cell),
            value: key,
            message: `${column.name}: the manifest's categories give no value for ${JSON.stringify(key)} (${source.columns.join(CATEGORY_SEPARATOR)}); declared: ${Object.keys(
              source.values,
            )
              .map((k) => JSON.stringify(k))
              .join(", ")}`,
          }),
        )
        continue
      }
    } else {
      cell = record.cells.find((c) => c.name === source.name)
      raw = cell === undefined ? null : cell.value
    }
    if (cell !== undefined) cellOf.set(column.name, cell)
    let text = raw === null ? "" : cleanText(raw)
    if (source.kind === "column" && tooLong(text)) {
      problems.push(
        problem({
          code: "cell/too-long",
          ...at(cell),
          value: `${text.slice(0, 40)}…`,
          message: `${column.name}: the cell holds ${[...text].length} characters, more than the ${MAX_CELL_LENGTH} a cell may hold`,
        }),
      )
      continue
    }
    const missing = missingValue(text, plan.missing)
    if (missing !== undefined) {
      const { label } = missing
      row[column.name] = null
      if (!column.nullable) {
        problems.push(
          problem({
            code: "cell/required",
            ...at(cell),
            value: raw,
            message:
              cell === undefined && source.kind === "column"
                ? `the record has no ${JSON.stringify(source.name)}, which ${column.name} requires`
                : `${column.name} is required, but the cell is ${label === undefined ? "empty" : `marked missing (${label})`}`,
          }),
        )
      } else if (label !== undefined && column.missingLabelField !== undefined) {
        labels.set(column.missingLabelField, label)
      }
      continue
    }
    for (const c of fp.corrections) {
      if (text === cleanText(c.from)) {
        correct(cell, column.name, text, c.to, c.reason)
        text = c.to
      }
    }
    if (source.kind === "column" && source.parse !== undefined) {
      const code = resolveMunicipality(text, source.parse, cell, ctx, problems, source.zeroPad)
      if (code === undefined) continue
      text = code
    }
    if (source.kind === "column" && source.zeroPad !== undefined) {
      const padded = padCode(text, source.zeroPad)
      if (padded !== text) {
        correct(
          cell,
          column.name,
          text,
          padded,
          `leading zeros restored to ${source.zeroPad} digits, as declared in the manifest`,
        )
        text = padded
      }
    }
    const value = typed(fp, text, ctx)
    if (!value.ok) {
      const numeric = column.type === "DOUBLE" || column.type === "INTEGER" || column.type === "BIGINT"
      const hints = typeHints(text, numeric, plan.dialect)
      problems.push(
        problem({
          code: "cell/type",
          ...at(cell),
          value: raw,
          message: `${column.name}: expected ${value.expected}${hints}`,
        }),
      )
      continue
    }
    row[column.name] = value.value
  }
  for (const [field, label] of labels) if (row[field] === null) row[field] = label
  if (problems.length > 0) return { row: undefined, problems, corrections: [] }

  for (const finding of ctx.validate(row)) {
    const field = String(finding.path[0] ?? "")
    const cell = cellOf.get(field)
    const value = row[field]
    // A code of fixed width given as fewer digits has lost its leading zeros: the definition says so.
    const digits = plan.fields.find((f) => f.column.name === field)?.column.digits
    const shortCode =
      finding.kind === "check" &&
      digits !== undefined &&
      typeof value === "string" &&
      /^[0-9]+$/.test(value) &&
      value.length < digits
    problems.push(
      problem({
        code: "cell/constraint",
        ...at(cell),
        value: cell?.value ?? (value === undefined ? undefined : String(value)),
        message: `${field}: ${lowerFirst(finding.message)}${shortCode ? `; leading zeros lost? declare "zeroPad": ${digits} for this column in the manifest` : typeof value === "string" ? codeColumnHint(value, field, plan.dataset.foreignKeys, ctx.names) : ""}`,
      }),
    )
  }
  return problems.length > 0 ? { row: undefined, problems, corrections: [] } : { row, problems, corrections }
}
