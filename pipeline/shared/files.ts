/** Files on disk as the pipeline reads and files them: content hashes, sorted listings, whole writes. */
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import { readdir, rename, writeFile } from "node:fs/promises"
import { join, relative, sep } from "node:path"

export const sha256File = async (path: string): Promise<string> => {
  const hash = createHash("sha256")
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest("hex")
}

/** Every file under a folder, as sorted paths relative to it with forward slashes. */
export const listFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort()
}

/** Symbolic links under a folder, as paths relative to it: never followed, never read. */
export const listSymlinks = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isSymbolicLink())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort()
}

/** Writes a file by renaming a finished copy into place, so a reader never sees half of it. */
export const writeAtomically = async (path: string, content: string | Uint8Array): Promise<void> => {
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, content)
  await rename(temporary, path)
}
