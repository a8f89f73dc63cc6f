/**
 * A bench for the reader parity tests: the small code lists and the project a delivery of
 * indicator values needs, filed once, and a check that builds a delivery both ways (DuckDB's
 * CSV reader and the tokenizer, each into the one normalization) and requires the same outcome.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { expect } from "vitest"
import { sha256File } from "../../pipeline/shared/files.ts"
import {
  CASES,
  COUNTIES,
  csvOf,
  type Delivery,
  describeDelivery,
  entry,
  INDICATORS,
  MUNICIPALITIES,
  manifestEntryOf,
  outcome,
} from "./parity-deliveries.ts"
import { tempDir } from "./run-build.ts"

export const parityBench = () => {
  let work: string
  let raw: string
  let base: Array<Record<string, unknown>>
  const stats = { runs: 0, duckdb: 0, published: 0, rejected: 0, problems: new Map<string, number>() }

  const setup = async () => {
    work = await tempDir("reader-parity")
    raw = join(work, "raw")
    await mkdir(raw, { recursive: true })
    await writeFile(join(raw, "lan.csv"), COUNTIES)
    await writeFile(join(raw, "kommuner.csv"), MUNICIPALITIES)
    await writeFile(join(raw, "ind.json"), JSON.stringify(INDICATORS, null, 1))
    // The project, as the golden case that has one files it.
    const projectCase = join(CASES, "bad-project-period", "raw")
    await copyFile(join(projectCase, "projekt.json"), join(raw, "projekt.json"))
    const projectEntry = (
      JSON.parse(await readFile(join(projectCase, "manifest.json"), "utf8")) as {
        deliveries: Array<Record<string, unknown>>
      }
    ).deliveries.find((e) => e["file"] === "projekt.json")!
    base = [
      entry("lan.csv", "counties", {
        sha256: await sha256File(join(raw, "lan.csv")),
        columns: { lan: "county_code", namn: "county_name", nuts: "nuts3_code" },
      }),
      entry("kommuner.csv", "municipalities", {
        sha256: await sha256File(join(raw, "kommuner.csv")),
        dialect: { delimiter: ";" },
        columns: { kod: "municipality_code", namn: "municipality_name", lan: "county_code" },
      }),
      projectEntry,
      entry("ind.json", "indicators", {
        format: "json",
        sha256: await sha256File(join(raw, "ind.json")),
        columns: {
          id: "indicator_id",
          sv: "label_sv",
          en: "label_en",
          unit: "unit",
          def_sv: "definition_sv",
          def_en: "definition_en",
          projekt: "project_id",
          source: "source",
        },
      }),
    ]
  }

  /**
   * Writes the delivery, builds it both ways, and compares. One check at a time: a property run
   * that fast-check stopped at its time limit may still be building when the next test begins,
   * and the checks share raw/ and the release folders, so each waits for the one before it.
   */
  let previous: Promise<unknown> = Promise.resolve()
  const check = (d: Delivery, c1 = false, bulkReader: "duckdb" | "tokenizer" = "duckdb") => {
    const run = previous.then(() => checkAlone(d, c1, bulkReader))
    previous = run.catch(() => undefined)
    return run
  }
  const checkAlone = async (d: Delivery, c1: boolean, bulkReader: "duckdb" | "tokenizer") => {
    const bytes = csvOf(d, c1)
    await writeFile(join(raw, "values.csv"), bytes)
    await writeFile(
      join(raw, "manifest.json"),
      JSON.stringify({ deliveries: [...base, manifestEntryOf(d, await sha256File(join(raw, "values.csv")))] }, null, 2),
    )
    // Both release folders sort after raw/ alike, so problems in either sort the same way.
    const bulk = await outcome(raw, join(work, "out-bulk"), false)
    const records = await outcome(raw, join(work, "out-records"), true)
    const context = describeDelivery(d, bytes)
    // The file is well formed: DuckDB must take it, or the comparison would compare the tokenizer with itself.
    // Without a reader, the build stopped before it read the file: its problems say why.
    expect(bulk.reader, `${context}\n${JSON.stringify(bulk.problems, null, 1)}`).toBe(bulkReader)
    expect(records.reader, context).toBe("tokenizer")
    expect(bulk.problems, context).toEqual(records.problems)
    expect(bulk.ok, context).toBe(records.ok)
    expect(bulk.values, context).toEqual(records.values)
    expect(bulk.corrections, context).toEqual(records.corrections)
    expect(bulk.tree, context).toEqual(records.tree)
    stats.runs++
    if (bulk.reader === "duckdb") stats.duckdb++
    const published = Array.isArray(bulk.values)
      ? bulk.values.filter((r: { file?: string }) => r.file === "values.csv").length
      : 0
    stats.published += published
    stats.rejected += d.rows.length - published
    for (const p of bulk.problems)
      stats.problems.set(String(p["code"]), (stats.problems.get(String(p["code"])) ?? 0) + 1)
    return bulk
  }

  // Once the last check, however it ended, is over.
  const teardown = async () => {
    await previous
    await rm(work, { recursive: true, force: true })
  }

  return { setup, teardown, check, stats }
}
