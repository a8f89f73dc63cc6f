/**
 * Rules over whole tables, run as SQL over the staged rows: primary keys unique, foreign keys
 * resolve, and the rules each dataset declares (a value inside its project's period). Keys,
 * references and rules come from the dataset definitions; each rule reports rows with their
 * source file and line.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { ProblemCode } from "../problems/problem.ts"

/** A row a rule found at fault, located by its staged `_file`, `_line` and `_cols`. */
export interface RuleFinding {
  readonly code: ProblemCode
  readonly dataset: string
  /** The fields the finding points at, the first one found in the source wins. */
  readonly fields: ReadonlyArray<string>
  readonly file: string
  readonly line: number
  readonly cols: string | null
  readonly value: string | null
  readonly message: string
}

export interface TableRule {
  readonly code: ProblemCode
  readonly dataset: string
  /** The fields to point at, in order of preference (a constant has no place in the file). */
  readonly fields: ReadonlyArray<string>
  /** Selects `_file, _line, _cols, value, message` of each offending row. */
  readonly sql: string
  /**
   * For a rule whose findings in a delivery's rows depend on those rows alone unless two
   * deliveries meet (apply-by-delivery.ts): the rule over the rows `from` selects, and a query
   * that finds a row where the rows of the delivery named (the largest) and of the others,
   * or of two others, may meet.
   */
  readonly byDelivery?: {
    readonly within: (from: string) => string
    readonly across: (largest: string) => string
  }
}

const q = quoteIdent
const list = (fields: ReadonlyArray<string>, prefix = "") => fields.map((f) => `${prefix}${q(f)}`).join(", ")
const keyText = (fields: ReadonlyArray<string>, prefix = "") =>
  `concat_ws(', ', ${fields.map((f) => `coalesce(CAST(${prefix}${q(f)} AS VARCHAR), 'null')`).join(", ")})`

/**
 * Two current deliveries that give the same row: the two ways to settle which one stands.
 * (Within one delivery a repeated key is simply an error of that delivery.)
 */
const OVERLAP_HINT_START = "; two current deliveries give this row, "
const OVERLAP_HINT_END =
  ": if one corrects the other, file the newer as the correction of the older, pipeline add NEWER --replaces OLDER" +
  ' (an entry in the manifest already: add "replaces": ["OLDER"] to it);' +
  " if both are snapshots of one source, file them under that source (pipeline snapshot SOURCE), and the newer supersedes the older"

/** Within one delivery: the fix of a row given twice. */
const TWICE_HINT = ": the same row twice; delete one of the two, or correct the key of the one that is wrong"

/**
 * A row of a delivery named in a finding's message, as a mark that locating the finding
 * replaces with where the row is as the publisher sees it (`Blad1!A7` in a workbook, the line
 * in a text file), since only then is a workbook's sheet known.
 */
const rowReference = (file: string, line: string) => `'\uE000' || ${line} || '\uE001' || ${file} || '\uE000'`

/** A message's row references (see rowReference) each as `place` writes it. */
export const resolveRowReferences = (message: string, place: (file: string, line: number) => string): string =>
  message.replace(/\uE000([0-9]+)\uE001([^\uE000]*)\uE000/gu, (_, line: string, file: string) =>
    place(file, Number(line)),
  )

/** The rows of `from` whose key an earlier row (by file and line) of `from` has. */
const duplicateKeysSql = (d: DatasetDefinition, from: string) =>
  `SELECT _file, _line, _cols, ${keyText(d.primaryKey)} AS value,
      'the key (' || ${sqlList(d.primaryKey)} || ') = (' || ${keyText(d.primaryKey)} || ') is already used at ' || ${rowReference("first_file", "first_line")} ||
        CASE WHEN first_file <> _file THEN ${sqlString(OVERLAP_HINT_START)} || first_file || ' and ' || _file || ${sqlString(OVERLAP_HINT_END)} ELSE ${sqlString(TWICE_HINT)} END AS message
    FROM (
      SELECT *, row_number() OVER w AS n, first_value(_file) OVER w AS first_file, first_value(_line) OVER w AS first_line
      FROM ${from} SEMI JOIN (
        SELECT ${list(d.primaryKey)} FROM ${from} k
          SEMI JOIN (SELECT hash(${list(d.primaryKey)}) AS h FROM ${from} GROUP BY 1 HAVING count(*) > 1) twice ON hash(${list(d.primaryKey, "k.")}) = twice.h
        GROUP BY ALL HAVING count(*) > 1
      ) USING (${list(d.primaryKey)})
      WINDOW w AS (PARTITION BY ${list(d.primaryKey)} ORDER BY _file, _line)
    ) WHERE n > 1`

export const primaryKeyRule = (d: DatasetDefinition): TableRule => {
  const table = q(d.name)
  const hashed = `hash(${list(d.primaryKey)})`
  return {
    code: "row/primary-key",
    dataset: d.name,
    fields: d.primaryKey,
    // Only keys that occur twice are windowed, so a table without duplicates costs one aggregate,
    // over the keys' hashes; keys are compared themselves only where two hashes are equal.
    sql: duplicateKeysSql(d, table),
    // Two deliveries meet where a key's hash is in both: the largest's rows are probed against
    // the others' hashes, and the others' grouped.
    byDelivery: {
      within: (from) => duplicateKeysSql(d, from),
      across: (largest) => `SELECT 1 FROM (SELECT ${hashed} AS h FROM ${table} WHERE _file = ${sqlString(largest)})
          SEMI JOIN (SELECT ${hashed} AS h FROM ${table} WHERE _file <> ${sqlString(largest)}) USING (h)
        UNION ALL
        SELECT 1 FROM ${table} WHERE _file <> ${sqlString(largest)} GROUP BY ${hashed} HAVING count(DISTINCT _file) > 1
        LIMIT 1`,
    },
  }
}

const sqlList = (fields: ReadonlyArray<string>) => `'${fields.join(", ")}'`

export const foreignKeyRules = (d: DatasetDefinition): TableRule[] =>
  d.foreignKeys.map((fk) => {
    const join = fk.fields.map((f, i) => `p.${q(fk.reference.fields[i]!)} = k.${q(f)}`).join(" AND ")
    const present = fk.fields.map((f) => `${q(f)} IS NOT NULL`).join(" AND ")
    return {
      code: "row/foreign-key",
      dataset: d.name,
      fields: [...fk.fields].reverse(),
      // The distinct keys are looked up first (a few hundred for millions of rows), and only the
      // rows of those that miss are read again.
      sql: `SELECT c._file, c._line, c._cols, ${keyText(fk.fields, "c.")} AS value,
          'no ${fk.reference.dataset} row has (${fk.reference.fields.join(", ")}) = (' || ${keyText(fk.fields, "c.")} || ')' AS message
        FROM ${q(d.name)} c SEMI JOIN (
          SELECT ${list(fk.fields)} FROM (SELECT DISTINCT ${list(fk.fields)} FROM ${q(d.name)} WHERE ${present}) k
          WHERE NOT EXISTS (SELECT 1 FROM ${q(fk.reference.dataset)} p WHERE ${join})
        ) m ON ${fk.fields.map((f) => `m.${q(f)} = c.${q(f)}`).join(" AND ")}`,
    }
  })

/**
 * The rules of the datasets' tables. A provenance dataset is none: a view of its dataset's
 * table (load/staged-tables.ts), whose keys that dataset's rules check, and whose files are the
 * deliveries read.
 */
export const tableRules = (all: ReadonlyArray<DatasetDefinition>): TableRule[] => {
  const datasets = all.filter((d) => d.provenanceOf === undefined)
  return [
    ...datasets.map(primaryKeyRule),
    ...datasets.flatMap(foreignKeyRules),
    // The rules a dataset declares over its table, where the tables they read are loaded.
    ...datasets.flatMap((d) => (d.tableRules ?? []).map((r) => ({ ...r, dataset: d.name }))),
  ]
}

const fileList = (files: ReadonlyArray<string>) => (files.length === 0 ? "NULL" : files.map(sqlString).join(", "))

/** Runs a rule once, keeping every row it finds in the temp table `findings`. */
export const findingsSql = (rule: TableRule): string => `CREATE OR REPLACE TEMP TABLE findings AS ${rule.sql}`

/**
 * The first `cap` findings, each with the number found in all and in the deliveries that
 * exclude invalid rows.
 */
export const cappedSql = (cap: number, excludedFiles: ReadonlyArray<string>): string =>
  `SELECT _file, _line, _cols, value, message, count(*) OVER () AS total,
      sum(CASE WHEN _file IN (${fileList(excludedFiles)}) THEN 1 ELSE 0 END) OVER () AS excluded_total
    FROM findings ORDER BY _file, _line LIMIT ${cap}`

/** Deletes the rows found in the deliveries that exclude invalid rows. */
export const excludeSql = (rule: TableRule, excludedFiles: ReadonlyArray<string>): string =>
  `DELETE FROM ${q(rule.dataset)} t USING findings f
    WHERE t._file = f._file AND t._line = f._line AND f._file IN (${fileList(excludedFiles)})`
