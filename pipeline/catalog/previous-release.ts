/**
 * The release in the output folder, as the next one is compared with it: its version, the
 * sha256 of its files, its published schemas and its change record.
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { CHANGELOG_FILE, CHANGES_FILE, dataFile, DATAPACKAGE_FILE } from "../contract/release-layout.ts"
import { readSums } from "../incremental/survey.ts"
import type { PublishedDelivery } from "../manifest/published-history.ts"

export interface PreviousRelease {
  readonly version: string | undefined
  readonly sums: ReadonlyMap<string, string>
  readonly schemas: Record<string, Record<string, unknown>>
  readonly changelog: string | undefined
  readonly changes: string | undefined
}

export const readPrevious = async (outDir: string): Promise<PreviousRelease | undefined> => {
  const sums = await readSums(outDir)
  if (sums === undefined) return undefined
  const text = async (f: string) => (existsSync(join(outDir, f)) ? await readFile(join(outDir, f), "utf8") : undefined)
  const descriptor = await text(DATAPACKAGE_FILE)
  const schemas: Record<string, Record<string, unknown>> = {}
  for (const f of [...sums.keys()].filter((x) => /^schemas\/.+\.schema\.json$/u.test(x))) {
    const name = f.slice("schemas/".length, -".schema.json".length)
    const body = await text(f)
    if (body !== undefined) schemas[name] = JSON.parse(body) as Record<string, unknown>
  }
  return {
    version:
      descriptor === undefined ? undefined : ((JSON.parse(descriptor) as { version?: string }).version ?? undefined),
    sums,
    schemas,
    changelog: await text(CHANGELOG_FILE),
    changes: await text(CHANGES_FILE),
  }
}

/**
 * The deliveries the release in the output folder lists (its deliveries dataset): the record of
 * what was published, each delivery's file, bytes, reading, kind, publisher and standing.
 */
export const publishedDeliveries = async (outDir: string): Promise<ReadonlyArray<PublishedDelivery>> => {
  const path = join(outDir, dataFile("deliveries", "json"))
  if (!existsSync(path)) return []
  try {
    const rows = JSON.parse(await readFile(path, "utf8")) as ReadonlyArray<Record<string, unknown>>
    const text = (v: unknown) => (typeof v === "string" ? v : undefined)
    return rows.flatMap((r) => {
      const [file, sha256] = [text(r["file"]), text(r["sha256"])]
      if (file === undefined || sha256 === undefined) return []
      return [
        {
          file,
          sha256,
          kind: text(r["kind"]),
          publisher: text(r["publisher"]),
          reading: text(r["reading_sha256"]),
          // Named `status` in releases before 3.0.0.
          status: text(r["delivery_status"]) ?? text(r["status"]),
        },
      ]
    })
  } catch {
    // An unreadable previous release has published nothing this check can rely on.
    return []
  }
}
