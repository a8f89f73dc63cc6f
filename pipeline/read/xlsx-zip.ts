/**
 * A workbook's zip archive, opened by its central directory with limits on what it may hold:
 * its number of entries, each part's unzipped size as its entry declares it, and as it inflates
 * (the inflater stops at the limit, so a part that lies about its size costs no more than an
 * honest one), and all parts together. Past a limit, or where the archive is damaged, a
 * located problem instead of a part. Pure: bytes in, parts or problems out.
 */
import { inflateRawSync } from "node:zlib"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { MAX_PART_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from "../shared/limits.ts"
import { megabytes } from "./whole-file.ts"
import { dataStart, directoryEntries, END_SEARCH, endRecord, type ZipEntry as Entry } from "./zip-directory.ts"

const STORED = 0
const DEFLATED = 8
/** A 16- or 32-bit field set to its largest value: the real one is in a zip64 record. */
const ZIP64 = [0xffff, 0xffffffff]

/** The fix for a workbook too large to read. */
export const SAVE_AS_CSV = "save the sheet as CSV (UTF-8), which is read record by record whatever its size"

/** The opened archive: `part` inflates one entry at a time, counting what all have taken. */
export class WorkbookZip {
  private unzipped = 0

  private constructor(
    private readonly bytes: Buffer,
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly file: string,
  ) {}

  /** The archive, once its directory is read and within the limits; else the problem. */
  static open(bytes: Buffer, file: string): WorkbookZip | Problem {
    const refuse = (reason: string) => notReadable(file, reason)
    // The end record (22 bytes and a comment of up to 65,535) closes the archive.
    const end = endRecord(bytes.subarray(Math.max(0, bytes.length - END_SEARCH)))
    if (end === undefined) return refuse("it is not a zip archive, as an .xlsx file is (is it a CSV file renamed?)")
    const { count, directoryOffset } = end
    if (count === ZIP64[0] || directoryOffset === ZIP64[1])
      return refuse("it is a zip64 archive, which no workbook of a size read here needs")
    if (count > MAX_ZIP_ENTRIES)
      return problem({
        code: "xlsx/too-many-parts",
        file,
        value: String(count),
        message: `the workbook's zip archive has ${count} entries, more than the ${MAX_ZIP_ENTRIES} a workbook may have (Excel writes a few per sheet); ${SAVE_AS_CSV}`,
      })
    const listed = directoryEntries(bytes, directoryOffset, count)
    if (listed === undefined) return refuse("its zip directory is damaged")
    const entries = new Map<string, Entry>()
    let declared = 0
    for (const entry of listed) {
      if ((entry.flags & 1) === 1)
        return refuse("it is encrypted (saved with a password); save it as .xlsx without a password")
      if (entry.size > MAX_PART_BYTES) return partTooLarge(file, entry.name, `declares ${megabytes(entry.size)}`)
      declared += entry.size
      if (declared > MAX_UNZIPPED_BYTES) return tooLarge(file, `declare ${megabytes(declared)} or more`)
      entries.set(entry.name, entry)
    }
    return new WorkbookZip(bytes, entries, file)
  }

  /**
   * The part's unzipped bytes (undefined when the archive has none of that name), or the
   * problem: over a limit as it inflates, or damaged.
   */
  part(name: string): Uint8Array | Problem | undefined {
    const entry = this.entries.get(name)
    if (entry === undefined) return undefined
    const { bytes, file } = this
    const start = dataStart(bytes, entry.headerOffset, entry.headerOffset)
    if (start === undefined) return notReadable(file, `its zip entry ${name} is damaged`)
    if (start + entry.compressedSize > bytes.length)
      return notReadable(file, `its zip entry ${name} is cut short: the file is incomplete`)
    const data = bytes.subarray(start, start + entry.compressedSize)
    const left = MAX_UNZIPPED_BYTES - this.unzipped
    const limit = Math.min(MAX_PART_BYTES, left)
    let out: Uint8Array
    if (entry.method === STORED) out = data
    else if (entry.method === DEFLATED) {
      try {
        out = inflateRawSync(data, { maxOutputLength: limit })
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE")
          return notReadable(file, `its zip entry ${name} does not unzip: the file is damaged`)
        return limit === MAX_PART_BYTES
          ? partTooLarge(file, name, `unzips to more (its entry declares ${megabytes(entry.size)})`)
          : tooLarge(file, "unzip to more")
      }
    } else return notReadable(file, `its zip entry ${name} is compressed in a way Excel does not use`)
    if (out.length !== entry.size)
      return notReadable(
        file,
        `its zip entry ${name} unzips to ${out.length} bytes, not the ${entry.size} its entry declares: the file is damaged`,
      )
    this.unzipped += out.length
    return out
  }
}

/** The `file/xlsx` problem: the file is not a workbook that can be read, and why. */
export const notReadable = (file: string, reason: string): Problem =>
  problem({ code: "file/xlsx", file, message: `the file is not a readable Excel workbook (.xlsx): ${reason}` })

const partTooLarge = (file: string, name: string, size: string): Problem =>
  problem({
    code: "xlsx/part-too-large",
    file,
    value: name,
    message: `the workbook's part ${name} ${size}, more than the ${megabytes(MAX_PART_BYTES)} a part may unzip to (it is read into memory); ${SAVE_AS_CSV}`,
  })

const tooLarge = (file: string, size: string): Problem =>
  problem({
    code: "xlsx/too-large",
    file,
    message: `the workbook's parts ${size}, more than the ${megabytes(MAX_UNZIPPED_BYTES)} all parts of a workbook may unzip to together; remove what it holds besides the data (pictures, other sheets), or ${SAVE_AS_CSV}`,
  })
