/** Rows staged for DuckDB through a file: a write that fails is an error of the build, never an unhandled event. */
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { StagedRows } from "../../pipeline/load/staged-tables.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { openDatabase } from "../../pipeline/db/duckdb.ts"
import { tempDir } from "../support/run-build.ts"

describe("StagedRows", () => {
  it("rejects, with the file system's error, when its file cannot be written", async () => {
    const work = await tempDir("staged-rows")
    const staged = new StagedRows(
      join(work, "no", "such", "folder", "rows.ndjson"),
      DATASETS.find((d) => d.name === "counties")!,
    )
    const db = await openDatabase(work)
    try {
      // The stream fails after it is made; the failure must reach add or load, not the process.
      await new Promise((r) => setTimeout(r, 20))
      await expect(
        (async () => {
          await staged.add({ county_code: "01" }, [])
          await staged.load(db)
        })(),
      ).rejects.toMatchObject({ code: "ENOENT" })
    } finally {
      db.close()
    }
  })
})
