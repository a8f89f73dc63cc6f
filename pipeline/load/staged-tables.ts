/**
 * The tables a build loads deliveries into: one per dataset, with where each row came from,
 * and the corrections; and rows made in JavaScript (the dataset made from the manifest), staged
 * in a file on their way in.
 */
import { writeFile } from "node:fs/promises"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { createTableSql, quoteIdent, sqlString, structSql } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { CORRECTION_COLUMNS, type Correction } from "../normalize/correction.ts"
import { LineFile } from "../shared/line-file.ts"

const CORRECTION_TYPES: Record<(typeof CORRECTION_COLUMNS)[number], string> = {
  dataset: "VARCHAR",
  file: "VARCHAR",
  line: "INTEGER",
  column: "INTEGER",
  column_name: "VARCHAR",
  field: "VARCHAR",
  source_value: "VARCHAR",
  new_value: "VARCHAR",
  reason: "VARCHAR",
}

/**
 * Dataset tables with where each row came from, and the corrections table. A provenance dataset
 * is a view of its dataset's table: the key, and `_file` and `_line` as `file` and `line`.
 */
export const createTables = async (db: Database, datasets: ReadonlyArray<DatasetDefinition>) => {
  for (const d of datasets) {
    if (d.provenanceOf !== undefined) {
      const key = d.primaryKey.map(quoteIdent).join(", ")
      await db.run(
        `CREATE VIEW ${quoteIdent(d.name)} AS SELECT ${key}, _file AS file, _line AS line, _file FROM ${quoteIdent(d.provenanceOf)}`,
      )
      continue
    }
    // Besides the published columns: where each row came from, and, while a delivery is read,
    // whether the normalization refused a row and why (apply-normalization.ts).
    await db.run(
      createTableSql(d, d.name, false).replace(
        /\n\);\n$/,
        `,\n  "_file" VARCHAR NOT NULL,\n  "_line" INTEGER NOT NULL,\n  "_cols" VARCHAR,\n  "_bad" BOOLEAN,\n  "_refusal" VARCHAR\n);\n`,
      ),
    )
  }
  await db.run(
    `CREATE TABLE corrections (${CORRECTION_COLUMNS.map((c) => `${quoteIdent(c)} ${CORRECTION_TYPES[c]}`).join(", ")})`,
  )
  // Filled once the dataset that declares a name lookup is read; empty until then.
  await db.run(`CREATE TABLE name_keys (key VARCHAR, code VARCHAR, n BIGINT, codes VARCHAR[])`)
}

/** Rows made in JavaScript go through a newline-delimited JSON file into their table. */
export class StagedRows {
  private readonly out: LineFile
  private readonly corrections: Correction[] = []
  constructor(
    private readonly path: string,
    private readonly dataset: DatasetDefinition,
  ) {
    this.out = new LineFile(path)
  }
  async add(row: Record<string, unknown>, corrections: ReadonlyArray<Correction>): Promise<void> {
    await this.out.write(JSON.stringify(row))
    this.corrections.push(...corrections)
  }
  async load(db: Database): Promise<void> {
    await this.out.close()
    const columns = [
      ...columnsOf(this.dataset).map((c) => [c.name, c.type] as const),
      ["_file", "VARCHAR"] as const,
      ["_line", "INTEGER"] as const,
      ["_cols", "VARCHAR"] as const,
    ]
    await db.run(
      `INSERT INTO ${quoteIdent(this.dataset.name)} (${columns.map(([n]) => quoteIdent(n)).join(", ")}) SELECT ${columns.map(([n]) => quoteIdent(n)).join(", ")}
       FROM read_json(${sqlString(this.path)}, format = 'newline_delimited', columns = ${structSql(columns)})`,
    )
    await insertCorrections(db, this.corrections, `${this.path}.corrections`)
  }
}

/** Corrections made in JavaScript into the corrections table, through a file at `path`. */
export const insertCorrections = async (db: Database, corrections: ReadonlyArray<Correction>, path: string) => {
  if (corrections.length === 0) return
  await writeFile(path, corrections.map((c) => JSON.stringify(c)).join("\n"))
  await db.run(
    `INSERT INTO corrections SELECT * FROM read_json(${sqlString(path)}, format = 'newline_delimited', columns = ${structSql(CORRECTION_COLUMNS.map((c) => [c, CORRECTION_TYPES[c]] as const))})`,
  )
}
