/**
 * A table rule's findings gathered delivery by delivery, for a rule whose findings in a
 * delivery's rows depend on those rows alone unless two deliveries meet (the primary key: a key
 * repeated within one delivery). A delivery kept between builds (incremental/delivery-cache.ts) keeps
 * its findings beside it, and a build that loads it as it was kept loads them too, instead of
 * running the rule over its rows again. Where two deliveries may meet, nothing is gathered:
 * the rule runs over the whole table, as it does without a cache.
 */
import { existsSync } from "node:fs"
import { rename, rm } from "node:fs/promises"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { keptFindingsPath } from "../incremental/delivery-cache.ts"
import { findingsSql, type TableRule } from "./table-rules.ts"

/** The deliveries kept in the cache: each one's key and the rows it was kept with, by dataset and file. */
export interface KeptDeliveries {
  readonly dir: string
  readonly entries: ReadonlyMap<string, ReadonlyMap<string, { readonly key: string; readonly rows: number }>>
}

/**
 * Fills the temp table `findings` with the rule's findings, delivery by delivery; false (and
 * nothing filled) when the rule cannot be taken so, or two deliveries may meet.
 */
export const findingsByDelivery = async (db: Database, rule: TableRule, kept: KeptDeliveries): Promise<boolean> => {
  const by = rule.byDelivery
  if (by === undefined) return false
  const table = quoteIdent(rule.dataset)
  const files = (
    await db.rows(`SELECT _file AS f, count(*) AS n FROM ${table} GROUP BY _file ORDER BY n DESC, _file`)
  ).map((r) => ({ file: String(r["f"]), rows: Number(r["n"]) }))
  if (files.length > 1 && (await db.rows(by.across(files[0]!.file))).length > 0) return false
  const rowsOf = (where: string) => `(SELECT * FROM ${table} WHERE ${where})`
  await db.run(findingsSql({ ...rule, sql: by.within(rowsOf("false")) }))
  for (const { file, rows } of files) {
    const entry = kept.entries.get(rule.dataset)?.get(file)
    // Kept findings hold for the rows they were found in: the rows the delivery was kept with.
    // Rows are only ever taken out of a table before its rules run, so the same count is the same rows.
    const at = entry !== undefined && entry.rows === rows ? keptFindingsPath(kept.dir, entry.key, rule.code) : undefined
    if (at !== undefined && existsSync(at)) {
      const loaded = await db.run(`INSERT INTO findings SELECT * FROM read_parquet(${sqlString(at)})`).then(
        () => true,
        () => false,
      )
      if (loaded) continue
    }
    // A table of one delivery's rows is those rows.
    await db.run(`INSERT INTO findings ${by.within(files.length === 1 ? table : rowsOf(`_file = ${sqlString(file)}`))}`)
    // The cache only ever saves work: findings that cannot be kept are found again next time.
    if (at !== undefined) {
      const partial = `${at}.${process.pid}.partial`
      await keepFindings(db, file, partial, at).catch(() => rm(partial, { force: true }))
    }
  }
  return true
}

/** Keeps the findings in one delivery's rows beside it, written aside and renamed into place. */
const keepFindings = async (db: Database, file: string, partial: string, at: string): Promise<void> => {
  await db.run(
    `COPY (SELECT * FROM findings WHERE _file = ${sqlString(file)}) TO ${sqlString(partial)} (FORMAT parquet)`,
  )
  await rename(partial, at)
}
