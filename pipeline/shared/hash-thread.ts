/**
 * The sha256 of a file taken on a thread of its own, so that the hashing of a large file runs
 * beside work on the main thread (a file spliced from it, say) instead of after it.
 */
import { Worker } from "node:worker_threads"

/** What the thread runs: Node's own modules only, so it needs no bundling or loader. */
const HASHER = `
const { parentPort, workerData } = require("node:worker_threads")
const { createHash } = require("node:crypto")
const { createReadStream } = require("node:fs")
const hash = createHash("sha256")
createReadStream(workerData, { highWaterMark: 1 << 22 })
  .on("data", (chunk) => hash.update(chunk))
  .on("error", (e) => parentPort.postMessage({ error: e.message }))
  .on("end", () => parentPort.postMessage({ sha256: hash.digest("hex") }))
`

export const sha256FileInThread = (path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(HASHER, { eval: true, workerData: path })
    worker.once("message", (m: { sha256?: string; error?: string }) => {
      void worker.terminate()
      if (m.sha256 !== undefined) resolve(m.sha256)
      else reject(new Error(`${path}: ${m.error}`))
    })
    worker.once("error", reject)
    // A thread that ends without a word has failed (after a word, this changes nothing).
    worker.once("exit", (code) => reject(new Error(`${path}: the hashing thread ended (${code})`)))
  })
