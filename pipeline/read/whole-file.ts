/**
 * A file read whole into memory, as JSON, a workbook, the manifest and a file described by
 * `pipeline add` are: refused, unread, past its limit (pipeline/shared/limits.ts).
 */
import { open } from "node:fs/promises"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"

const MB = 1024 * 1024

/** Megabytes, to one decimal: what a user sees of a file's size. */
export const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`

/**
 * The bytes of the file at `path`, or, past `limit` bytes, its `file/too-large` problem:
 * `fix` says what to do instead.
 */
export const readWhole = async (path: string, file: string, limit: number, fix: string): Promise<Buffer | Problem> => {
  const handle = await open(path, "r")
  try {
    const { size } = await handle.stat()
    if (size <= limit) return await handle.readFile()
    return problem({
      code: "file/too-large",
      file,
      value: String(size),
      message: `the file is ${megabytes(size)}, more than the ${megabytes(limit)} it may be, as it is read whole into memory; ${fix}`,
    })
  } finally {
    await handle.close()
  }
}
