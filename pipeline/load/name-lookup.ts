/** The names deliveries may give instead of codes, read from the dataset that declares them. */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { MunicipalityIndex, nameKey } from "../normalize/municipality-names.ts"

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
  // The genitive ("Bjurholms kommun") is looked up as the name plus s, as MunicipalityIndex does.
  // Without names, the table's columns are still text: a name looked up finds no code, and says so.
  const pairs = rows.flatMap((r) => {
    const key = nameKey(String(r["name"]))
    return [
      [key, String(r["code"])],
      [`${key}s`, String(r["code"])],
    ]
  })
  await db.run(`CREATE OR REPLACE TABLE name_keys AS SELECT key, min(code) AS code, count(DISTINCT code) AS n, list_sort(list(DISTINCT code)) AS codes
    FROM (VALUES ${pairs.length === 0 ? "(NULL::VARCHAR, NULL::VARCHAR)" : pairs.map(([k, c]) => `(${sqlString(k!)}, ${sqlString(c!)})`).join(", ")}) t(key, code)
    WHERE key IS NOT NULL GROUP BY key`)
  return index
}
