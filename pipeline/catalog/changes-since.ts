/**
 * Each dataset compared with the previous release in the output folder, for the change record: a
 * dataset carried over is unchanged, a spliced one is compared by the rows taken out and put in
 * alone, any other by its files and the published ones. A dataset's changes are told with where
 * each row comes from: its provenance dataset's changes are its own, not listed apart.
 */
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { dataFile } from "../contract/release-layout.ts"
import type { Database } from "../db/duckdb.ts"
import type { ReleasePlan } from "../incremental/plan.ts"
import type { SplicedRows } from "../write/splice-dataset.ts"
import type { ComparedRows } from "./change-sides.ts"
import { datasetChanges, unchanged, type DatasetChanges } from "./changes.ts"
import type { PreviousRelease } from "./previous-release.ts"

export const changesSincePrevious = async (
  input: {
    readonly db: Database
    readonly stagingDir: string
    readonly outDir: string
    readonly datasets: ReadonlyArray<DatasetDefinition>
    readonly plan?: ReleasePlan
    readonly spliced?: ReadonlyMap<string, SplicedRows>
  },
  previous: PreviousRelease | undefined,
): Promise<DatasetChanges[]> => {
  const { db, stagingDir, outDir, datasets } = input
  const all: DatasetChanges[] = []
  // One query at a time: the datasets share DuckDB's connection.
  for (const d of datasets.filter((x) => x.provenanceOf === undefined)) {
    const traced = datasets.find((x) => x.provenanceOf === d.name)?.name
    const files = (dir: string): ComparedRows => ({
      data: join(dir, dataFile(d.name, "parquet")),
      provenance: traced && join(dir, dataFile(traced, "parquet")),
    })
    const carriedRows = (name: string) => {
      const planned = input.plan?.datasets.get(name)
      return planned?.action === "carried" ? planned.rows : undefined
    }
    const carried = (name: string | undefined) => name === undefined || carriedRows(name) !== undefined
    const [spliced, splicedTrace] = [d.name, traced].map((n) => (n === undefined ? undefined : input.spliced?.get(n)))
    const rows = carriedRows(d.name) ?? spliced?.after
    if (previous === undefined) all.push(await datasetChanges(db, d, undefined, files(stagingDir)))
    else if (carried(d.name) && carried(traced)) all.push(unchanged(d, rows!))
    else if (rows !== undefined && (carried(traced) || splicedTrace !== undefined)) {
      // Only the rows taken out and put in can differ, and the rows whose trace did.
      const side = (dir: string, part: "deleted" | "inserted"): ComparedRows => ({
        data: spliced?.[part],
        provenance: splicedTrace?.[part],
        provenanceOfAll: files(dir).provenance,
      })
      all.push({
        ...(await datasetChanges(db, d, side(outDir, "deleted"), side(stagingDir, "inserted"))),
        rows_before: spliced?.before ?? rows,
        rows_after: rows,
      })
    } else all.push(await datasetChanges(db, d, files(outDir), files(stagingDir)))
  }
  return all
}
