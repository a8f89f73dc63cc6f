/**
 * The committed release states no licence its sources did not grant: each dataset's terms are
 * checked against the deliveries its rows come from (their `file` in its provenance dataset,
 * looked up in the deliveries dataset), wherever the release states them; a provenance dataset's
 * terms are its dataset's. Invariants: they hold for any raw/.
 */
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { DATASETS } from "../schemas/datasets/index.ts"
import { provenanceName } from "../schemas/provenance.ts"

const DIST = "dist"
type Row = Record<string, unknown>
const json = async <T>(path: string) => JSON.parse(await readFile(join(DIST, path), "utf8")) as T

const STRICTEST = ["CC-BY-4.0", "CC0-1.0"]

describe("the committed release's licences, as granted", () => {
  let deliveries: Row[]
  let resources: Array<Row & { name: string; licenses?: Array<{ name: string }>; "x-rights"?: string }>
  let pkg: Row
  beforeAll(async () => {
    deliveries = await json<Row[]>("data/deliveries.json")
    pkg = await json<Row>("datapackage.json")
    resources = pkg["resources"] as typeof resources
  })

  /** What a dataset's rows come from: the deliveries its provenance dataset names. */
  const feeding = async (d: (typeof DATASETS)[number]) => {
    const rows = await json<Row[]>(`data/${provenanceName(d.provenanceOf ?? d.name)}.json`)
    const files = new Set(rows.map((r) => r["file"]))
    return deliveries.filter((d) => files.has(d["file"]))
  }

  it("gives each dataset the licence all its deliveries grant, and otherwise none, with their rights", async () => {
    for (const d of DATASETS) {
      const resource = resources.find((r) => r.name === `${d.name}-csv`)!
      const codebook = await readFile(join(DIST, "data", `${d.name}.md`), "utf8")
      if (d.fromManifest === true) {
        // The maintainers' own record of the deliveries.
        expect(
          resource.licenses?.map((l) => l.name),
          d.name,
        ).toEqual(["CC0-1.0"])
        continue
      }
      const from = await feeding(d)
      if (from.length === 0) continue
      const licences = from.map((x) => x["licence"])
      if (licences.every((l) => l !== null)) {
        const expected = STRICTEST.find((l) => licences.includes(l))
        expect(
          resource.licenses?.map((l) => l.name),
          d.name,
        ).toEqual([expected])
        expect(resource["x-rights"], d.name).toBeUndefined()
        expect(codebook, d.name).toContain(`(${expected}, http`)
      } else {
        expect(resource.licenses, d.name).toBeUndefined()
        for (const x of from.filter((y) => y["licence"] === null)) {
          expect(typeof x["rights"], `${d.name}: ${x["file"]}`).toBe("string")
          expect(resource["x-rights"], d.name).toContain(x["rights"])
          expect(codebook, d.name).toContain(String(x["rights"]))
        }
        expect(codebook, d.name).toContain("No licence:")
      }
    }
  })

  it("claims a licence for the whole release only where every dataset shares it", async () => {
    const stated = new Set(
      resources
        .filter((r) => r.name.endsWith("-csv") && r.name !== "corrections-csv")
        .map((r) => r.licenses?.[0]?.name ?? null),
    )
    const shared = stated.size === 1 && !stated.has(null) ? [...stated][0] : undefined
    const citation = await readFile(join(DIST, "CITATION.cff"), "utf8")
    const index = await readFile(join(DIST, "index.html"), "utf8")
    if (shared === undefined) {
      expect(pkg["licenses"]).toBeUndefined()
      expect(pkg["x-rights"]).toEqual(expect.any(String))
      expect(citation).not.toMatch(/^license:/mu)
      expect(index).toContain("Ingen gemensam licens")
    } else {
      expect((pkg["licenses"] as Array<{ name: string }>).map((l) => l.name)).toEqual([shared])
      expect(citation).toMatch(new RegExp(`^license: ${shared}$`, "mu"))
    }
  })

  it("keeps the days of each delivery apart, with the filing day always known", () => {
    for (const d of deliveries) {
      expect(d, String(d["file"])).toHaveProperty("as_of")
      expect(d, String(d["file"])).toHaveProperty("retrieved")
      expect(String(d["filed"])).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u)
      for (const earlier of [d["as_of"], d["retrieved"]])
        if (earlier !== null) expect(String(earlier) <= String(d["filed"]), String(d["file"])).toBe(true)
      // A delivery without a licence says what is known of its terms; one with a licence needs no such statement.
      expect(d["licence"] === null, String(d["file"])).toBe(typeof d["rights"] === "string")
    }
  })
})
