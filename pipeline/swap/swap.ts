/**
 * Swaps a checked staging folder in as the release. The old release is moved aside first and
 * only removed once the new one is in place; a run that died between the two renames is
 * repaired by the next one.
 */
import { randomBytes } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises"
import { basename, dirname, join } from "node:path"

/** Folder names beside `out` that a build may create: staging, work and the old release. */
export const siblingPrefix = (out: string, kind: "staging" | "work" | "old") =>
  join(dirname(out), `.${basename(out)}.${kind}-`)

/**
 * A new folder beside `out` (whose parent is made if it does not exist yet). The work folder
 * is private (mkdtemp's 0700). The staging folder becomes the release folder, which a web
 * server running as another user must read: it is made as mkdir makes any folder (0755 under
 * the usual umask), with a random name that mkdir refuses to reuse.
 */
export const makeSibling = async (out: string, kind: "staging" | "work") => {
  await mkdir(dirname(out), { recursive: true })
  if (kind === "work") return mkdtemp(siblingPrefix(out, kind))
  for (;;) {
    const path = `${siblingPrefix(out, kind)}${randomBytes(6).toString("hex")}`
    try {
      await mkdir(path)
      return path
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
    }
  }
}

/**
 * Repairs what a run that died left beside the release: puts back an old release it had moved
 * aside before the new one was in place, and removes its staging and work folders. Only called
 * under the lock, when no other run is using them. Returns what it removed.
 */
export const recoverInterruptedPublish = async (out: string): Promise<string[]> => {
  const parent = dirname(out)
  if (!existsSync(parent)) return []
  const prefix = (kind: "staging" | "work" | "old") => `.${basename(out)}.${kind}-`
  const olds = (await readdir(parent)).filter((n) => n.startsWith(prefix("old"))).sort()
  if (!existsSync(out) && olds.length > 0) await rename(join(parent, olds[olds.length - 1]!), out)
  const left = (await readdir(parent)).filter((n) =>
    (["staging", "work", "old"] as const).some((k) => n.startsWith(prefix(k))),
  )
  for (const n of left) await rm(join(parent, n), { recursive: true, force: true })
  return left
}

/**
 * Moves the old release aside and the new one in: two renames. A run killed between them
 * leaves no release folder but the old one beside it, which the next run puts back.
 * PIPELINE_SWAP_PAUSE_MS holds the run between the renames, for tests that kill it there.
 */
export const publish = async (staging: string, out: string): Promise<void> => {
  const old = `${siblingPrefix(out, "old")}${basename(staging).split("-").pop()}`
  const hadRelease = existsSync(out)
  if (hadRelease) await rename(out, old)
  const pause = Number(process.env["PIPELINE_SWAP_PAUSE_MS"] ?? 0)
  if (pause > 0) await new Promise((r) => setTimeout(r, pause))
  try {
    await rename(staging, out)
  } catch (e) {
    if (hadRelease) await rename(old, out)
    throw e
  }
  if (hadRelease) await rm(old, { recursive: true, force: true })
}
