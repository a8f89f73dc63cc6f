/**
 * A file's identity as its metadata gives it: device, inode, size, and the times of its last
 * change of content (mtime) and of any change at all (ctime), in nanoseconds. Writing to a
 * file, or linking, renaming or touching it, sets its ctime to the clock's time, which no
 * program can set back; so a file whose identity is the one recorded after it was last written
 * still holds the bytes it held then, and need not be read and hashed again to know it (git's
 * index trusts its files the same way).
 *
 * An identity is only recorded once the file's ctime is further back than a clock tick, or a
 * change made within the same tick, after the recording, could leave its times as they were:
 * files changed more lately are waited for.
 */
import { stat } from "node:fs/promises"

export interface FileIdentity {
  readonly dev: string
  readonly ino: string
  readonly size: string
  readonly mtimeNs: string
  readonly ctimeNs: string
}

/** How far back a file's last change must be for its identity to be recorded. */
const SETTLED_NS = 100_000_000n

/** The file's identity now; undefined when it cannot be read. */
export const identityOf = async (path: string): Promise<FileIdentity | undefined> => {
  const s = await stat(path, { bigint: true }).catch(() => undefined)
  if (s === undefined || !s.isFile()) return undefined
  return {
    dev: String(s.dev),
    ino: String(s.ino),
    size: String(s.size),
    mtimeNs: String(s.mtimeNs),
    ctimeNs: String(s.ctimeNs),
  }
}

/**
 * The identity to record for the file, or undefined when it changed too lately to record.
 * `nowNs`: the wall clock's time, which file times are taken from.
 */
export const settledIdentityOf = async (
  path: string,
  nowNs: bigint = BigInt(Date.now()) * 1_000_000n,
): Promise<FileIdentity | undefined> => {
  const identity = await identityOf(path)
  return identity !== undefined && BigInt(identity.ctimeNs) + SETTLED_NS < nowNs ? identity : undefined
}

/**
 * The identities of files to record, by path: the files changed within the last tick are
 * waited for (a tenth of a second at most), and those that cannot be read are left out.
 */
export const settledIdentities = async (paths: ReadonlyArray<string>): Promise<Map<string, FileIdentity>> => {
  let latest = 0n
  for (const identity of await Promise.all(paths.map(identityOf)))
    if (identity !== undefined && BigInt(identity.ctimeNs) > latest) latest = BigInt(identity.ctimeNs)
  const wait = latest + SETTLED_NS - BigInt(Date.now()) * 1_000_000n
  if (wait >= 0n) await new Promise((r) => setTimeout(r, Number(wait / 1_000_000n) + 1))
  // Looked at again after the wait: a change within the tick of the first look would have left
  // the same times, and that identity would be trusted for other bytes.
  const identities = new Map<string, FileIdentity>()
  for (const path of paths) {
    const identity = await settledIdentityOf(path)
    if (identity !== undefined) identities.set(path, identity)
  }
  return identities
}

/** Whether the file at `path` has the identity recorded. */
export const hasIdentity = async (path: string, recorded: FileIdentity | undefined): Promise<boolean> => {
  if (recorded === undefined) return false
  const now = await identityOf(path)
  return (
    now !== undefined &&
    now.dev === recorded.dev &&
    now.ino === recorded.ino &&
    now.size === recorded.size &&
    now.mtimeNs === recorded.mtimeNs &&
    now.ctimeNs === recorded.ctimeNs
  )
}
