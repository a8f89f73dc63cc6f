/** A workbook told by its first bytes, whatever its name: a zip archive (.xlsx) or an OLE compound file (.xls). */
import { open } from "node:fs/promises"

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

export const workbookMagic = (bytes: Uint8Array): "xlsx" | "xls" | undefined =>
  ZIP.every((b, i) => bytes[i] === b) ? "xlsx" : OLE.every((b, i) => bytes[i] === b) ? "xls" : undefined

/** The workbook kind of the file at `path`, read from its first bytes. */
export const workbookMagicOf = async (path: string): Promise<"xlsx" | "xls" | undefined> => {
  const file = await open(path, "r")
  try {
    const { buffer, bytesRead } = await file.read(new Uint8Array(OLE.length), 0, OLE.length, 0)
    return workbookMagic(buffer.subarray(0, bytesRead))
  } finally {
    await file.close()
  }
}
