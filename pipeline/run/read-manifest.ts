/**
 * raw/manifest.json, read whole within its limit and parsed, then held to what no entry may
 * change or claim: the deliveries the previous release published stay as they were published
 * (published-history.ts), and, where raw/ has its register of publishers, each delivery sits in
 * its publisher's folder and a change to another publisher's says the maintainers make it
 * (ownership.ts). The manifest, or its problems.
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { MANIFEST_FILE, PUBLISHERS_FILE } from "../contract/raw-layout.ts"
import { type LoadedManifest, parseManifest } from "../manifest/load-manifest.ts"
import { parseRegister, type Register } from "../manifest/load-register.ts"
import { type OnBehalfChange, onBehalfChanges, ownershipFindings } from "../manifest/ownership.ts"
import { type PublishedDelivery, publishedFindings } from "../manifest/published-history.ts"
import { type Problem, problem } from "../problems/problem.ts"
import { readWhole } from "../read/whole-file.ts"
import { MAX_MANIFEST_BYTES } from "../shared/limits.ts"
import { SOURCES } from "../sources/index.ts"

export type ManifestRead =
  | {
      readonly manifest: LoadedManifest
      readonly problems: []
      /** The register beside the manifest, if raw/ has one. */
      readonly register: Register | undefined
      /** The changes the maintainers make to other publishers' deliveries, since the previous release. */
      readonly onBehalf: ReadonlyArray<OnBehalfChange>
    }
  | { readonly manifest: undefined; readonly problems: Problem[]; readonly unlisted?: number }

/** A JSON file of raw/ as text, or its problem when it is larger than any such file needs to be. */
const readText = async (path: string, file: string, fix: string) => {
  const bytes = await readWhole(path, file, MAX_MANIFEST_BYTES, fix)
  return bytes instanceof Uint8Array ? bytes.toString("utf8") : bytes
}

export const readManifest = async (
  rawDir: string,
  label: (file: string) => string,
  datasets: ReadonlyArray<DatasetDefinition>,
  /** The deliveries the release in the output folder lists: none without one. */
  published: ReadonlyArray<PublishedDelivery>,
): Promise<ManifestRead> => {
  const file = label(MANIFEST_FILE)
  const text = await readText(
    join(rawDir, MANIFEST_FILE),
    file,
    "no list of deliveries is this large: restore the manifest from the main branch",
  )
  if (typeof text !== "string") return { manifest: undefined, problems: [text] }
  const parsed = parseManifest(text, file, datasets, SOURCES)
  if (parsed.manifest === undefined) return parsed
  const { manifest } = parsed
  let register: Register | undefined
  const registerFile = label(PUBLISHERS_FILE)
  if (existsSync(join(rawDir, PUBLISHERS_FILE))) {
    const registerText = await readText(
      join(rawDir, PUBLISHERS_FILE),
      registerFile,
      "no register of publishers is this large: restore it from the main branch",
    )
    if (typeof registerText !== "string") return { manifest: undefined, problems: [registerText] }
    const read = parseRegister(registerText, registerFile, SOURCES.keys())
    if (read.register === undefined) return { manifest: undefined, problems: read.problems }
    register = read.register
  }
  const findings = [
    ...publishedFindings(manifest.history, published),
    ...(register === undefined ? [] : ownershipFindings(manifest.history, register, registerFile)),
  ]
  if (findings.length > 0)
    return {
      manifest: undefined,
      problems: findings.map(({ path, ...f }) => problem({ ...f, file, ...manifest.place(path) })),
    }
  return {
    manifest,
    problems: [],
    register,
    onBehalf: register === undefined ? [] : onBehalfChanges(manifest.history, register, published),
  }
}
