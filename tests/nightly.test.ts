/**
 * Several nights of the nightly workflow — snapshot, build, publish — against a Kolada-shaped
 * HTTP server on 127.0.0.1, a bare remote on disk, and files for GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY. As in the workflow, two checkouts: the build job's, which reads and builds
 * and cannot push, and the publishing job's, which is handed the built raw/, dist/ and
 * publication.json (by the workflow's own step) and pushes. Night 1 makes the first release; night 2 Kolada revises
 * a value: a patch release naming the revised key; night 3 nothing changed: no commit, no tag;
 * night 4 Kolada answers with fewer rows: they are removed and reported; night 5 the fetch
 * fails: nothing is published; night 6 a delivery is bad: the remote is untouched and the run
 * fails with annotations. Every night first records the Pages and repository addresses, as the
 * workflow does; once publisher and contact are configured, the next nightly commits and deploys
 * the DCAT catalogue. A change between nights (a configuration, a delivery) is merged to the
 * remote first. The KPI figures and the publisher are made up and never leave the test.
 */
import { existsSync } from "node:fs"
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ChangeRecord } from "../pipeline/catalog/changelog.ts"
import { KOLADA_MUNICIPALITIES } from "../pipeline/sources/kolada.ts"
import { startKoladaServer, type KoladaRecord } from "./support/kolada-server.ts"
import { readOutputs } from "./support/github-files.ts"
import { type Checkouts, git, makeCheckouts, merge, night as runNight } from "./support/nightly-jobs.ts"
import { correctDelivery } from "./support/raw-copy.ts"
import { pipeline } from "./support/run-cli.ts"
import { tempDir } from "./support/run-build.ts"
import { treeHashes } from "./support/tree.ts"
import { tracedRows } from "./support/traced-rows.ts"

/** What Kolada answers tonight: new companies per 1,000 inhabitants, 2008 and 2009. */
let revised = false
let municipalities = KOLADA_MUNICIPALITIES
const records = (): KoladaRecord[] =>
  municipalities.flatMap((m) =>
    [2008, 2009].map((period) => ({
      kpi: "N00999",
      municipality: m,
      period,
      values: [
        { gender: "T", value: m === "2403" && period === 2009 ? (revised ? 4.3 : 4.1) : 3.5, count: 1, status: "" },
      ],
    })),
  )

describe("the nightly workflow, night after night", () => {
  let work: string
  let c: Checkouts
  let output: string
  let summary: string
  let kolada: Awaited<ReturnType<typeof startKoladaServer>>
  const raw = () => join(c.checkout, "raw")
  const dist = () => join(c.checkout, "dist")
  const publication = () => join(c.checkout, "publication.json")
  /** The address GitHub Pages gives, without its closing slash. */
  const PAGES = "https://example.github.io/kranskommuner"
  const REPOSITORY = "https://github.com/example/kranskommuner"
  const night = (date: string) =>
    runNight(c, {
      date,
      kolada: kolada.base,
      pages: PAGES,
      repository: REPOSITORY,
      github: { output, summary },
      report: join(work, "report.json"),
    })
  const outputs = () => readOutputs(output)
  const remoteState = async () => ({
    head: await git(c.remote, "rev-parse", "refs/heads/main"),
    tags: await git(c.remote, "tag", "--list"),
  })
  const json = async <T>(file: string) => JSON.parse(await readFile(join(dist(), file), "utf8")) as T
  const version = async () => (await json<{ version: string }>("datapackage.json")).version
  const indicatorValues = async () =>
    tracedRows(dist(), "indicator_values").filter((v) => String(v["indicator_id"]).startsWith("kolada_"))
  const changesOf = async (dataset: string) =>
    (await json<ChangeRecord>("changes.json")).datasets.find((d) => d.dataset === dataset)!

  beforeAll(async () => {
    kolada = await startKoladaServer(records)
    work = await tempDir("nightly")
    output = join(work, "github-output")
    summary = join(work, "step-summary.md")
    c = await makeCheckouts(work)
  })
  afterAll(async () => {
    await kolada.close()
    await rm(work, { recursive: true, force: true })
  })

  it("night 1: files Kolada's answer and publishes the first release, committed and tagged", async () => {
    const merged = (await remoteState()).head
    const { snapshot, built, published } = await night("2026-11-01")
    expect(snapshot.stderr).toContain("kolada: filed")
    expect(built?.status, built?.stderr).toBe(0)
    expect(published?.status, published?.stderr).toBe(0)
    // The build job made no commit: what it built was published by the publishing job's checkout.
    expect(await git(c.builder, "rev-parse", "HEAD")).toBe(merged)
    expect(await git(c.remote, "rev-parse", "main~1")).toBe(merged)
    expect(await git(c.remote, "log", "-1", "--format=%an", "main")).toBe("Nightly test")
    expect(await version()).toBe("1.0.0")
    expect(await outputs()).toMatchObject({ changed: "true", version: "1.0.0", tag: "v1.0.0" })
    expect((await remoteState()).tags.split("\n")).toContain("v1.0.0")
    const committed = await git(c.remote, "show", "--name-only", "--format=", "main")
    expect(committed).toContain("raw/kolada/2026-11-01/kolada-values.json")
    // The Pages address, recorded and committed with the release whose links use it.
    expect(committed).toContain("publication.json")
    const configured = { baseUrl: `${PAGES}/`, repository: REPOSITORY }
    expect(JSON.parse(await git(c.remote, "show", "main:publication.json"))).toMatchObject(configured)
    // Each delivery is linked to its file in the repository at the release's tag.
    const [file, tag] = ["kolada/2026-11-01/kolada-values.json", "v1.0.0"]
    const link = `${REPOSITORY}/blob/${tag}/raw/${file}`
    expect(await readFile(join(dist(), "data", "indicator_values.md"), "utf8")).toContain(`[\`${file}\`](${link})`)
    expect(await readFile(join(dist(), "datasets", "indicator_values.html"), "utf8")).toContain(`<a href="${link}">`)
    // No catalogue yet: no publisher or contact is configured, and the build says so.
    expect(existsSync(join(dist(), "catalog.rdf"))).toBe(false)
    const bjurholm = (await indicatorValues()).find((v) => v["municipality_code"] === "2403" && v["year"] === 2009)
    expect(bjurholm).toMatchObject({
      indicator_id: "kolada_n00999",
      value: 4.1,
      file: "kolada/2026-11-01/kolada-values.json",
    })
  }, 60_000)

  it("night 2: a revised value makes a patch release whose changelog names the revised key", async () => {
    revised = true
    const before = await remoteState()
    const { built, published } = await night("2026-11-02")
    expect(built?.status, built?.stderr).toBe(0)
    expect(published?.status, published?.stderr).toBe(0)
    expect(await version()).toBe("1.0.1")
    expect(await outputs()).toMatchObject({ changed: "true", version: "1.0.1", tag: "v1.0.1" })
    const after = await remoteState()
    expect(after.head).not.toBe(before.head)
    expect(after.tags.split("\n")).toContain("v1.0.1")

    const values = await indicatorValues()
    expect(values.find((v) => v["municipality_code"] === "2403" && v["year"] === 2009)).toMatchObject({
      value: 4.3,
      file: "kolada/2026-11-02/kolada-values.json",
    })
    expect(values).toHaveLength(12)
    const changes = await changesOf("indicator_values")
    expect(changes).toMatchObject({
      changed: 1,
      added: 0,
      removed: 0,
      redelivered: 11,
      changed_rows: [
        {
          key: { indicator_id: "kolada_n00999", municipality_code: "2403", year: 2009 },
          fields: { value: { before: 4.1, after: 4.3 } },
          before: { file: "kolada/2026-11-01/kolada-values.json" },
          after: { file: "kolada/2026-11-02/kolada-values.json" },
        },
      ],
    })
    // The older snapshot stays in raw/ and in the deliveries, superseded.
    const deliveries = await json<Array<Record<string, unknown>>>("data/deliveries.json")
    expect(
      deliveries
        .filter((d) => d["snapshot_of"] === "kolada")
        .map((d) => [d["file"], d["delivery_status"], d["superseded_by"]]),
    ).toEqual([
      ["kolada/2026-11-01/kolada-values.json", "superseded", "kolada/2026-11-02/kolada-values.json"],
      ["kolada/2026-11-02/kolada-values.json", "current", null],
    ])
    const log = await readFile(join(dist(), "CHANGELOG.md"), "utf8")
    const entry = log.slice(log.indexOf("## 1.0.1"), log.indexOf("## 1.0.0"))
    expect(entry).toContain(
      "- indicator_values: 1 row revised by `kolada/2026-11-02/kolada-values.json` (Kolada, snapshot filed 2026-11-02, data as of a day not known), replacing what `kolada/2026-11-01/kolada-values.json` gave:",
    )
    expect(entry).toContain("  - (kolada_n00999, 2403, 2009): value 4.1 → 4.3")
    const message = await git(c.remote, "log", "-1", "--format=%B", "main")
    expect(message).toMatch(/^Release 1\.0\.1: /)
    expect(message).toContain("(kolada_n00999, 2403, 2009): value 4.1 → 4.3")
    expect(await readFile(summary, "utf8")).toContain("(kolada_n00999, 2403, 2009): value 4.1 → 4.3")
  }, 60_000)

  it("night 3: nothing changed, so no snapshot, no commit and no tag", async () => {
    const before = await remoteState()
    const rawBefore = await treeHashes(raw())
    const { snapshot, built, published } = await night("2026-11-03")
    expect(snapshot.stderr).toContain("kolada: unchanged")
    expect(built?.status, built?.stderr).toBe(0)
    expect(published?.status, published?.stderr).toBe(0)
    expect(await outputs()).toMatchObject({ changed: "false", tag: "" })
    expect(await readFile(summary, "utf8")).toContain("Nothing changed")
    expect(await treeHashes(raw())).toEqual(rawBefore)
    expect(await remoteState()).toEqual(before)
  }, 60_000)

  it("night 4: Kolada answers with fewer rows: they are removed, and the change record says which and why", async () => {
    municipalities = KOLADA_MUNICIPALITIES.filter((m) => m !== "2480")
    const { built, published } = await night("2026-11-04")
    expect(built?.status, built?.stderr).toBe(0)
    expect(published?.status, published?.stderr).toBe(0)
    expect(await outputs()).toMatchObject({ changed: "true", version: "1.0.2", tag: "v1.0.2" })
    const values = await indicatorValues()
    expect(values).toHaveLength(10)
    expect(values.some((v) => v["municipality_code"] === "2480")).toBe(false)
    const changes = await changesOf("indicator_values")
    expect(changes).toMatchObject({
      removed: 2,
      changed: 0,
      by_delivery: expect.arrayContaining([
        { change: "removed", delivery_before: "kolada/2026-11-02/kolada-values.json", delivery_after: null, rows: 2 },
      ]),
    })
    expect(changes.removed_rows.map((r) => r.key)).toEqual([
      { indicator_id: "kolada_n00999", municipality_code: "2480", year: 2008 },
      { indicator_id: "kolada_n00999", municipality_code: "2480", year: 2009 },
    ])
    const log = await readFile(join(dist(), "CHANGELOG.md"), "utf8")
    expect(log.slice(log.indexOf("## 1.0.2"), log.indexOf("## 1.0.1"))).toContain(
      "- indicator_values: 2 rows removed, from `kolada/2026-11-02/kolada-values.json` (Kolada, snapshot filed 2026-11-02, data as of a day not known), which is superseded by `kolada/2026-11-04/kolada-values.json` (Kolada, snapshot filed 2026-11-04, data as of a day not known), and that does not have them",
    )
  }, 60_000)

  it("night 5: the fetch fails, so nothing is filed or published and the release is as it was", async () => {
    kolada.behaviour.alwaysFail = true
    const before = await remoteState()
    const [rawBefore, distBefore] = [await treeHashes(raw()), await treeHashes(dist())]
    const { snapshot, built } = await night("2026-11-05")
    kolada.behaviour.alwaysFail = false
    expect(snapshot.status).toBe(1)
    expect(snapshot.stderr).toMatch(/source\/fetch: kolada: HTTP 500/)
    expect(built).toBeUndefined()
    expect(await treeHashes(raw())).toEqual(rawBefore)
    expect(await treeHashes(dist())).toEqual(distBefore)
    expect(await remoteState()).toEqual(before)
  }, 120_000)

  it("night 6: the publisher and contact are configured, and the nightly commits and deploys the catalogue", async () => {
    await merge(c, "The publisher and contact", async () => {
      const config = JSON.parse(await readFile(publication(), "utf8")) as Record<string, unknown>
      await writeFile(
        publication(),
        `${JSON.stringify({ ...config, publisher: { name: "Exempelutgivaren", type: "LocalAuthority", organisationNumber: "000000-0000" }, contact: { name: "Exempelutgivarens dataenhet", email: "data@example.org" } }, null, 2)}\n`,
      )
    })
    const { built, published } = await night("2026-11-06")
    expect(built?.stderr).not.toContain("no DCAT catalogue")
    expect(published?.status, published?.stderr).toBe(0)
    expect(await outputs()).toMatchObject({ changed: "true" })
    const catalogue = await git(c.remote, "show", "main:dist/catalog.rdf")
    expect(catalogue).toContain(`rdf:about="${PAGES}/catalog.rdf"`)
    expect(catalogue).toContain('rdf:about="http://dataportal.se/organisation/SE0000000000"')
    expect(catalogue).toContain('<vcard:hasEmail rdf:resource="mailto:data@example.org"/>')
    expect(JSON.parse(await git(c.remote, "show", "main:publication.json"))).toMatchObject({
      baseUrl: `${PAGES}/`,
      publisher: { name: "Exempelutgivaren" },
    })
    // What the pages job deploys is the committed dist/: the catalogue is in it.
    expect((await git(c.remote, "ls-tree", "--name-only", "main", "dist/")).split("\n")).toEqual(
      expect.arrayContaining(["dist/catalog.rdf", "dist/catalog.ttl", "dist/catalog.jsonld"]),
    )
  }, 60_000)

  it("night 7: a bad delivery leaves the remote untouched and fails with annotations", async () => {
    await merge(c, "A bad delivery", () =>
      correctDelivery(
        raw(),
        "4k/2026-11-29/indikatorvarden.csv",
        "new_jobs,2401,2008,",
        "new_jobs,401,2008,",
        "2026-11-30",
      ),
    )
    const before = await remoteState()
    const { built, published } = await night("2026-11-07")
    expect(built?.status).toBe(1)
    expect(published).toBeUndefined()
    expect(built?.stdout).toMatch(
      /^::error file=.*4k\/2026-11-29\/indikatorvarden-rättad\.csv,line=2,col=2,title=cell\/constraint::/m,
    )
    const text = await readFile(summary, "utf8")
    expect(text).toMatch(/^## Build failed: 1 error, [0-9]+ warnings$/m)
    expect(text).toMatch(/4k\/2026-11-29\/indikatorvarden-rättad\.csv:2:2: cell\/constraint: /)
    expect(await remoteState()).toEqual(before)
  }, 60_000)

  it("a handed-over release whose version is no version is not published, and its outputs say so", async () => {
    const before = await remoteState()
    const descriptor = join(dist(), "datapackage.json")
    const json = JSON.parse(await readFile(descriptor, "utf8")) as Record<string, unknown>
    await writeFile(descriptor, JSON.stringify({ ...json, version: "9.9.9\ntag=v0.0.1" }))
    await writeFile(output, "")
    const env = { GITHUB_ACTIONS: "true", GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }
    const published = await pipeline(["publish", "--repo", c.checkout, "--raw", raw(), "--out", dist()], env)
    expect(published.status).toBe(1)
    expect(published.stderr).toContain("which is no version")
    expect(await outputs()).toEqual({ changed: "false", version: "", tag: "", commit: "" })
    expect(await remoteState()).toEqual(before)
  }, 60_000)
})
