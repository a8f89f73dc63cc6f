/**
 * A file's digests taken on a thread of its own, so that the hashing of a large file runs
 * beside work on the main thread (the next file spliced, say) instead of after it.
 */
import { Worker } from "node:worker_threads"

/** The digests a thread can take: sha256 always, sha1 where the DCAT catalogue needs it. */
export interface FileDigests {
  readonly sha256: string
  /** Empty unless asked for. */
  readonly sha1: string
}

/** What the thread runs: Node's own modules only, so it needs no bundling or loader. */
const HASHER = `
const { parentPort, workerData } = require("node:worker_threads")
const { createHash } = require("node:crypto")
const { createReadStream } = require("node:fs")
const sha256 = createHash("sha256")
const sha1 = workerData.sha1 ? createHash("sha1") : undefined
createReadStream(workerData.path, { highWaterMark: 1 << 22 })
  .on("data", (chunk) => { sha256.update(chunk); sha1?.update(chunk) })
  .on("error", (e) => parentPort.postMessage({ error: e.message }))
  .on("end", () => parentPort.postMessage({ sha256: sha256.digest("hex"), sha1: sha1?.digest("hex") ?? "" }))
`

export const digestsInThread = (path: string, sha1 = false): Promise<FileDigests> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(HASHER, { eval: true, workerData: { path, sha1 } })
    worker.once("message", (m: { sha256?: string; sha1?: string; error?: string }) => {
      void worker.terminate()
      if (m.sha256 !== undefined) resolve({ sha256: m.sha256, sha1: m.sha1 ?? "" })
      else reject(new Error(`${path}: ${m.error}`))
    })
    worker.once("error", reject)
    // A thread that ends without a word has failed (after a word, this changes nothing).
    worker.once("exit", (code) => reject(new Error(`${path}: the hashing thread ended (${code})`)))
  })

export const sha256FileInThread = async (path: string): Promise<string> => (await digestsInThread(path)).sha256
