/**
 * Kolada through `snapshot`, against a real HTTP server on 127.0.0.1 that answers as Kolada's
 * API v3 does: a paged answer, a failure then success, a timeout, malformed JSON. The
 * population figures are SCB's (../shared/data/README.md); the other KPIs' figures here are
 * made up for the test and never leave it.
 */
import { readFile, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { fetchSnapshot } from "../pipeline/snapshot/fetch-snapshot.ts"
import { DEFAULT_HTTP, type HttpOptions } from "../pipeline/snapshot/http.ts"
import { kolada, KOLADA_MUNICIPALITIES } from "../pipeline/sources/kolada.ts"
import { fixtureRelease } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"
import { startKoladaServer, type KoladaBehaviour, type KoladaRecord } from "./support/kolada-server.ts"
import { tracedRows } from "./support/traced-rows.ts"

const POPULATION: Record<string, number[]> = {
  "2401": [7276, 7205],
  "2403": [2516, 2500],
  "2404": [5613, 5519],
  "2409": [6900, 6880],
  "2460": [8357, 8357],
  "2480": [112728, 114075],
}
const YEARS = [2008, 2009]

/** Kolada's v3 records: one per KPI, municipality and period, with values per gender. */
const records = (): KoladaRecord[] =>
  KOLADA_MUNICIPALITIES.flatMap((m) =>
    YEARS.flatMap((year, i) => [
      {
        kpi: "N01951",
        municipality: m,
        period: year,
        values: [
          { gender: "T", value: POPULATION[m]![i]!, count: 1, status: "" },
          { gender: "K", value: 1000, count: 1, status: "" },
          { gender: "M", value: 1000, count: 1, status: "" },
        ],
      },
      {
        kpi: "N00999",
        municipality: m,
        period: year,
        values: [
          {
            gender: "T",
            value: m === "2403" && year === 2009 ? null : 3.5,
            count: 1,
            status: m === "2403" && year === 2009 ? "Missing" : "",
          },
        ],
      },
      { kpi: "N00981", municipality: m, period: year, values: [{ gender: "T", value: 1234, count: 1, status: "" }] },
    ]),
  )

describe("Kolada snapshots from a Kolada-shaped HTTP server", () => {
  let server: Awaited<ReturnType<typeof startKoladaServer>>
  let behaviour: KoladaBehaviour
  let base: string
  let work: string
  let raw: string
  let out: string
  const quick: HttpOptions = { ...DEFAULT_HTTP, timeoutMs: 300, retries: 2, backoffMs: 10 }
  const fetchOnce = (http: HttpOptions = quick) =>
    fetchSnapshot({
      rawDir: raw,
      source: kolada,
      base,
      date: "2026-11-01",
      now: () => new Date("2026-11-01T02:00:00Z"),
      http,
      log: () => {},
    })

  beforeAll(async () => {
    server = await startKoladaServer(records)
    ;({ behaviour, base } = server)
    work = await tempDir("kolada")
    ;({ raw, out } = await fixtureRelease(work))
  })
  afterAll(async () => {
    await server.close()
    await rm(work, { recursive: true, force: true })
  })

  it("refuses malformed JSON, filing nothing", async () => {
    const before = await treeHashes(raw)
    behaviour.malformed = true
    const result = await fetchOnce()
    behaviour.malformed = false
    expect(result).toMatchObject({
      kind: "refused",
      problems: [
        { code: "source/fetch", message: expect.stringMatching(/^kolada: the answer is not JSON: .+; nothing filed$/) },
      ],
    })
    expect(await treeHashes(raw)).toEqual(before)
  })

  it("gives up after its retries when the server does not answer in time", async () => {
    behaviour.hang = true
    behaviour.requests.length = 0
    const started = performance.now()
    const result = await fetchOnce()
    behaviour.hang = false
    expect(result).toMatchObject({
      kind: "refused",
      problems: [{ message: expect.stringContaining("no complete answer within the timeout, after 3 attempts") }],
    })
    expect(behaviour.requests).toHaveLength(3)
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 300)
  })

  it("does not retry a request the server refuses", async () => {
    behaviour.requests.length = 0
    const missing = base.replace("/v3", "/missing")
    const result = await fetchSnapshot({
      rawDir: raw,
      source: kolada,
      base: missing,
      date: "2026-11-01",
      now: () => new Date(),
      http: quick,
      log: () => {},
    })
    expect(result).toMatchObject({
      kind: "refused",
      problems: [
        { file: expect.stringContaining("/missing/data/kpi/"), message: "kolada: HTTP 404 Not Found; nothing filed" },
      ],
    })
    expect(behaviour.requests).toHaveLength(1)
  })

  it("refuses an answer over the size cap without retrying", async () => {
    behaviour.requests.length = 0
    const result = await fetchOnce({ ...quick, maxBytes: 1000 })
    expect(result).toMatchObject({
      kind: "refused",
      problems: [{ message: expect.stringContaining("over the cap of 1000") }],
    })
    expect(behaviour.requests).toHaveLength(1)
  })

  it("retries a 500, follows next_url, and files both pages as one snapshot with its sidecar", async () => {
    behaviour.failuresFirst = 1
    behaviour.requests.length = 0
    const logged: string[] = []
    const result = await fetchSnapshot({
      rawDir: raw,
      source: kolada,
      base,
      date: "2026-11-01",
      now: () => new Date("2026-11-01T02:00:00Z"),
      http: quick,
      log: (l) => logged.push(l),
    })
    expect(result).toEqual({ kind: "stored", file: "kolada/2026-11-01/kolada-values.json" })
    expect(logged).toEqual([expect.stringMatching(/HTTP 500 Internal Server Error; trying again in 10 ms$/)])
    expect(behaviour.requests).toEqual([
      "/v3/data/kpi/N00999,N00981,N01951/municipality/2401,2403,2404,2409,2460,2480",
      "/v3/data/kpi/N00999,N00981,N01951/municipality/2401,2403,2404,2409,2460,2480",
      "/v3/data/kpi/N00999,N00981,N01951/municipality/2401,2403,2404,2409,2460,2480?page=2",
    ])
    const filed = JSON.parse(await readFile(join(raw, "kolada/2026-11-01/kolada-values.json"), "utf8")) as {
      count: number
      values: unknown[]
    }
    expect(filed.count).toBe(36)
    expect(filed.values).toEqual(records())
    const sidecar = JSON.parse(
      await readFile(join(raw, "kolada/2026-11-01/kolada-values.json.snapshot.json"), "utf8"),
    ) as Record<string, unknown>
    expect(sidecar).toMatchObject({
      source: "kolada",
      url: `${base}/data/kpi/N00999,N00981,N01951/municipality/2401,2403,2404,2409,2460,2480`,
      retrieved_at: "2026-11-01T02:00:00.000Z",
      // No licence from RKA is recorded: none is given, and what is known is said.
      licence: null,
      rights: expect.stringContaining("credit Kolada"),
      attribution: expect.stringContaining("Kolada"),
      http: { etag: '"v1"', last_modified: "Wed, 01 Oct 2025 00:00:00 GMT" },
    })
    expect(sidecar["pages"]).toHaveLength(2)
  })

  it("takes no new snapshot when the content is unchanged", async () => {
    const before = await treeHashes(raw)
    const { status, stderr } = await pipeline([
      "snapshot",
      "kolada",
      "--url",
      base,
      "--raw",
      raw,
      "--date",
      "2026-11-02",
    ])
    expect(status, stderr).toBe(0)
    expect(stderr).toContain("kolada: unchanged")
    expect(await treeHashes(raw)).toEqual(before)
  })

  it("builds the snapshot into indicators and indicator_values: totals, with missing values labelled", async () => {
    const { status, stderr } = await pipeline([
      "build",
      "--raw",
      raw,
      "--out",
      out,
      "--report",
      join(work, "report.json"),
    ])
    expect(status, stderr).toBe(0)
    const indicators = JSON.parse(await readFile(join(out, "data", "indicators.json"), "utf8")) as Array<
      Record<string, unknown>
    >
    expect(
      indicators
        .filter((i) => String(i["indicator_id"]).startsWith("kolada_"))
        .map((i) => [i["indicator_id"], i["unit"]]),
    ).toEqual([
      ["kolada_n00981", "persons"],
      ["kolada_n00999", "per_1000_inhabitants"],
      ["kolada_n01951", "persons"],
    ])
    const values = tracedRows(out, "indicator_values")
    const fromKolada = values.filter((v) => String(v["indicator_id"]).startsWith("kolada_"))
    expect(fromKolada).toHaveLength(36)
    expect(
      fromKolada
        .filter((v) => v["indicator_id"] === "kolada_n01951" && v["municipality_code"] === "2401")
        .map((v) => [v["year"], v["value"]]),
    ).toEqual([
      [2008, 7276],
      [2009, 7205],
    ])
    expect(
      fromKolada.find(
        (v) => v["indicator_id"] === "kolada_n00999" && v["municipality_code"] === "2403" && v["year"] === 2009,
      ),
    ).toMatchObject({ value: null, value_status: "not known", file: "kolada/2026-11-01/kolada-values.json" })
  }, 60_000)
})
