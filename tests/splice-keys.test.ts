/**
 * A changed dataset's JSON and CSV files spliced from the published ones are byte for byte the
 * files written whole for keys of one field (municipalities) and of two (project
 * municipalities), with rows gone and come throughout.
 */
import { mkdir, readFile, rm } from "node:fs/promises"
import { join, resolve } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { sha256File } from "../pipeline/shared/files.ts"
import { copyFormats, writeParquet } from "../pipeline/write/copy-formats.ts"
import { spliceDataset, type SplicedDataset } from "../pipeline/write/splice-dataset.ts"
import { columnsOf } from "../schemas/derive/columns.ts"
import { orderBySql, quoteIdent } from "../schemas/derive/duckdb.ts"
import { municipalities } from "../schemas/datasets/municipalities.ts"
import { projectMunicipalities } from "../schemas/datasets/project-municipalities.ts"
import { tempDir } from "./support/run-build.ts"

describe("spliceDataset, for keys of one and of two fields", () => {
  let work: string
  let db: Database
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  for (const d of [municipalities, projectMunicipalities]) {
    it(`gives ${d.name}'s files as written whole, rows gone and come throughout`, async () => {
      work ??= await tempDir("splice-keys")
      await mkdir(join(work, "tmp"), { recursive: true })
      db ??= await openDatabase(join(work, "tmp"))
      const names = columnsOf(d).map((c) => quoteIdent(c.name))
      const numbers = columnsOf(d)
        .filter((c) => c.type === "DOUBLE")
        .map((c) => c.name)
      const sorted = (table: string) => `SELECT ${names.join(", ")} FROM ${table} ORDER BY ${orderBySql(d)}`
      const committed = `read_parquet('${resolve("dist", "data", `${d.name}.parquet`)}')`
      const row = `hash(${names.join(", ")})`
      // Published without a thirty-first of the rows, next without another.
      await db.run(`CREATE TABLE ${d.name}_published AS SELECT * FROM ${committed} WHERE ${row} % 31 <> 1`)
      await db.run(`CREATE OR REPLACE TABLE ${quoteIdent(d.name)} AS SELECT * FROM ${committed} WHERE ${row} % 31 <> 2`)
      const at = (dir: string) => join(work, d.name, dir, "data", d.name)
      for (const dir of ["published", "whole", "spliced"])
        await mkdir(join(work, d.name, dir, "data"), { recursive: true })
      await copyFormats(db, sorted(`${d.name}_published`), at("published"), 2, numbers)
      await copyFormats(db, sorted(quoteIdent(d.name)), at("whole"), 2, numbers)
      const sums = new Map<string, string>()
      for (const ext of ["json", "csv", "parquet"])
        sums.set(`data/${d.name}.${ext}`, await sha256File(`${at("published")}.${ext}`))
      const from = { dir: join(work, d.name, "published"), sums, workDir: join(work, "tmp"), sha1: false }
      const outcome = await spliceDataset(db, d, at("spliced"), numbers, from, () =>
        writeParquet(db, sorted(quoteIdent(d.name)), at("spliced")),
      )
      expect(outcome.spliced).toMatchObject({ deleted: expect.any(Number), inserted: expect.any(Number) })
      const made = outcome.spliced as SplicedDataset
      expect(made.deleted).toBeGreaterThan(0)
      expect(made.inserted).toBeGreaterThan(0)
      for (const ext of ["json", "csv"])
        expect((await readFile(`${at("spliced")}.${ext}`)).equals(await readFile(`${at("whole")}.${ext}`)), ext).toBe(
          true,
        )
    })
  }
})
