/**
 * The release in the output folder, as the next one is compared with it: its version, the
 * sha256 of its files, its published schemas and its change record.
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"

/** The metadata files, which follow from the content: a change in them alone is no change of data. */
export const CATALOG_FILES = ["datapackage.json", "CHANGELOG.md", "changes.json", "CITATION.cff", "catalog.ttl", "catalog.rdf", "catalog.jsonld", "index.html", "style.css"]

/** Files whose content makes a release different from another; metadata follows from them. */
export const isContent = (path: string) => !CATALOG_FILES.includes(path) && path !== "SHA256SUMS" && !/^data\/[^/]+\.md$/u.test(path) && !/^(datasets|projects)\/[^/]+\.html$/u.test(path)

export interface PreviousRelease {
  readonly version: string | undefined
  readonly sums: ReadonlyMap<string, string>
  readonly schemas: Record<string, Record<string, unknown>>
  readonly changelog: string | undefined
  readonly changes: string | undefined
}

export const readPrevious = async (outDir: string): Promise<PreviousRelease | undefined> => {
  const sumsPath = join(outDir, "SHA256SUMS")
  if (!existsSync(sumsPath)) return undefined
  const sums = new Map((await readFile(sumsPath, "utf8")).trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)] as const))
  const text = async (f: string) => (existsSync(join(outDir, f)) ? await readFile(join(outDir, f), "utf8") : undefined)
  const descriptor = await text("datapackage.json")
  const schemas: Record<string, Record<string, unknown>> = {}
  for (const f of [...sums.keys()].filter((x) => /^schemas\/.+\.schema\.json$/u.test(x))) {
    const name = f.slice("schemas/".length, -".schema.json".length)
    const body = await text(f)
    if (body !== undefined) schemas[name] = JSON.parse(body) as Record<string, unknown>
  }
  return {
    version: descriptor === undefined ? undefined : ((JSON.parse(descriptor) as { version?: string }).version ?? undefined),
    sums,
    schemas,
    changelog: await text("CHANGELOG.md"),
    changes: await text("changes.json"),
  }
}
