/**
 * The sha256 (and, where the DCAT catalogue needs it, the SHA-1) and size of each file of the
 * staged release, taken once as each file is written: for SHA256SUMS, datapackage.json, the
 * catalogue and the pages.
 */
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import { join } from "node:path"

export interface FileHash {
  readonly bytes: number
  readonly sha256: string
  /** Empty unless the DCAT catalogue is written. */
  readonly sha1: string
}

/** sha256, and sha1 (which DCAT-AP-SE offers) when the catalogue needs it, of a file in one read. */
const digests = async (path: string, withSha1: boolean) => {
  const sha256 = createHash("sha256")
  const sha1 = withSha1 ? createHash("sha1") : undefined
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    sha256.update(chunk as Buffer)
    sha1?.update(chunk as Buffer)
  }
  return { sha256: sha256.digest("hex"), sha1: sha1?.digest("hex") ?? "" }
}

export class FileHashes {
  readonly files = new Map<string, FileHash>()
  constructor(
    private readonly dir: string,
    /** Whether SHA-1 is taken too (the DCAT catalogue gives it). */
    private readonly withSha1: boolean,
  ) {}
  /** Files whose hashes are known (carried over, or spliced): not read again. */
  private readonly given = new Set<string>()
  /**
   * Takes the hash of a file taken as it was written or carried over; false when SHA-1 is
   * needed and not given.
   */
  known(path: string, hash: Omit<FileHash, "sha1"> & { readonly sha1?: string }): boolean {
    if (this.withSha1 && (hash.sha1 ?? "") === "") return false
    this.files.set(path, { ...hash, sha1: this.withSha1 ? hash.sha1! : "" })
    this.given.add(path)
    return true
  }
  /** Hashes files of the release, by their paths in it. */
  async add(...paths: ReadonlyArray<string>): Promise<void> {
    await Promise.all(
      paths
        .filter((path) => !this.given.has(path))
        .map(async (path) => {
          const full = join(this.dir, path)
          const [{ sha256, sha1 }, { size }] = await Promise.all([digests(full, this.withSha1), stat(full)])
          this.files.set(path, { sha256, sha1, bytes: size })
        }),
    )
  }
}
