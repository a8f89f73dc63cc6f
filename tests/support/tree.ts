/** Reads a folder into {path: sha256}, to compare releases byte for byte. */
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { listFiles } from "../../pipeline/shared/files.ts"

export const treeHashes = async (dir: string): Promise<Record<string, string>> => {
  if (!existsSync(dir)) return {}
  const out: Record<string, string> = {}
  for (const f of await listFiles(dir))
    out[f] = createHash("sha256")
      .update(await readFile(join(dir, f)))
      .digest("hex")
  return out
}
