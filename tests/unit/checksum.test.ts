import { createHash } from "node:crypto"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { checksumProblems } from "../../pipeline/inventory/inventory.ts"
import { parseManifest } from "../../pipeline/manifest/load-manifest.ts"
import { SOURCES } from "../../pipeline/sources/index.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"

const sha = (text: string) => createHash("sha256").update(text).digest("hex")
const DECLARED = "kod,namn,nuts\n24,Västerbottens län,SE331\n"
const EDITED = "kod,namn,nuts\n24,Västerbottens län,SE332\n"

const manifestOf = (sha256: string) => {
  const entry = {
    file: "lan.csv",
    dataset: "counties",
    kind: "delivered",
    publisher: "SCB",
    licence: "CC0-1.0",
    received: "2012-01-01",
    sha256,
    format: "csv",
    columns: { kod: "county_code", namn: "county_name", nuts: "nuts3_code" },
  }
  const parsed = parseManifest(JSON.stringify({ deliveries: [entry] }, null, 2), "manifest.json", DATASETS, SOURCES)
  expect(parsed.problems).toEqual([])
  return parsed.manifest!
}

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

const rawWith = async (text: string) => {
  const dir = await mkdtemp(join(tmpdir(), "checksum-"))
  dirs.push(dir)
  await writeFile(join(dir, "lan.csv"), text)
  return dir
}

describe("the checksum of a delivery", () => {
  it("is read in upper-case hex too, as PowerShell's Get-FileHash writes it", async () => {
    const raw = await rawWith(DECLARED)
    const manifest = manifestOf(sha(DECLARED).toUpperCase())
    expect(manifest.history[0]!.sha256).toBe(sha(DECLARED))
    expect(await checksumProblems(raw, manifest, new Set(["lan.csv"]), (f) => f)).toEqual([])
  })

  it("of a delivery not yet published: names the new sha256 to declare", async () => {
    const raw = await rawWith(EDITED)
    const [p] = await checksumProblems(raw, manifestOf(sha(DECLARED)), new Set(["lan.csv"]), (f) => f)
    expect(p).toMatchObject({ code: "file/checksum", value: sha(EDITED) })
    expect(p!.message).toContain(`not published yet, so if the file is as it should be, set "sha256": "${sha(EDITED)}"`)
  })

  it("of a published delivery: the file is to be restored and the new version delivered beside it", async () => {
    const raw = await rawWith(EDITED)
    const published = new Map([["lan.csv", sha(DECLARED)]])
    const [p] = await checksumProblems(raw, manifestOf(sha(DECLARED)), new Set(["lan.csv"]), (f) => f, published)
    expect(p!.message).toContain(`was published with sha256 ${sha(DECLARED)}`)
    expect(p!.message).toContain(`its sha256 is now ${sha(EDITED)}`)
    expect(p!.message).toContain("pipeline add NEWFILE --replaces lan.csv")
    expect(p!.message).not.toContain("not published yet")
  })
})
