/**
 * Writes zip archives and the smallest workbooks Excel's format allows, part by part from
 * chunks, deflated as a stream: a part of hundreds of megabytes costs its compressed size. An
 * entry may declare another size than it holds, as a hostile file would. For the benchmark's
 * hostile shapes and the tests that build them; the release's own workbooks are written by
 * pipeline/write/.
 */
import { once } from "node:events"
import { writeFile } from "node:fs/promises"
import { crc32, createDeflateRaw } from "node:zlib"

export interface ZipPart {
  readonly name: string
  /** The part's bytes, chunk by chunk. */
  readonly chunks: Iterable<Uint8Array>
  /** The unzipped size its entry declares, when it is not the true one. */
  readonly declaredSize?: number
}

/** `count` times the same chunk: a large part of little content. */
export function* repeated(chunk: Uint8Array, count: number): Generator<Uint8Array> {
  for (let k = 0; k < count; k++) yield chunk
}

function* chained(...parts: ReadonlyArray<Iterable<Uint8Array>>): Generator<Uint8Array> {
  for (const part of parts) yield* part
}

const deflated = async (chunks: Iterable<Uint8Array>) => {
  const deflate = createDeflateRaw({ level: 1 })
  const out: Buffer[] = []
  deflate.on("data", (c: Buffer) => out.push(c))
  let crc = 0
  let size = 0
  for (const chunk of chunks) {
    crc = crc32(chunk, crc)
    size += chunk.length
    if (!deflate.write(chunk)) await once(deflate, "drain")
  }
  deflate.end()
  await once(deflate, "end")
  return { data: Buffer.concat(out), crc, size }
}

/** Writes the parts, deflated, as a zip archive at `path`. */
export const writeZip = async (path: string, parts: ReadonlyArray<ZipPart>): Promise<void> => {
  const local: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8")
    const { data, crc, size } = await deflated(part.chunks)
    const declared = part.declaredSize ?? size
    // The fields local and central headers share: version, flags, method, time, date, crc, sizes, name.
    const common = Buffer.alloc(26)
    common.writeUInt16LE(20, 0)
    common.writeUInt16LE(8, 4)
    common.writeUInt32LE(crc >>> 0, 10)
    common.writeUInt32LE(data.length, 14)
    common.writeUInt32LE(declared, 18)
    common.writeUInt16LE(name.length, 22)
    const header = Buffer.alloc(4)
    header.writeUInt32LE(0x04034b50)
    local.push(header, common, name, data)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    common.copy(entry, 6)
    entry.writeUInt32LE(offset, 42)
    central.push(entry, name)
    offset += 30 + name.length + data.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  await writeFile(path, Buffer.concat([...local, directory, end]))
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
const text = (s: string): Iterable<Uint8Array> => [Buffer.from(s, "utf8")]

/**
 * A workbook of one sheet, `Blad1`, whose `<sheetData>` holds `rows` (XML, chunk by chunk),
 * after `before` (e.g. a `<dimension/>`), with `more` parts beside it.
 */
export const writeWorkbookXml = (
  path: string,
  rows: Iterable<Uint8Array>,
  options: {
    readonly before?: string
    readonly sheetDeclaredSize?: number
    readonly more?: ReadonlyArray<ZipPart>
  } = {},
): Promise<void> =>
  writeZip(path, [
    {
      name: "[Content_Types].xml",
      chunks: text(
        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      chunks: text(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      chunks: text(
        `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      chunks: text(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/worksheets/sheet1.xml",
      chunks: chained(
        text(`<?xml version="1.0"?><worksheet xmlns="${MAIN}">${options.before ?? ""}<sheetData>`),
        rows,
        text("</sheetData></worksheet>"),
      ),
      ...(options.sheetDeclaredSize === undefined ? {} : { declaredSize: options.sheetDeclaredSize }),
    },
    ...(options.more ?? []),
  ])

/** Row `row` of inline strings and numbers from column A on, as `<row>` XML. */
export const rowXml = (row: number, cells: ReadonlyArray<string | number>): string =>
  `<row r="${row}">${cells
    .map((c, i) => {
      const r = `${String.fromCharCode(65 + i)}${row}`
      return typeof c === "number"
        ? `<c r="${r}"><v>${c}</v></c>`
        : `<c r="${r}" t="inlineStr"><is><t>${c}</t></is></c>`
    })
    .join("")}</row>`
