// Decides whether a build can be skipped: the same raw/ content, the same definitions and code,
// and the release it produced still in place. Plain JavaScript on Node's own modules, so the
// answer comes before TypeScript and the pipeline are loaded. Content hashes only, never file times.
// What it remembers is the `build` part of the output folder's record in the store of the
// incremental build (`releases.json`, layout 1: pipeline/incremental/store.ts writes the
// `published` part, and each keeps the other's).
import { createHash } from "node:crypto"
import { createReadStream, existsSync } from "node:fs"
import { mkdir, readFile, readdir, rename, stat, writeFile } from "node:fs/promises"
import { basename, dirname, join, relative, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"

/** The project's root: what is hashed as "the code". */
export const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)))

/** Folders and files whose content makes the release: definitions, code, configuration, dependencies. */
const CODE = ["pipeline", "schemas", "bin", "publication.json", "package.json", "package-lock.json"]

/** The store's folder when the build names none (pipeline/cli/options.ts has the same). */
export const DEFAULT_STORE = join(ROOT, ".cache", "pipeline")
const RECORD_FILE = "releases.json"
const LAYOUT = 1

const files = async (path) => {
  if (!existsSync(path)) return []
  if (!(await stat(path)).isDirectory()) return [path]
  const entries = await readdir(path, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

const hashFile = async (path) => {
  const hash = createHash("sha256")
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) hash.update(chunk)
  return hash.digest("hex")
}

/**
 * One hash over every input of a build into `out`: each file's path and content, and the
 * publication's configuration when another file than the project's gives it.
 */
export const buildKey = async (raw, out, baseUrl = "", publication = undefined) => {
  const hash = createHash("sha256").update(
    `pipeline build\n${resolve(out)}\n${baseUrl}\n${publication === undefined ? "" : resolve(publication)}\n`,
  )
  const groups = [
    [resolve(raw), await files(resolve(raw))],
    ...(await Promise.all(CODE.map(async (c) => [ROOT, await files(join(ROOT, c))]))),
    ...(publication === undefined ? [] : [[dirname(resolve(publication)), await files(resolve(publication))]]),
  ]
  for (const [base, list] of groups) {
    for (const f of list) hash.update(`${relative(base, f).split(sep).join("/")}\n${await hashFile(f)}\n`)
  }
  return hash.digest("hex")
}

/** What the release looks like now: its SHA256SUMS and the size of every file it lists. */
const releaseState = async (out) => {
  const sums = join(out, "SHA256SUMS")
  if (!existsSync(sums)) return undefined
  const text = await readFile(sums, "utf8")
  const sizes = []
  for (const line of text.trim().split("\n")) {
    const file = join(out, line.slice(66))
    if (!existsSync(file)) return undefined
    sizes.push((await stat(file)).size)
  }
  return `${createHash("sha256").update(text).digest("hex")} ${sizes.join(",")}`
}

/** The store's records, or nothing remembered when they are missing, unreadable or of another layout. */
const readRecords = async (store) => {
  try {
    const records = JSON.parse(await readFile(join(store, RECORD_FILE), "utf8"))
    if (records.layout === LAYOUT && typeof records.releases === "object") return records
  } catch {
    // It only ever saves work.
  }
  return { layout: LAYOUT, releases: {} }
}

/** What an interrupted run leaves beside the release: its lock, staging, work or old folders. */
const interrupted = async (out) => {
  const parent = dirname(resolve(out))
  if (!existsSync(parent)) return false
  const prefix = `.${basename(resolve(out))}.`
  return (await readdir(parent)).some((n) => n.startsWith(prefix))
}

/**
 * The key when the last build into `out` had the same inputs and its release is untouched;
 * else undefined. Never while an interrupted run's leftovers lie beside the release: the full
 * run cleans them up.
 */
export const unchangedSince = async (store, raw, out, baseUrl, publication) => {
  const entry = (await readRecords(store)).releases[resolve(out)]?.build
  if (entry === undefined || (await interrupted(out))) return undefined
  const [key, state] = await Promise.all([buildKey(raw, out, baseUrl, publication), releaseState(resolve(out))])
  return entry.key === key && entry.release === state ? key : undefined
}

/** Records a successful build, so an identical next one can be skipped. */
export const remember = async (store, raw, out, baseUrl, publication) => {
  const records = await readRecords(store)
  // Forget releases that are gone (temporary folders of tests, say).
  for (const folder of Object.keys(records.releases)) if (!existsSync(folder)) delete records.releases[folder]
  records.releases[resolve(out)] = {
    ...records.releases[resolve(out)],
    build: {
      key: await buildKey(raw, out, baseUrl, publication),
      release: await releaseState(resolve(out)),
    },
  }
  await mkdir(store, { recursive: true })
  // Written aside and renamed into place: a reader never sees half a file, even if this process dies.
  const partial = join(store, `${RECORD_FILE}.${process.pid}.partial`)
  await writeFile(partial, `${JSON.stringify(records, null, 2)}\n`)
  await rename(partial, join(store, RECORD_FILE))
}
