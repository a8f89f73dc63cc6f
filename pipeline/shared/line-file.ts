/**
 * A file written one line at a time, as fast as the disk takes it: a write waits while the
 * stream's buffer is full, and a failed write (a full disk) is thrown to the caller, by the next
 * write or by `close`, never left as an unhandled event.
 */
import { createWriteStream, type WriteStream } from "node:fs"

export class LineFile {
  private readonly out: WriteStream
  private failed: Error | undefined

  constructor(readonly path: string) {
    this.out = createWriteStream(path)
    this.out.on("error", (e) => {
      this.failed ??= e
    })
  }

  async write(line: string): Promise<void> {
    if (this.failed !== undefined) throw this.failed
    if (this.out.write(`${line}\n`)) return
    await new Promise<void>((resolve, reject) => {
      const settle = () => {
        this.out.off("drain", settle)
        this.out.off("error", settle)
        if (this.failed === undefined) resolve()
        else reject(this.failed)
      }
      this.out.once("drain", settle).once("error", settle)
    })
  }

  /** Ends the file, once everything written is on the disk. */
  async close(): Promise<void> {
    if (this.failed !== undefined) throw this.failed
    await new Promise<void>((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())))
    if (this.failed !== undefined) throw this.failed
  }
}
