/**
 * The plan of an incremental build, a pure decision: from the store's record of the release in
 * the output folder, the fingerprints of the rows now and the digests of the published files,
 * each dataset is carried over, spliced or written, and the plan says why.
 */
import { describe, expect, it } from "vitest"
import type { Fingerprint, Fingerprints } from "../../pipeline/incremental/fingerprints.ts"
import {
  dataFiles,
  decidePlan,
  type FileDigest,
  filesToVerify,
  type FoundRelease,
  type PublishedRecord,
  type PublishedRelease,
  trustedRelease,
} from "../../pipeline/incremental/plan.ts"
import { counties } from "../../schemas/datasets/counties.ts"
import { indicatorValues } from "../../schemas/datasets/indicator-values.ts"

const print = (rows: number, hash: number): Fingerprint => ({ rows: BigInt(rows), hash: BigInt(hash) })
const prints = (totals: Record<string, Fingerprint>): Fingerprints => ({
  totals: new Map(Object.entries(totals)),
  byFile: new Map(),
})
const sha = (file: string) =>
  file
    .replaceAll(/[^a-z]/gu, "")
    .padEnd(64, "0")
    .slice(0, 64)

const DATE = "2026-11-30"
const published = prints({ counties: print(21, 7), indicator_values: print(20_721, 99) })
const files = [...dataFiles(counties), "data/counties.xlsx", ...dataFiles(indicatorValues)]
const sums = new Map(files.map((f) => [f, sha(f)]))
const record: PublishedRecord = {
  codeKey: "code-1",
  sums: "sums-1",
  date: DATE,
  fingerprints: published,
  identities: new Map(),
}
const found: FoundRelease = { dir: "/dist", record, codeKey: "code-1", sumsSha256: "sums-1", sums }
const from = trustedRelease(found) as PublishedRelease
const datasets = [counties, indicatorValues]
const asPublished = (list: ReadonlyArray<string>) =>
  new Map<string, FileDigest>(list.map((f) => [f, { sha256: sha(f), bytes: 10 }]))

describe("the plan of an incremental build", () => {
  it("trusts the release in the output folder only when it is the one recorded, by the same code", () => {
    expect(trustedRelease({ ...found, record: undefined })).toMatch(/no release published/)
    expect(trustedRelease({ ...found, codeKey: "code-2" })).toMatch(/the code changed/)
    expect(trustedRelease({ ...found, sumsSha256: "sums-2" })).toMatch(/not the one recorded/)
    expect(trustedRelease({ ...found, sums: undefined })).toMatch(/not the one recorded/)
    expect(from).toMatchObject({ dir: "/dist", date: DATE, sums })
  })

  it("reads only the files of the datasets whose rows are those published, the workbook of the same date", () => {
    const now = prints({ counties: print(21, 7), indicator_values: print(20_722, 100) })
    expect(filesToVerify(datasets, from, now, DATE)).toEqual([...dataFiles(counties), "data/counties.xlsx"])
    expect(filesToVerify(datasets, from, now, "2026-12-01")).toEqual(dataFiles(counties))
  })

  it("carries over a dataset whose rows and files are as published, and splices a large one that changed", () => {
    const now = prints({ counties: print(21, 7), indicator_values: print(20_722, 100) })
    const plan = decidePlan(datasets, from, now, DATE, 10_000, asPublished(filesToVerify(datasets, from, now, DATE)))
    expect(plan.datasets.get("counties")).toEqual({
      action: "carried",
      why: "its rows and files are those published",
      from: "/dist",
      rows: 21,
      files: asPublished([...dataFiles(counties), "data/counties.xlsx"]),
      workbook: true,
    })
    expect(plan.datasets.get("indicator_values")).toEqual({
      action: "spliced",
      why: "its rows changed since it was published",
      from,
      published: print(20_721, 99),
    })
    expect(plan.now).toBe(now)
  })

  it("writes a changed dataset published with fewer rows than a splice starts at", () => {
    const now = prints({ counties: print(22, 8), indicator_values: print(20_721, 99) })
    const plan = decidePlan(datasets, from, now, DATE, 100_000, asPublished(filesToVerify(datasets, from, now, DATE)))
    expect(plan.datasets.get("counties")).toEqual({
      action: "written",
      why: "its rows changed since it was published, and it was published with fewer than 100000 rows",
    })
    expect(plan.datasets.get("indicator_values")).toMatchObject({ action: "carried", rows: 20_721, workbook: false })
  })

  it("does not carry over a dataset one of whose files is missing or not what SHA256SUMS says", () => {
    const now = published
    const digests = new Map(asPublished(filesToVerify(datasets, from, now, DATE)))
    digests.set("data/counties.csv", { sha256: "0".repeat(64), bytes: 10 })
    digests.delete("data/indicator_values.json")
    const plan = decidePlan(datasets, from, now, DATE, 1, digests)
    expect(plan.datasets.get("counties")).toEqual({
      action: "spliced",
      why: "its published files are not what SHA256SUMS says",
      from,
      published: print(21, 7),
    })
    expect(plan.datasets.get("indicator_values")).toMatchObject({ action: "spliced" })
  })

  it("writes everything, and says why, without a trusted release or for a dataset it does not hold", () => {
    const now = published
    const none = decidePlan(datasets, "the code changed since the release was published", now, DATE, 1, new Map())
    expect([...none.datasets.values()]).toEqual([
      { action: "written", why: "the code changed since the release was published" },
      { action: "written", why: "the code changed since the release was published" },
    ])
    const without = { ...from, fingerprints: prints({ counties: print(21, 7) }) }
    const plan = decidePlan(datasets, without, now, DATE, 1, asPublished(files))
    expect(plan.datasets.get("indicator_values")).toEqual({
      action: "written",
      why: "it is not in the published release",
    })
  })
})
