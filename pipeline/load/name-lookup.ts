/** The names deliveries may give instead of codes, read from the dataset that declares them. */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { MunicipalityIndex } from "../normalize/municipality-names.ts"
import { nameKeySql } from "../normalize/sql-cells.ts"

/**
 * The names of the dataset that declares a name lookup (the municipalities), each normalized
 * key with its code and how many codes share it.
 */
export const loadNames = async (
  db: Database,
  dataset: DatasetDefinition,
  lookup: NonNullable<DatasetDefinition["nameLookup"]>,
): Promise<MunicipalityIndex> => {
  const rows = await db.rows(
    `SELECT ${quoteIdent(lookup.key)} AS code, ${quoteIdent(lookup.name)} AS name FROM ${quoteIdent(dataset.name)}`,
  )
  const index = new MunicipalityIndex(
    rows.map((r) => ({ code: String(r["code"]), name: String(r["name"]) })),
    dataset.name,
  )
  // The keys are made by the same SQL that makes a cell's (sql-cells.ts), so a name matches
  // itself; the genitive ("Bjurholms kommun") is looked up as the name plus s, as
  // MunicipalityIndex does. Without names, a name looked up finds no code, and says so.
  const names = `(SELECT CAST(${quoteIdent(lookup.key)} AS VARCHAR) AS code, CAST(${quoteIdent(lookup.name)} AS VARCHAR) AS name FROM ${quoteIdent(dataset.name)})`
  await db.run(`CREATE OR REPLACE TABLE name_keys AS
    SELECT key, min(code) AS code, count(DISTINCT code) AS n, list_sort(list(DISTINCT code)) AS codes
    FROM (SELECT ${nameKeySql("name")} AS key, code FROM ${names}
      UNION ALL SELECT ${nameKeySql("name")} || 's' AS key, code FROM ${names})
    WHERE key IS NOT NULL GROUP BY key`)
  return index
}
