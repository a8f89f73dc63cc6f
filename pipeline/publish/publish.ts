/**
 * Swaps a checked staging folder in as the release. The old release is moved aside first and
 * only removed once the new one is in place; a run that died between the two renames is
 * repaired by the next one.
 */
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises"
import { basename, dirname, join } from "node:path"

/** Folder names beside `out` that a build may create: staging, work and the old release. */
export const siblingPrefix = (out: string, kind: "staging" | "work" | "old") => join(dirname(out), `.${basename(out)}.${kind}-`)

/** A new folder beside `out` (whose parent is made if it does not exist yet). */
export const makeSibling = async (out: string, kind: "staging" | "work") => {
  await mkdir(dirname(out), { recursive: true })
  return mkdtemp(siblingPrefix(out, kind))
}

/** If a previous publish stopped after moving the old release aside, puts it back. */
export const recoverInterruptedPublish = async (out: string): Promise<void> => {
  const parent = dirname(out)
  if (!existsSync(parent)) return
  const prefix = `.${basename(out)}.old-`
  const olds = (await readdir(parent)).filter((n) => n.startsWith(prefix)).sort()
  if (!existsSync(out) && olds.length > 0) await rename(join(parent, olds[olds.length - 1]!), out)
  for (const n of await readdir(parent)) if (n.startsWith(prefix)) await rm(join(parent, n), { recursive: true, force: true })
}

export const publish = async (staging: string, out: string): Promise<void> => {
  const old = `${siblingPrefix(out, "old")}${basename(staging).split("-").pop()}`
  const hadRelease = existsSync(out)
  if (hadRelease) await rename(out, old)
  try {
    await rename(staging, out)
  } catch (e) {
    if (hadRelease) await rename(old, out)
    throw e
  }
  if (hadRelease) await rm(old, { recursive: true, force: true })
}
