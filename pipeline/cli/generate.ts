/**
 * Writes (or checks) the derived files: from the definitions, the JSON Schemas (the datasets'
 * and the manifest's) and DDL in schemas/derived/; from the register of publishers in raw/,
 * `.github/CODEOWNERS`; from the command line's options, the build's for the entry point.
 */
import { existsSync } from "node:fs"
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import { isDelivered } from "../../schemas/dataset.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { derivedFiles } from "../../schemas/derive/derived-files.ts"
import { manifestJsonSchema } from "../contract/manifest-json-schema.ts"
import { PUBLISHERS_FILE } from "../contract/raw-layout.ts"
import { CODEOWNERS_FILE, codeowners } from "../git/codeowners.ts"
import { parseRegister } from "../manifest/load-register.ts"
import { type Problem, problem } from "../problems/problem.ts"
import { renderProblem } from "../problems/render.ts"
import { readWhole } from "../read/whole-file.ts"
import { MAX_MANIFEST_BYTES } from "../shared/limits.ts"
import { SOURCES } from "../sources/index.ts"
import { BUILD_OPTIONS_FILE, buildOptionsJson } from "./options.ts"
import { say } from "./say.ts"

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

/** `.github/CODEOWNERS` as the register in `rawDir` makes it, or why it cannot be made. */
export const codeownersText = async (rawDir = "raw"): Promise<string | Problem[]> => {
  const path = join(rawDir, PUBLISHERS_FILE)
  if (!existsSync(path))
    return [
      problem({
        code: "file/missing",
        file: path,
        message: `${CODEOWNERS_FILE} is made from the register of publishers, and there is none`,
      }),
    ]
  const bytes = await readWhole(path, path, MAX_MANIFEST_BYTES, "no register of publishers is this large")
  if (!(bytes instanceof Uint8Array)) return [bytes]
  const read = parseRegister(bytes.toString("utf8"), path, SOURCES.keys())
  return read.register === undefined ? read.problems : codeowners(read.register)
}

export const generate = async (check: boolean): Promise<number> => {
  const owners = await codeownersText()
  if (typeof owners !== "string") {
    for (const p of owners) say(renderProblem(p))
    return 1
  }
  const derived = allDerivedFiles()
  const files = new Map([...derived].map(([name, text]) => [join(DERIVED_DIR, name), text]))
  files.set(CODEOWNERS_FILE, owners)
  files.set(BUILD_OPTIONS_FILE, buildOptionsJson())
  const stale: string[] = []
  for (const [path, text] of files) {
    const current = existsSync(path) ? await readFile(path, "utf8") : undefined
    if (current === text) continue
    stale.push(path)
    if (!check) {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, text)
    }
  }
  const extra = existsSync(DERIVED_DIR) ? (await readdir(DERIVED_DIR)).filter((f) => !derived.has(f)) : []
  for (const f of extra) stale.push(join(DERIVED_DIR, f))
  if (check && stale.length > 0) {
    process.stderr.write(`out of date (run npm run generate): ${stale.join(", ")}\n`)
    return 1
  }
  process.stderr.write(check ? "derived files are up to date\n" : `wrote ${stale.length} derived files\n`)
  return 0
}
