/** The one list of a release's files against the committed release and the roles it gives. */
import { describe, expect, it } from "vitest"
import { isContent, releaseFiles, roleOf } from "../../pipeline/contract/release-layout.ts"
import { listFiles } from "../../pipeline/shared/files.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"

describe("the release's layout", () => {
  it("is exactly the files of the committed release, which has a project page for 4K and no catalogue", async () => {
    const layout = releaseFiles(DATASETS, { catalogue: false, projects: ["4k"] })
      .map((f) => f.path)
      .sort()
    expect(layout).toEqual(await listFiles("dist"))
  })

  it("adds the three catalogue files when the publication has a catalogue", () => {
    const projects = [{ name: "projects" }]
    const without = releaseFiles(projects, { catalogue: false, projects: [] }).map((f) => f.path)
    const withCatalogue = releaseFiles(projects, { catalogue: true, projects: [] }).map((f) => f.path)
    expect(withCatalogue.filter((f) => !without.includes(f)).sort()).toEqual([
      "catalog.jsonld",
      "catalog.rdf",
      "catalog.ttl",
    ])
  })

  it("gives a provenance dataset no workbook", () => {
    const files = releaseFiles([{ name: "projects_provenance", provenanceOf: "projects" }], {
      catalogue: false,
      projects: [],
    }).map((f) => f.path)
    expect(files).toContain("data/projects_provenance.parquet")
    expect(files.filter((f) => f.endsWith(".xlsx"))).toEqual([])
  })

  it.each([
    ["data/projects.parquet", "content"],
    ["schemas/projects.schema.json", "content"],
    ["corrections.csv", "content"],
    ["data/projects.md", "description"],
    ["datapackage.json", "description"],
    ["CHANGELOG.md", "description"],
    ["datasets/projects.html", "site"],
    ["projects/4k.html", "site"],
    ["SHA256SUMS", "checksums"],
  ] as const)("gives %s the role %s", (path, role) => {
    expect(roleOf(path)).toBe(role)
    expect(isContent(path)).toBe(role === "content")
  })

  it("counts a file it does not know as content, so a release that had it differs", () => {
    expect(roleOf("notes/old.txt")).toBeUndefined()
    expect(isContent("notes/old.txt")).toBe(true)
  })
})
