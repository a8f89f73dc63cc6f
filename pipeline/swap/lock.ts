/**
 * One build at a time per release folder: a lock file beside it, created exclusively, holding
 * the owner's process id. A second build refuses while the owner lives; a lock whose owner is
 * gone (a killed run) is taken over, so it never blocks for good.
 */
import { readFile, rm, writeFile } from "node:fs/promises"
import { hostname } from "node:os"
import { basename, dirname, join } from "node:path"

export const lockPath = (out: string) => join(dirname(out), `.${basename(out)}.lock`)

export class LockedError extends Error {}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

export interface Lock {
  /** Said when a dead run's lock was taken over. */
  readonly tookOverFrom: number | undefined
  release(): Promise<void>
}

export const acquireLock = async (out: string): Promise<Lock> => {
  const path = lockPath(out)
  const mine = JSON.stringify({ pid: process.pid, host: hostname() })
  let tookOverFrom: number | undefined
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, mine, { flag: "wx" })
      return {
        tookOverFrom,
        release: async () => {
          // Only our own lock is removed.
          if ((await readFile(path, "utf8").catch(() => "")) === mine) await rm(path, { force: true })
        },
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
    }
    let holder: { pid?: number; host?: string } = {}
    try {
      holder = JSON.parse(await readFile(path, "utf8")) as typeof holder
    } catch {
      // A lock being written this instant, or a torn one from a killed run: look again.
      await new Promise((r) => setTimeout(r, 50))
      holder = JSON.parse((await readFile(path, "utf8").catch(() => "{}")) || "{}") as typeof holder
    }
    const pid = holder.pid
    if (pid !== undefined && (holder.host !== hostname() || alive(pid))) {
      throw new LockedError(`another build (process ${pid}${holder.host === hostname() ? "" : ` on ${holder.host}`}) is writing ${out}; nothing was done: run again when it has ended (its lock: ${path})`)
    }
    tookOverFrom = pid
    await rm(path, { force: true })
  }
  throw new LockedError(`could not take the lock ${path}: other builds keep taking it`)
}
