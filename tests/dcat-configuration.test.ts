/** The catalogue is written only once the release's address, its publisher and its contact are configured. */
import { existsSync } from "node:fs"
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run } from "../pipeline/run/run.ts"
import { CONFIGURED } from "./support/dcat-ap-se.ts"
import { FIXTURE_RAW } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"

const BASE = "https://data.example.org/kranskommuner/"

describe("the DCAT-AP-SE catalogue's configuration", () => {
  let work: string
  beforeAll(async () => {
    work = await tempDir("dcat-configuration")
    const publication = { ...JSON.parse(await readFile("publication.json", "utf8")), ...CONFIGURED }
    await writeFile(join(work, "publication.json"), JSON.stringify(publication))
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("is not written until its address, publisher and contact are configured, and the build says what it needs", async () => {
    const lines: string[] = []
    const plain = join(work, "plain")
    expect(
      (
        await run({
          command: "build",
          rawDir: FIXTURE_RAW,
          outDir: plain,
          publicationFile: join(work, "publication.json"),
          progress: (l) => lines.push(l),
        })
      ).ok,
    ).toBe(true)
    expect(existsSync(join(plain, "catalog.rdf"))).toBe(false)
    expect(lines).toContainEqual(
      expect.stringContaining(
        "no DCAT catalogue (catalog.rdf, .ttl, .jsonld): it needs the release's address (baseUrl, or --base-url)",
      ),
    )
    // The repository's own publication.json names no publisher yet: with an address alone there is no catalogue.
    const unpublished: string[] = []
    const addressed = join(work, "addressed")
    expect(
      (
        await run({
          command: "build",
          rawDir: FIXTURE_RAW,
          outDir: addressed,
          baseUrl: BASE,
          progress: (l) => unpublished.push(l),
        })
      ).ok,
    ).toBe(true)
    expect(existsSync(join(addressed, "catalog.rdf"))).toBe(false)
    expect(unpublished).toContainEqual(
      expect.stringContaining(
        "it needs its publisher (publisher.name and publisher.type), its contact (contact.name and contact.email) in publication.json",
      ),
    )
  }, 60_000)
})
