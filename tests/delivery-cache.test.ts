/**
 * Deliveries kept between builds: a build that loads them writes the release byte for byte as
 * a build that reads every file, problems included; a new delivery is read alone; a change of
 * the code, or a damaged entry, reads anew.
 */
import { cp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  addSyntheticDelivery,
  addSyntheticIndicators,
  writeSyntheticDelivery,
} from "../pipeline/bench/synthetic-delivery.ts"
import { listFiles, sha256File } from "../pipeline/shared/files.ts"
import { build, tempDir } from "./support/run-build.ts"
import { tracedRows } from "./support/traced-rows.ts"

/** Every file of a release with its sha256. */
const release = async (dir: string) =>
  Object.fromEntries(await Promise.all((await listFiles(dir)).map(async (f) => [f, await sha256File(join(dir, f))])))

describe("the delivery cache", () => {
  let work: string
  let raw: string
  const lines: string[] = []
  const progress = (line: string) => lines.push(line)
  const kept = () => lines.filter((l) => l.endsWith("kept from an earlier build)"))
  const read = () => lines.filter((l) => /^read .* s, [a-z]+\)$/.test(l))

  beforeAll(async () => {
    work = await tempDir("delivery-cache")
    // Invalid rows left out with their problems, missing values labelled: all of it kept.
    await writeSyntheticDelivery(work, 3000)
    raw = join(work, "raw")
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("loads kept deliveries into the same release, problems and all, as reading every file", async () => {
    const cache = { dir: join(work, "cache"), codeKey: "code-1" }
    const full = await build(raw, join(work, "full"))
    lines.length = 0
    const first = await build(raw, join(work, "first"), "build", false, { cache, progress })
    expect(read().length).toBeGreaterThan(0)
    expect(kept()).toEqual([])
    lines.length = 0
    const again = await build(raw, join(work, "again"), "build", false, { cache, progress })
    expect(read()).toEqual([])
    expect(kept().length).toBe(4)
    for (const result of [first, again]) {
      expect(result.ok).toBe(true)
      expect(result.problems).toEqual(full.problems)
      expect(result.report).toEqual(full.report)
    }
    expect(full.report.warnings).toBeGreaterThan(0)
    const expected = await release(join(work, "full"))
    expect(await release(join(work, "first"))).toEqual(expected)
    expect(await release(join(work, "again"))).toEqual(expected)
  })

  it("reads everything again for other code, and a damaged entry anew", async () => {
    const dir = join(work, "cache")
    lines.length = 0
    await build(raw, join(work, "other-code"), "build", false, { cache: { dir, codeKey: "code-2" }, progress })
    expect(kept()).toEqual([])
    // The store keeps its normalized deliveries in normalized/.
    for (const name of (await readdir(join(dir, "normalized"))).filter((n) => n.endsWith(".rows.parquet")))
      await truncate(join(dir, "normalized", name), 10)
    lines.length = 0
    const damaged = await build(raw, join(work, "damaged"), "build", false, {
      cache: { dir, codeKey: "code-1" },
      progress,
    })
    expect(damaged.ok).toBe(true)
    expect(kept()).toEqual([])
    expect(await release(join(work, "damaged"))).toEqual(await release(join(work, "full")))
  })

  it("reads only the delivery added, splices the values' files, and rebuilds the release a full build writes", async () => {
    const cache = { dir: join(work, "cache-added"), codeKey: "code-1" }
    // The build into the folder it published records what it published there.
    await build(raw, join(work, "incremental"), "build", false, { cache })
    // Both start from the same published release, as a nightly run does.
    await cp(join(work, "incremental"), join(work, "whole"), { recursive: true })
    await addSyntheticDelivery(work, 200)
    lines.length = 0
    // Spliced from one row on, as a dataset of a million rows or more is.
    const incremental = await build(raw, join(work, "incremental"), "build", false, {
      cache,
      progress,
      splicedFromRows: 1,
    })
    expect(incremental.ok).toBe(true)
    expect(read()).toEqual([expect.stringMatching(/^read varden-2026\.csv → indicator_values: 200 rows/)])
    expect(lines.find((l) => l.startsWith("wrote "))).toMatch(
      /, indicator_values's JSON and CSV spliced \(records: 0 out, 200 in; the rows of 1 delivery file compared\)/,
    )
    expect(kept().length).toBe(4)
    // Each delivery's repeated keys are kept beside it, the new one's too.
    const keptKeys = (await readdir(join(cache.dir, "normalized"))).filter((n) =>
      n.endsWith(".row-primary-key.parquet"),
    )
    expect(keptKeys.length).toBeGreaterThanOrEqual(5)
    const whole = await build(raw, join(work, "whole"))
    expect(whole.report).toEqual(incremental.report)
    const bytes = await release(join(work, "incremental"))
    expect(bytes).toEqual(await release(join(work, "whole")))
    // The added rows are in it, traced to their file and line.
    const values = tracedRows(join(work, "incremental"), "indicator_values")
    expect(
      values
        .filter((v) => v["file"] === "varden-2026.csv")
        .map((v) => Number(v["line"]))
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 200 }, (_, i) => i + 2))
  })

  it("carries over the datasets whose rows did not change, into the release a full build writes", async () => {
    const cache = { dir: join(work, "cache-carried"), codeKey: "code-1" }
    // What a build published is recorded for its folder: the next build into it carries over.
    await build(raw, join(work, "carried"), "build", false, { cache })
    await cp(join(work, "carried"), join(work, "rewritten"), { recursive: true })
    // A new indicator, delivered on its own: the indicator values are untouched.
    await addSyntheticIndicators(work, 1)
    lines.length = 0
    const carried = await build(raw, join(work, "carried"), "build", false, { cache, progress })
    expect(carried.ok).toBe(true)
    expect(lines.find((l) => l.startsWith("wrote "))).toMatch(/carried over unchanged/)
    const rewritten = await build(raw, join(work, "rewritten"))
    expect(rewritten.report).toEqual(carried.report)
    expect(await release(join(work, "carried"))).toEqual(await release(join(work, "rewritten")))
    const changes = JSON.parse(await readFile(join(work, "carried", "changes.json"), "utf8")) as {
      datasets: Array<{ dataset: string; added: number; rows_after: number }>
    }
    expect(changes.datasets.find((d) => d.dataset === "indicators")).toMatchObject({ added: 1 })
    expect(changes.datasets.find((d) => d.dataset === "indicator_values")).toMatchObject({ added: 0 })
  })

  it("writes again a dataset whose published file changed since it was published", async () => {
    const cache = { dir: join(work, "cache-carried"), codeKey: "code-1" }
    await build(raw, join(work, "carried"), "build", false, { cache })
    // What was published is recorded with the identity of each file that had settled.
    const record = JSON.parse(await readFile(join(cache.dir, "releases.json"), "utf8")) as {
      layout: number
      releases: Record<string, { published: { identities: Record<string, unknown> } }>
    }
    expect(record.layout).toBe(1)
    expect(Object.keys(record.releases[join(work, "carried")]!.published.identities)).toContain(
      "data/indicator_values.csv",
    )
    // Someone edits the published CSV file, one figure for another of the same length: it no
    // longer is what SHA256SUMS says, nor has the identity recorded.
    const edited = join(work, "carried", "data", "indicator_values.csv")
    const text = await readFile(edited, "utf8")
    const figure = /,(\d)/u.exec(text.split("\n")[1]!)!
    const at = text.indexOf("\n") + 1 + figure.index + 1
    await writeFile(edited, `${text.slice(0, at)}${(Number(figure[1]) + 1) % 10}${text.slice(at + 1)}`)
    expect((await readFile(edited)).length).toBe(Buffer.byteLength(text))
    lines.length = 0
    const again = await build(raw, join(work, "carried"), "build", false, { cache, progress })
    expect(again.ok).toBe(true)
    const csv = await readFile(join(work, "carried", "data", "indicator_values.csv"), "utf8")
    expect(csv.startsWith("indicator_id,")).toBe(true)
    // The rest is carried over, and every file of the release is what its SHA256SUMS says.
    expect(lines.find((l) => l.startsWith("wrote "))).toMatch(/, \d+ carried over unchanged/)
    const sums = (await readFile(join(work, "carried", "SHA256SUMS"), "utf8")).trim().split("\n")
    for (const line of sums)
      expect(await sha256File(join(work, "carried", line.slice(66))), line).toBe(line.slice(0, 64))
  })

  it("reads a delivery again when the municipalities it is matched against change", async () => {
    const cache = { dir: join(work, "cache-upstream"), codeKey: "code-1" }
    await build(raw, join(work, "upstream-1"), "build", false, { cache })
    // A corrected name in the list of municipalities: a new file, as a publisher would deliver it.
    const list = join(raw, "reference", "kommuner.csv")
    await writeFile(list, (await readFile(list, "utf8")).replace("Upplands Väsby", "Upplands-Väsby"))
    const manifestPath = join(raw, "manifest.json")
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { deliveries: Array<Record<string, unknown>> }
    manifest.deliveries.find((d) => d["file"] === "reference/kommuner.csv")!["sha256"] = await sha256File(list)
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2))
    lines.length = 0
    const result = await build(raw, join(work, "upstream-2"), "build", false, { cache, progress })
    expect(result.ok).toBe(true)
    // The deliveries read after the municipalities' are matched against them: read again. The
    // counties' come before: kept.
    const reread = read().map((l) => l.split(" → ")[0])
    expect(reread).toContain("read reference/kommuner.csv")
    expect(reread).toContain("read varden.csv")
    expect(kept().map((l) => l.split(" → ")[0])).toEqual(["read reference/lan.csv"])
  })

  it("builds the same release when nothing can be kept: the cache only ever saves work", async () => {
    // A file where the cache folder should be: nothing can be written there.
    const blocked = join(work, "blocked")
    await writeFile(blocked, "not a folder\n")
    lines.length = 0
    const result = await build(raw, join(work, "unkept"), "build", false, {
      cache: { dir: blocked, codeKey: "code-1" },
      progress,
    })
    expect(result.ok).toBe(true)
    expect(lines.filter((l) => l.includes("not kept for the next build")).length).toBeGreaterThan(0)
    expect(lines.some((l) => l.startsWith("not recorded for the next build"))).toBe(true)
    expect((await build(raw, join(work, "unkept-whole"))).report).toEqual(result.report)
    expect(await release(join(work, "unkept"))).toEqual(await release(join(work, "unkept-whole")))
  })
})
