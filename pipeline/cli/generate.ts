/** Writes (or checks) the files derived from the definitions: JSON Schemas (the datasets' and the manifest's) and DDL. */
import { existsSync } from "node:fs"
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { isDelivered } from "../../schemas/dataset.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { derivedFiles } from "../../schemas/derive/derived-files.ts"
import { manifestJsonSchema } from "../contract/manifest-json-schema.ts"
import { SOURCES } from "../sources/index.ts"

export const DERIVED_DIR = "schemas/derived"

/** The name raw/manifest.json gives its JSON Schema by, relative to raw/. */
export const MANIFEST_SCHEMA = "manifest.schema.json"

/** Every derived file: the datasets' schemas and DDL, and the manifest's JSON Schema. */
export const allDerivedFiles = (): Map<string, string> => {
  const files = derivedFiles(DATASETS)
  const fed = DATASETS.filter(isDelivered).map((d) => d.name)
  files.set(MANIFEST_SCHEMA, `${JSON.stringify(manifestJsonSchema(fed, [...SOURCES.keys()].sort()), null, 2)}\n`)
  return files
}

export const generate = async (check: boolean): Promise<number> => {
  const files = allDerivedFiles()
  const stale: string[] = []
  for (const [name, text] of files) {
    const path = join(DERIVED_DIR, name)
    const current = existsSync(path) ? await readFile(path, "utf8") : undefined
    if (current === text) continue
    stale.push(path)
    if (!check) {
      await mkdir(DERIVED_DIR, { recursive: true })
      await writeFile(path, text)
    }
  }
  const extra = existsSync(DERIVED_DIR) ? (await readdir(DERIVED_DIR)).filter((f) => !files.has(f)) : []
  for (const f of extra) stale.push(join(DERIVED_DIR, f))
  if (check && stale.length > 0) {
    process.stderr.write(`out of date (run npm run generate): ${stale.join(", ")}\n`)
    return 1
  }
  process.stderr.write(check ? "derived files are up to date\n" : `wrote ${stale.length} derived files\n`)
  return 0
}
