/**
 * The datasets join by their keys, whichever way a user joins them: for every foreign key of the
 * definitions, a join that names no columns (pandas' default `merge`, R's `merge` and dplyr's
 * joins, DuckDB's `NATURAL JOIN`) of the two datasets' CSV files gives as many rows as the join on
 * the key, on the fixture's release (the 4K transcriptions, and the sources' real files where
 * ../shared has them). A dataset's reference to itself (an activity's parent) is left out: a
 * table joined with itself shares every column, and is joined on named columns.
 */
import { execFileSync } from "node:child_process"
import { rm } from "node:fs/promises"
import { join } from "node:path"
import { DuckDBInstance } from "@duckdb/node-api"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { DatasetDefinition, ForeignKey } from "../schemas/dataset.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { columnsOf } from "../schemas/derive/columns.ts"
import { ALL_SOURCES, fixtureRelease, sharedHas } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { hasPandas, hasR } from "./support/snippet-tools.ts"

const present = sharedHas(ALL_SOURCES, "joins: the register's 20,721 municipality rows")
const hasDplyr = (() => {
  try {
    execFileSync("Rscript", ["-e", "library(dplyr)"], { stdio: "ignore" })
    return true
  } catch {
    console.warn("joins: no dplyr for R (Debian's r-cran-dplyr), its joins left out")
    return false
  }
})()

interface Pair {
  readonly child: DatasetDefinition
  readonly parent: DatasetDefinition
  readonly fk: ForeignKey
}

const byName = (name: string) => DATASETS.find((d) => d.name === name)!
const PAIRS: Pair[] = DATASETS.flatMap((child) =>
  child.foreignKeys
    .filter((fk) => fk.reference.dataset !== child.name)
    .map((fk) => ({ child, parent: byName(fk.reference.dataset), fk })),
)
const label = (p: Pair) => `${p.child.name} → ${p.parent.name}`
const names = (d: DatasetDefinition) => columnsOf(d).map((c) => c.name)

describe("the datasets, joined without naming a column", () => {
  let work: string
  let data: string
  /** Each pair's rows joined on the key, by DuckDB. */
  const keyed = new Map<string, number>()
  const csv = (d: DatasetDefinition) => join(data, `${d.name}.csv`)

  beforeAll(async () => {
    work = await tempDir("joins")
    data = join((await fixtureRelease(join(work, "release"), present ? ALL_SOURCES : [])).out, "data")
    const db = await (await DuckDBInstance.create(":memory:")).connect()
    for (const p of PAIRS) {
      const on = p.fk.fields.map((f, i) => `c."${f}" = r."${p.fk.reference.fields[i]}"`).join(" AND ")
      const rows = await db.runAndReadAll(
        `SELECT count(*) FROM read_csv('${csv(p.child)}', all_varchar = true) c JOIN read_csv('${csv(p.parent)}', all_varchar = true) r ON ${on}`,
      )
      keyed.set(label(p), Number(rows.getRows()[0]![0]))
    }
    db.closeSync()
  }, 300_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("share no column but the key of each foreign key, and a row followed to its delivery meets no other", () => {
    for (const p of PAIRS) {
      const shared = names(p.child).filter((c) => names(p.parent).includes(c))
      expect(shared, label(p)).toEqual([...p.fk.fields])
    }
    // A dataset joined to its provenance dataset, and that to the deliveries on `file`.
    for (const traced of DATASETS.filter((d) => d.provenanceOf !== undefined)) {
      const shared = names(byName(traced.provenanceOf!)).filter((c) => names(byName("deliveries")).includes(c))
      expect(shared, traced.provenanceOf).toEqual([])
    }
    // Every row of the fixture's release joins: no pair is compared on no rows.
    for (const p of PAIRS) expect(keyed.get(label(p)), label(p)).toBeGreaterThan(0)
  })

  it("DuckDB's NATURAL JOIN gives the rows of the join on the key", async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect()
    for (const p of PAIRS) {
      const rows = await db.runAndReadAll(
        `SELECT count(*) FROM read_csv('${csv(p.child)}', all_varchar = true) NATURAL JOIN read_csv('${csv(p.parent)}', all_varchar = true)`,
      )
      expect(Number(rows.getRows()[0]![0]), label(p)).toBe(keyed.get(label(p)))
    }
    db.closeSync()
  })

  it.skipIf(!hasPandas())("pandas' default merge gives the rows of the join on the key", () => {
    const script = `
import json, sys
import pandas as pd
read = lambda f: pd.read_csv(f, dtype=str, keep_default_na=False, na_values=[""])
print(json.dumps([len(read(c).merge(read(r))) for c, r in json.loads(sys.argv[1])]))
`
    const counts = JSON.parse(
      execFileSync(
        "/usr/bin/python3",
        ["-c", script, JSON.stringify(PAIRS.map((p) => [csv(p.child), csv(p.parent)]))],
        {
          encoding: "utf8",
        },
      ),
    ) as number[]
    for (const [i, p] of PAIRS.entries()) expect(counts[i], label(p)).toBe(keyed.get(label(p)))
  })

  it.skipIf(!hasR())("R's merge, and dplyr's inner and left joins, join on the key alone", () => {
    // A left join keeps every row; the rows it found a match for are the rows of the join on the key.
    const script = `
pairs <- jsonlite::fromJSON(commandArgs(TRUE)[1])
dplyr <- ${hasDplyr ? "TRUE" : "FALSE"}
if (dplyr) suppressMessages(library(dplyr))
read <- function(f) read.csv(f, colClasses = "character", na.strings = "", encoding = "UTF-8")
counts <- lapply(seq_len(nrow(pairs)), function(i) {
  c <- read(pairs[i, 1]); r <- read(pairs[i, 2])
  r$matched__ <- TRUE
  out <- list(merge = nrow(merge(c, r)))
  if (dplyr) {
    out$inner <- nrow(suppressMessages(inner_join(c, r)))
    out$left <- sum(!is.na(suppressMessages(left_join(c, r))$matched__))
  }
  out
})
cat(jsonlite::toJSON(counts, auto_unbox = TRUE))
`
    const counts = JSON.parse(
      execFileSync("Rscript", ["-e", script, JSON.stringify(PAIRS.map((p) => [csv(p.child), csv(p.parent)]))], {
        encoding: "utf8",
      }),
    ) as Array<Record<string, number>>
    PAIRS.forEach((p, i) => {
      expect(counts[i]!["merge"], `${label(p)}, merge`).toBe(keyed.get(label(p)))
      if (hasDplyr) {
        expect(counts[i]!["inner"], `${label(p)}, inner_join`).toBe(keyed.get(label(p)))
        expect(counts[i]!["left"], `${label(p)}, left_join`).toBe(keyed.get(label(p)))
      }
    })
  })

  it.skipIf(!present)("finds every one of the register's municipalities of projects by their code: 20,721", () => {
    expect(keyed.get("project_municipalities → municipalities")).toBe(20_721)
  })
})
