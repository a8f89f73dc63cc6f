/**
 * Normalized deliveries kept between builds under a key of everything that made them: the
 * code (the dataset definitions included), the manifest's entry, the file's content (its
 * sha256, which the inventory has checked), how problems name it, the problem cap, and the
 * keys of the deliveries of the list a delivery's names are matched against (the
 * municipalities'). A delivery whose key is kept is not read or normalized again: its rows,
 * corrections and problems are loaded as they were. An entry is written aside and renamed
 * into place, its description last, so a half-written entry is never read; one that cannot
 * be read is made again.
 */
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import type { Database } from "../db/duckdb.ts"
import type { Problem } from "../problems/problem.ts"

/** Where normalized deliveries are kept, and the identity of the code that made them. */
export interface DeliveryCacheOptions {
  readonly dir: string
  readonly codeKey: string
}

/** What a delivery's reading produced besides its rows and corrections. */
export interface DeliveryOutcome<Stats> {
  readonly problems: ReadonlyArray<Problem>
  /** Problems past the cap, counted, by severity. */
  readonly unlisted: ReadonlyArray<readonly [Problem["severity"], number]>
  readonly stats: Stats
  readonly fieldColumns: ReadonlyArray<readonly [string, { column: number; name: string }]> | null
  readonly sheet: string | null
}

interface Entry<Stats> extends DeliveryOutcome<Stats> {
  readonly rows: number
  readonly corrections: number
}

export const deliveryKey = (parts: {
  readonly codeKey: string
  readonly delivery: PlannedDelivery
  readonly label: string
  readonly cap: number
  readonly reader: string
  readonly upstream: ReadonlyArray<string>
}): string => createHash("sha256").update(JSON.stringify(parts)).digest("hex")

/**
 * Where the findings of a table rule in a kept delivery's rows are kept beside it
 * (validate/apply-by-delivery.ts): removed with the entry.
 */
export const keptFindingsPath = (dir: string, key: string, code: string): string =>
  join(dir, `${key}.${code.replaceAll("/", "-")}.parquet`)

const paths = (dir: string, key: string) => ({
  meta: join(dir, `${key}.json`),
  rows: join(dir, `${key}.rows.parquet`),
  corrections: join(dir, `${key}.corrections.parquet`),
})

const rowColumns = (d: DatasetDefinition) => [...columnsOf(d).map((c) => c.name), "_file", "_line", "_cols"]

/**
 * Loads a kept delivery into the tables, and says how many rows it holds; undefined (and
 * nothing loaded) when it is not kept.
 */
export const loadKept = async <Stats>(
  db: Database,
  dir: string,
  key: string,
  dataset: DatasetDefinition,
  file: string,
): Promise<(DeliveryOutcome<Stats> & { readonly rows: number }) | undefined> => {
  const at = paths(dir, key)
  if (!existsSync(at.meta)) return undefined
  let entry: Entry<Stats>
  try {
    entry = JSON.parse(await readFile(at.meta, "utf8")) as Entry<Stats>
  } catch {
    return undefined
  }
  const table = quoteIdent(dataset.name)
  const columns = rowColumns(dataset).map(quoteIdent).join(", ")
  try {
    await db.run(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM read_parquet(${sqlString(at.rows)})`)
    if (entry.corrections > 0)
      await db.run(`INSERT INTO corrections SELECT * FROM read_parquet(${sqlString(at.corrections)})`)
    const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM ${table} WHERE _file = ${sqlString(file)}`)) as [
      { n: unknown },
    ]
    if (Number(n) !== entry.rows) throw new Error("row count")
  } catch {
    // Damaged: take out what came in, and read the delivery anew.
    await db.run(`DELETE FROM ${table} WHERE _file = ${sqlString(file)}`)
    await db.run(`DELETE FROM corrections WHERE dataset = ${sqlString(dataset.name)} AND file = ${sqlString(file)}`)
    return undefined
  }
  const now = new Date()
  await utimes(at.meta, now, now).catch(() => {})
  return entry
}

/**
 * Keeps a delivery just read: its rows and corrections as the tables hold them, and its
 * outcome. Returns how many rows it was kept with.
 */
export const keep = async <Stats>(
  db: Database,
  dir: string,
  key: string,
  dataset: DatasetDefinition,
  file: string,
  outcome: DeliveryOutcome<Stats>,
): Promise<number> => {
  await mkdir(dir, { recursive: true })
  const at = paths(dir, key)
  const partial = (path: string) => `${path}.${process.pid}.partial`
  const thisFile = `_file = ${sqlString(file)}`
  const table = quoteIdent(dataset.name)
  try {
    await db.run(
      `COPY (SELECT ${rowColumns(dataset).map(quoteIdent).join(", ")} FROM ${table} WHERE ${thisFile}) TO ${sqlString(partial(at.rows))} (FORMAT parquet, COMPRESSION lz4_raw)`,
    )
    const corrections = `SELECT * FROM corrections WHERE dataset = ${sqlString(dataset.name)} AND file = ${sqlString(file)}`
    const [{ rows }] = (await db.rows(`SELECT count(*) AS rows FROM ${table} WHERE ${thisFile}`)) as [{ rows: unknown }]
    const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM (${corrections})`)) as [{ n: unknown }]
    if (Number(n) > 0)
      await db.run(
        `COPY (${corrections}) TO ${sqlString(partial(at.corrections))} (FORMAT parquet, COMPRESSION lz4_raw)`,
      )
    await rename(partial(at.rows), at.rows)
    if (Number(n) > 0) await rename(partial(at.corrections), at.corrections)
    const entry: Entry<Stats> = { ...outcome, rows: Number(rows), corrections: Number(n) }
    await writeFile(partial(at.meta), JSON.stringify(entry))
    await rename(partial(at.meta), at.meta)
    return entry.rows
  } finally {
    for (const path of Object.values(at)) await rm(partial(path), { force: true })
  }
}

/** Removes what no build has used for `days` days: entries, and what a writer that died left. */
export const forgetUnused = async (dir: string, used: ReadonlySet<string>, days = 7): Promise<void> => {
  if (!existsSync(dir)) return
  const cutoff = Date.now() - days * 86_400_000
  for (const name of await readdir(dir)) {
    const key = name.split(".")[0]!
    if (used.has(key) || !/^[0-9a-f]{64}$/u.test(key)) continue
    // An entry is as old as its last use (its description's time); anything else by its own.
    const meta = join(dir, `${key}.json`)
    const since = (await stat(existsSync(meta) ? meta : join(dir, name)).catch(() => undefined))?.mtimeMs
    if (since !== undefined && since < cutoff) await rm(join(dir, name), { force: true })
  }
}
