/** The one list of a release's files against the committed release and the roles it gives. */
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { hasWorkbook, isContent, releaseFiles, useOf, WORKBOOK_ROWS } from "../../pipeline/contract/release-layout.ts"
import { expectedFiles } from "../../pipeline/check/check-release.ts"
import { listFiles } from "../../pipeline/shared/files.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"

describe("the release's layout", () => {
  it("is exactly the files of the committed release, which has a project page for 4K and no catalogue", async () => {
    const layout = expectedFiles(DATASETS, { catalogue: false, rowPages: ["projects/4k.html"] })
    expect(layout).toEqual(await listFiles("dist"))
  })

  it("adds the three catalogue files when the publication has a catalogue", () => {
    const without = releaseFiles(["projects"], { catalogue: false, rowPages: [] }).map((f) => f.path)
    const withCatalogue = releaseFiles(["projects"], { catalogue: true, rowPages: [] }).map((f) => f.path)
    expect(withCatalogue.filter((f) => !without.includes(f)).sort()).toEqual([
      "catalog.jsonld",
      "catalog.rdf",
      "catalog.ttl",
    ])
  })

  it("leaves out the workbook of a dataset of more rows than one is written for, and only its", () => {
    const all = releaseFiles(["projects", "indicator_values"], { catalogue: false, rowPages: [] }).map((f) => f.path)
    const without = releaseFiles(["projects", "indicator_values"], {
      catalogue: false,
      rowPages: [],
      withoutWorkbook: ["indicator_values"],
    }).map((f) => f.path)
    expect(all.filter((f) => !without.includes(f))).toEqual(["data/indicator_values.xlsx"])
    expect(hasWorkbook(WORKBOOK_ROWS)).toBe(true)
    expect(hasWorkbook(WORKBOOK_ROWS + 1)).toBe(false)
    // The release check expects no workbook where the dataset's rows are too many for one.
    const shape = { catalogue: false, rowPages: [] }
    const rows = new Map(DATASETS.map((d) => [d.name, d.name === "indicator_values" ? WORKBOOK_ROWS + 1 : 10]))
    const expected = expectedFiles(DATASETS, { ...shape, rows })
    expect(expectedFiles(DATASETS, shape).filter((f) => !expected.includes(f))).toEqual(["data/indicator_values.xlsx"])
    // A provenance dataset has none at any size: it is read joined to its dataset.
    expect(expectedFiles(DATASETS, shape).filter((f) => f.endsWith("_provenance.xlsx"))).toEqual([])
    expect(expectedFiles(DATASETS, shape)).toContain("data/projects_provenance.parquet")
  })

  it("is the one place that spells a dataset's paths: no other module of pipeline/ writes them out", async () => {
    const modules = (await listFiles("pipeline")).filter((f) => f.endsWith(".ts") && f !== "contract/release-layout.ts")
    const spelled = /`(?:data|schemas|datasets)\/\$\{|join\([^)]*"(?:data|schemas|datasets)", /u
    const found = []
    for (const f of modules) if (spelled.test(await readFile(join("pipeline", f), "utf8"))) found.push(f)
    expect(found).toEqual([])
  })

  it.each([
    ["data/projects.xlsx", "content"],
    ["data/projects.parquet", "content"],
    ["schemas/projects.schema.json", "content"],
    ["corrections.csv", "content"],
    ["data/projects.md", "description"],
    ["datapackage.json", "description"],
    ["CHANGELOG.md", "description"],
    ["datasets/projects.html", "site"],
    ["projects/4k.html", "site"],
    ["SHA256SUMS", "checksums"],
  ] as const)("gives %s the use %s", (path, role) => {
    expect(useOf(path)).toBe(role)
    expect(isContent(path)).toBe(role === "content")
  })

  it("counts a file it does not know as content, so a release that had it differs", () => {
    expect(useOf("notes/old.txt")).toBeUndefined()
    expect(isContent("notes/old.txt")).toBe(true)
  })
})
