/**
 * What a run needs beside the release folder before it starts: for a build, the lock, and a
 * clean slate (what an interrupted run left is repaired or removed); for any run, a work folder.
 */
import { mkdir } from "node:fs/promises"
import { dirname } from "node:path"
import { acquireLock, type Lock } from "./lock.ts"
import { makeSibling, recoverInterruptedPublish } from "./swap.ts"

export interface PreparedOutput {
  readonly lock: Lock | undefined
  readonly workDir: string
}

/** Throws LockedError when another build holds the release folder. */
export const prepareOutput = async (
  outDir: string,
  build: boolean,
  progress: (line: string) => void,
): Promise<PreparedOutput> => {
  // The lock, staging and work folders all stand beside the release: a missing parent is
  // made first, as mkdir -p would (`--out /new/place/dist`).
  await mkdir(dirname(outDir), { recursive: true })
  const lock = build ? await acquireLock(outDir) : undefined
  try {
    if (lock?.tookOverFrom !== undefined)
      progress(`took over the lock of process ${lock.tookOverFrom}, which is no longer running`)
    if (build) {
      const removed = await recoverInterruptedPublish(outDir)
      if (removed.length > 0) progress(`cleaned up what an interrupted run left: ${removed.join(", ")}`)
    }
    return { lock, workDir: await makeSibling(outDir, "work") }
  } catch (e) {
    await lock?.release()
    throw e
  }
}
