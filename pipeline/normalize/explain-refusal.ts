/**
 * A row the normalization refused (sql-normalize.ts), as problems: each reason code the SQL
 * recorded for a cell, and each check its typed row failed, turned into a problem at the cell,
 * with the value as the file gives it and a sentence that names the fix. The rules themselves
 * are decided in SQL alone; here they are only put into words.
 */
import type { SourceCell, SourceRecord } from "../contract/source-record.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import type { Schema } from "effect"
import { decoderOf, type SchemaFinding } from "../problems/schema-issues.ts"
import { MAX_CELL_LENGTH } from "../shared/limits.ts"
import { cleanText } from "../shared/text.ts"
import { examples, type NumberFormat } from "../shared/written-forms.ts"
import { CATEGORY_SEPARATOR, type DeliveryPlan, type FieldPlan } from "./delivery-plan.ts"
import { codeColumnHint, typeHints } from "./fix-hints.ts"
import type { MunicipalityIndex } from "./municipality-names.ts"
import { REASONS, type Reason } from "./reasons.ts"

export type CanonicalValue = string | number | boolean | null
export type CanonicalRow = Record<string, CanonicalValue>

/** What the SQL records of a refused row (the `_refusal` column, as JSON). */
export interface Refusal {
  /** The row's place in the staged table. */
  readonly ord: number
  /** The kept source columns' values, in the staged table's order. */
  readonly raw: ReadonlyArray<string | null>
  /** Per field of the plan, for a row with a refused cell; null when every cell holds. */
  readonly cells: {
    readonly why: ReadonlyArray<Reason | null>
    readonly text: ReadonlyArray<{ readonly clean: string | null; readonly text: string | null } | null>
    readonly found: ReadonlyArray<{
      readonly given: string | null
      readonly name: string | null
      readonly codes: ReadonlyArray<string> | null
    } | null>
  } | null
  /** The fields whose check failed, for a row whose cells all hold. */
  readonly fails: ReadonlyArray<string> | null
}

export interface ExplainContext {
  readonly plan: DeliveryPlan
  /** The file as the user names it, for problems (e.g. `raw/4k/kommuner.csv`). */
  readonly file: string
  /** The names deliveries may give instead of codes (the dataset that declares `nameLookup`). */
  readonly names: MunicipalityIndex | undefined
  /** The dataset's Effect Schema: the words of each check a typed row fails. */
  readonly validate: (row: CanonicalRow) => ReadonlyArray<SchemaFinding>
}

/** A validator of canonical rows from the dataset's Effect Schema, reporting every issue. */
export const rowValidator = (schema: Schema.Top): ExplainContext["validate"] => {
  const decode = decoderOf(schema)
  return (row) => {
    const result = decode(row)
    return result.ok ? [] : result.findings
  }
}

/** What a cell of the field's type must hold, in plain words. */
const expected = (fp: FieldPlan, why: Reason, format: NumberFormat): string => {
  if (why === REASONS.noSuchDate) return "a calendar date that exists"
  switch (fp.column.type) {
    case "INTEGER":
    case "BIGINT":
      return `a whole number, like ${examples(format, false)}`
    case "DOUBLE":
      return `a number, like ${examples(format, true)}`
    case "BOOLEAN":
      return "true or false (ja/nej, yes/no, 1/0)"
    case "DATE":
      return "a date as YYYY-MM-DD"
    case "VARCHAR":
      return "text"
  }
}

const at = (cell: SourceCell | undefined, record: SourceRecord, file: string) =>
  cell === undefined
    ? { file, line: record.line }
    : { file, line: cell.line, column: cell.column, columnName: cell.label ?? cell.name }

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** The cell a field's value comes from, if a cell gives it. */
const cellOf = (fp: FieldPlan, record: SourceRecord): SourceCell | undefined => {
  const { source } = fp
  const name = source.kind === "column" ? source.name : source.kind === "category" ? source.columns[0] : undefined
  return name === undefined ? undefined : record.cells.find((c) => c.name === name)
}

const nearName = (index: MunicipalityIndex | undefined, text: string): string => {
  const near = index?.nearest(text)
  return near === undefined
    ? '; the names are those the release lists, with or without "kommun"'
    : `; did you mean ${JSON.stringify(near.name)} (${near.code})? Correct the cell, or declare a correction in the delivery's entry`
}

/** The problem of the cell of the plan's field `i`, if the SQL refused it. */
const cellProblem = (
  cells: NonNullable<Refusal["cells"]>,
  i: number,
  fp: FieldPlan,
  record: SourceRecord,
  ctx: ExplainContext,
): Problem | undefined => {
  const { why, text, found } = cells
  const { plan } = ctx
  const reason = why[i]
  if (reason === null || reason === undefined) return undefined
  const { column, source } = fp
  const cell = cellOf(fp, record)
  const raw = source.kind === "constant" ? source.value : cell === undefined ? null : cell.value
  const clean = text[i]?.clean ?? ""
  const corrected = text[i]?.text ?? ""
  const say = (code: Problem["code"], message: string, value: string | null = raw) =>
    problem({ code, ...at(cell, record, ctx.file), value, message })
  switch (reason) {
    case REASONS.tooLong:
      return say(
        "cell/too-long",
        `${column.name}: the cell holds ${[...clean].length} characters, more than the ${MAX_CELL_LENGTH} a cell may hold`,
        `${clean.slice(0, 40)}…`,
      )
    case REASONS.category: {
      if (source.kind !== "category") return undefined
      const key = source.columns
        .map((name) => record.cells.find((c) => c.name === name))
        .map((c) => cleanText(c?.value ?? ""))
        .join(CATEGORY_SEPARATOR)
      return say(
        "cell/constraint",
        `${column.name}: the manifest's categories give no value for ${JSON.stringify(key)} (${source.columns.join(CATEGORY_SEPARATOR)}); declared: ${Object.keys(
          source.values,
        )
          .map((k) => JSON.stringify(k))
          .join(", ")}`,
        key,
      )
    }
    case REASONS.required: {
      const label = plan.missing.get(clean)
      return say(
        "cell/required",
        cell === undefined && source.kind === "column"
          ? `the record has no ${JSON.stringify(source.name)}, which ${column.name} requires`
          : `${column.name} is required, but the cell is ${label === undefined ? "empty" : `marked missing (${label})`}`,
      )
    }
    case REASONS.codeName:
      return say("cell/type", 'expected a code followed by a name, such as "2403 Bjurholm"', corrected)
    case REASONS.codeNameMismatch: {
      const { given, name } = found[i] ?? { given: null, name: null }
      return say(
        "cell/constraint",
        `code ${given} is ${ctx.names?.nameOf(given ?? "")}, not ${JSON.stringify(name)}`,
        corrected,
      )
    }
    case REASONS.noNames:
      return say("cell/unknown-name", "no municipality list is delivered to match names against", corrected)
    case REASONS.unknownName:
      return say(
        "cell/unknown-name",
        `no municipality is named ${JSON.stringify(corrected)}${nearName(ctx.names, corrected)}`,
        corrected,
      )
    case REASONS.ambiguousName:
      return say(
        "cell/ambiguous-name",
        `${JSON.stringify(corrected)} could name any of ${(found[i]?.codes ?? []).join(", ")}`,
        corrected,
      )
    case REASONS.type:
    case REASONS.noSuchDate: {
      const numeric = column.type === "DOUBLE" || column.type === "INTEGER" || column.type === "BIGINT"
      return say(
        "cell/type",
        `${column.name}: expected ${expected(fp, reason, plan.dialect)}${typeHints(corrected, numeric, plan.dialect)}`,
      )
    }
  }
}

/**
 * The problems of a refused row, in the order of the plan's fields: the refused cells', or,
 * when every cell holds, the checks its typed row fails. `row` is the typed row as the SQL
 * made it (its refused cells null).
 */
export const explainRefusal = (
  refusal: Refusal,
  record: SourceRecord,
  row: CanonicalRow,
  ctx: ExplainContext,
): Problem[] => {
  const problems: Problem[] = []
  if (refusal.cells !== null) {
    for (const [i, fp] of ctx.plan.fields.entries()) {
      const said = cellProblem(refusal.cells, i, fp, record, ctx)
      if (said !== undefined) problems.push(said)
    }
    return problems
  }
  // The schema's words for the checks the row fails; a check they do not cover is still said, at its field.
  const findings = ctx.validate(row)
  for (const finding of findings) {
    const field = String(finding.path[0] ?? "")
    problems.push(constraintProblem(field, lowerFirst(finding.message), finding.kind === "check", record, row, ctx))
  }
  if (findings.length === 0)
    for (const field of refusal.fails ?? [])
      problems.push(constraintProblem(field, "the value breaks the dataset's rule for it", true, record, row, ctx))
  return problems
}

const constraintProblem = (
  field: string,
  says: string,
  check: boolean,
  record: SourceRecord,
  row: CanonicalRow,
  ctx: ExplainContext,
): Problem => {
  const { plan, file } = ctx
  const fp = plan.fields.find((f) => f.column.name === field)
  const cell = fp === undefined ? undefined : cellOf(fp, record)
  const value = row[field]
  // A code of fixed width given as fewer digits has lost its leading zeros: the definition says so.
  const digits = fp?.column.digits
  const shortCode =
    check && digits !== undefined && typeof value === "string" && /^[0-9]+$/.test(value) && value.length < digits
  return problem({
    code: "cell/constraint",
    ...at(cell, record, file),
    value: cell?.value ?? (value === undefined ? undefined : String(value)),
    message: `${field}: ${says}${shortCode ? `; leading zeros lost? declare "zeroPad": ${digits} for this column in the manifest` : typeof value === "string" ? codeColumnHint(value, field, plan.dataset.foreignKeys, ctx.names) : ""}`,
  })
}
