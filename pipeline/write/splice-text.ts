/**
 * A dataset's JSON or CSV file made from the published one: the records that are gone are
 * taken out, the new ones put in at their places, and every other record copied byte for byte,
 * in one pass over each file. The published file is hashed meanwhile, on a thread of its own
 * (unless its metadata shows it unchanged since it was published), and the result is refused
 * (SpliceRefused) unless it is what SHA256SUMS says and has the layout of a file the release's
 * writer wrote: then the caller writes the file whole instead.
 */
import { open, type FileHandle } from "node:fs/promises"
import { sha256FileInThread } from "../shared/hash-thread.ts"

/**
 * How a format lays out its records, one per line: `headLines` lines, then the records joined
 * by `sep`, then `end`. Both `sep` and `end` begin a new line after a record.
 */
export interface TextLayout {
  readonly headLines: number
  readonly sep: string
  readonly end: string
}

/** DuckDB's JSON array: `[`, then one record per line, joined by `,`, then `]`. */
export const JSON_LAYOUT: TextLayout = { headLines: 1, sep: ",\n", end: "\n]\n" }
/** The release's CSV: the header line, then one record per line (no value holds a line break). */
export const CSV_LAYOUT: TextLayout = { headLines: 1, sep: "\n", end: "\n" }

/** The published file cannot be spliced: the caller writes the new one whole. */
export class SpliceRefused extends Error {}

/** A file written as the release's writer wrote it, cut into its head and its records' texts. */
export const recordsOf = (text: string, layout: TextLayout, count: number): { head: string; records: string[] } => {
  let at = 0
  for (let i = 0; i < layout.headLines; i++) at = text.indexOf("\n", at) + 1
  if (at === 0) throw new SpliceRefused("the rendered records are not laid out as expected")
  // No records: only the head is wanted (DuckDB writes an empty JSON array with a line of its own inside).
  if (count === 0) return { head: text.slice(0, at), records: [] }
  if (!text.endsWith(layout.end)) throw new SpliceRefused("the rendered records are not laid out as expected")
  const records = text.slice(at, text.length - layout.end.length).split(layout.sep)
  if (records.length !== count || records.some((r) => r.includes("\n")))
    throw new SpliceRefused(`${count} records were rendered, ${records.length} lines found`)
  return { head: text.slice(0, at), records }
}

const CHUNK = 4 << 20

/**
 * The published file, read line by line in large chunks into one buffer, used again for each
 * chunk once what was read into it is written (a new buffer for each chunk of a file of
 * gigabytes made Node collect garbage over a large heap again and again).
 */
class LineReader {
  private readonly chunk: Buffer
  private buffer: Buffer = Buffer.alloc(0)
  private at = 0
  constructor(
    private readonly file: FileHandle,
    size: number,
  ) {
    this.chunk = Buffer.allocUnsafe(size)
  }

  /** Reads more of the file after what is left unread; false at its end. */
  private async more(): Promise<boolean> {
    const left = this.at < this.buffer.length ? Buffer.from(this.buffer.subarray(this.at)) : undefined
    const { bytesRead } = await this.file.read(this.chunk, 0, this.chunk.length, null)
    if (bytesRead === 0) return false
    const read = this.chunk.subarray(0, bytesRead)
    this.buffer = left === undefined ? read : Buffer.concat([left, read])
    this.at = 0
    return true
  }

  /** Passes the next `n` lines, line breaks included, to `sink` in as few pieces as it can. */
  async copyLines(n: number, sink: (bytes: Buffer) => Promise<void>): Promise<void> {
    let left = n
    let from = this.at
    while (left > 0) {
      const end = this.buffer.indexOf(10, this.at)
      if (end !== -1) {
        this.at = end + 1
        left--
        continue
      }
      if (from < this.buffer.length) await sink(this.buffer.subarray(from))
      this.at = this.buffer.length
      if (!(await this.more())) throw new SpliceRefused("the published file has fewer lines than its rows")
      from = 0
    }
    if (this.at > from) await sink(this.buffer.subarray(from, this.at))
  }

  /** The next line, its line break included. */
  async line(): Promise<string> {
    const pieces: Buffer[] = []
    await this.copyLines(1, async (bytes) => {
      pieces.push(Buffer.from(bytes))
    })
    return Buffer.concat(pieces).toString("utf8")
  }

  /** Whether what is left of the file is `expected`, read no further than one byte past it. */
  async restIs(expected: string): Promise<boolean> {
    const want = Buffer.from(expected)
    const pieces = [Buffer.from(this.buffer.subarray(this.at))]
    let length = pieces[0]!.length
    this.at = this.buffer.length
    while (length <= want.length && (await this.more())) {
      pieces.push(Buffer.from(this.buffer))
      length += this.buffer.length
      this.at = this.buffer.length
    }
    return Buffer.concat(pieces).equals(want)
  }
}

export interface SpliceInput {
  readonly published: string
  /** The published file's sha256, as SHA256SUMS gives it. */
  readonly publishedSha256: string
  /**
   * Whether the published file still has the identity it had once published
   * (incremental/file-identity.ts): then it is taken to be what SHA256SUMS says, without hashing it.
   */
  readonly publishedUnchanged?: boolean
  readonly target: string
  readonly layout: TextLayout
  /** The head the release's writer writes now (the CSV header): the published one must be it. */
  readonly head: string
  readonly oldRows: number
  readonly newRows: number
  /** Positions of the published records that are gone, ascending. */
  readonly deleted: ReadonlyArray<number>
  /** New records' positions, ascending, with their texts. */
  readonly inserted: ReadonlyArray<{ readonly at: number; readonly text: string }>
  /** How many bytes of the published file are read at a time (tests make it small). */
  readonly chunk?: number
}

export interface SpliceOutput {
  readonly bytes: number
  /** The texts of the records taken out, for the read-back to account for. */
  readonly deletedTexts: ReadonlyArray<string>
}

export const spliceText = async (input: SpliceInput): Promise<SpliceOutput> => {
  const { layout, deleted, inserted, oldRows, newRows } = input
  const publishedSha256 =
    input.publishedUnchanged === true ? Promise.resolve(input.publishedSha256) : sha256FileInThread(input.published)
  // Awaited at the end; a splice refused before then leaves no rejection unhandled.
  publishedSha256.catch(() => {})
  const source = await open(input.published, "r").catch(() => {
    throw new SpliceRefused("the published file cannot be read")
  })
  const target = await open(input.target, "wx").catch(async (e: Error) => {
    await source.close()
    throw e
  })
  try {
    const reader = new LineReader(source, input.chunk ?? CHUNK)
    let bytes = 0
    const write = async (piece: Buffer) => {
      bytes += piece.length
      for (let done = 0; done < piece.length; )
        done += (await target.write(piece, done, piece.length - done)).bytesWritten
    }
    let head = ""
    for (let i = 0; i < layout.headLines; i++) head += await reader.line()
    if (head !== input.head) throw new SpliceRefused("the published file's head differs from the one written now")
    await write(Buffer.from(head))
    // A record's text, and what follows it: the separator, or the end after the last one.
    const emit = (text: string, last: boolean) => write(Buffer.from(text + (last ? layout.end : layout.sep)))
    /** The text of the published record at `position`, read on its own. */
    const recordAt = async (position: number) => {
      const line = await reader.line()
      const ending = position === oldRows - 1 ? "\n" : layout.sep
      if (!line.endsWith(ending)) throw new SpliceRefused(`record ${position + 1} does not end as expected`)
      return line.slice(0, line.length - ending.length)
    }
    const deletedTexts: string[] = []
    const takeOut = async (position: number) => {
      deletedTexts.push(await recordAt(position))
    }
    let next = 0
    let old = 0
    let gone = 0
    let put = 0
    while (next < newRows) {
      const insert = inserted[put]
      if (insert?.at === next) {
        await emit(insert.text, next === newRows - 1)
        put++
        next++
        continue
      }
      while (deleted[gone] === old) {
        await takeOut(old)
        gone++
        old++
      }
      const run = Math.min((insert?.at ?? newRows) - next, (deleted[gone] ?? oldRows) - old)
      if (run <= 0) throw new SpliceRefused("the changes do not fit the published file")
      // A run is copied as it is, but for its last record where that is the last of either file:
      // the published file's last has no separator after it, the new file's last none either.
      const ownEnding = old + run === oldRows || next + run === newRows ? 1 : 0
      await reader.copyLines(run - ownEnding, write)
      if (ownEnding === 1) await emit(await recordAt(old + run - 1), next + run === newRows)
      old += run
      next += run
    }
    while (old < oldRows) {
      if (deleted[gone] !== old) throw new SpliceRefused("published records are left over")
      await takeOut(old)
      gone++
      old++
    }
    if (put !== inserted.length || gone !== deleted.length) throw new SpliceRefused("not every change was made")
    if (!(await reader.restIs(layout.end.slice(1))))
      throw new SpliceRefused("the published file does not end after its last record")
    if ((await publishedSha256.catch(() => "")) !== input.publishedSha256)
      throw new SpliceRefused("the published file is not what SHA256SUMS says")
    return { bytes, deletedTexts }
  } finally {
    await source.close()
    await target.close()
  }
}
