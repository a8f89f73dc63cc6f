/**
 * A workbook opened for one of its sheets: its sheets' names from xl/workbook.xml and its
 * relationships, and the parts the sheet reader needs (the sheet, the shared strings, the
 * styles), each unzipped within the limits (xlsx-zip.ts), the sheet's extent and merged ranges
 * checked (sheet-extent.ts). The reader is given a workbook of those parts alone, so nothing
 * else in the archive is ever unzipped. Pure: bytes in, the parts or a problem out.
 */
import { strFromU8, zipSync } from "fflate"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { type MergedRange, scanSheet } from "./sheet-extent.ts"
import { notReadable, WorkbookZip } from "./xlsx-zip.ts"

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }
const unescapeXml = (s: string): string =>
  s.replace(/&(?:#(x?)([0-9a-f]+)|([a-z]+));/giu, (whole, hex: string, code?: string, name?: string) =>
    code === undefined
      ? (XML_ENTITIES[name!] ?? whole)
      : // A number past Unicode's last code point is no character: left as written.
        ((n) => (n <= 0x10ffff ? String.fromCodePoint(n) : whole))(Number.parseInt(code, hex ? 16 : 10)),
  )

/** The attributes of every element named `name` (any namespace prefix) in the XML. */
const elements = (xml: string, name: string): Array<Map<string, string>> =>
  [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*)>`, "gu"))].map(
    (m) =>
      new Map(
        [...m[1]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu)].map((a) => [
          a[1]!,
          unescapeXml(a[2] ?? a[3] ?? ""),
        ]),
      ),
  )

/** The workbook's relationships: each one's id, type and the zip path of its part. */
const relationships = (rels: string) =>
  elements(rels, "Relationship").map((a) => {
    const target = a.get("Target") ?? ""
    return {
      id: a.get("Id"),
      type: a.get("Type") ?? "",
      path: target.startsWith("/") ? target.slice(1) : `xl/${target}`,
    }
  })

type Relationship = ReturnType<typeof relationships>[number]

/** The workbook's sheets in order, each with the zip path of its XML part. */
const sheetParts = (workbook: string, rels: ReadonlyArray<Relationship>) => {
  const targets = new Map(rels.map((r) => [r.id, r.path]))
  return elements(workbook, "sheet").map((a) => {
    const id = [...a].find(([k]) => k.endsWith(":id"))?.[1]
    return { name: a.get("name") ?? "", path: targets.get(id) }
  })
}

/** The parts the sheet reader reads besides the sheet: the shared strings and the styles, where the workbook says or where they usually are. */
const sharedParts = (rels: ReadonlyArray<Relationship>): string[] =>
  ["sharedStrings", "styles"].map((kind) => rels.find((r) => r.type.endsWith(`/${kind}`))?.path ?? `xl/${kind}.xml`)

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

export type OpenedSheet =
  | {
      readonly ok: true
      /** Every sheet of the workbook, in order. */
      readonly sheets: ReadonlyArray<string>
      /** The sheet's name as in the workbook. */
      readonly sheet: string
      /** A workbook of the checked parts alone, stored as they are, for the sheet reader. */
      readonly workbook: Buffer
      readonly merged: ReadonlyArray<MergedRange>
    }
  | { readonly ok: false; readonly problem: Problem }

/** The sheet named `name` (the first without it), ready to read, or the problem why not. */
export const openSheet = (bytes: Buffer, file: string, name: string | undefined): OpenedSheet => {
  const refuse = (p: Problem): OpenedSheet => ({ ok: false, problem: p })
  if (OLE_MAGIC.every((b, i) => bytes[i] === b))
    return refuse(
      notReadable(
        file,
        "it is an old Excel workbook (.xls) or one with a password; save it as .xlsx without a password",
      ),
    )
  const zip = WorkbookZip.open(bytes, file)
  if (!(zip instanceof WorkbookZip)) return refuse(zip)
  const needed: Record<string, Uint8Array> = {}
  /** Unzips a part the reader needs; a problem if it is over a limit or damaged. */
  const take = (part: string): Problem | undefined => {
    const unzipped = zip.part(part)
    if (unzipped instanceof Uint8Array) needed[part] = unzipped
    return unzipped instanceof Uint8Array ? undefined : unzipped
  }
  const unreadable = take("xl/workbook.xml") ?? take("xl/_rels/workbook.xml.rels")
  if (unreadable !== undefined) return refuse(unreadable)
  const workbook = needed["xl/workbook.xml"]
  if (workbook === undefined) return refuse(notReadable(file, "the zip archive has no xl/workbook.xml"))
  const rels = relationships(strFromU8(needed["xl/_rels/workbook.xml.rels"] ?? new Uint8Array()))
  const sheets = sheetParts(strFromU8(workbook), rels)
  if (sheets.length === 0) return refuse(notReadable(file, "the workbook has no sheets"))
  const chosen = name === undefined ? sheets[0] : sheets.find((s) => s.name === name)
  if (chosen === undefined)
    return refuse(
      problem({
        code: "file/sheet",
        file,
        value: name,
        message: `the workbook has no sheet ${JSON.stringify(name)}; its sheets are ${sheets.map((s) => JSON.stringify(s.name)).join(", ")}`,
      }),
    )
  for (const part of [...sharedParts(rels), ...(chosen.path === undefined ? [] : [chosen.path])]) {
    const p = take(part)
    if (p !== undefined) return refuse(p)
  }
  const sheetXml = chosen.path === undefined ? undefined : needed[chosen.path]
  const scan = sheetXml === undefined ? { ok: true as const, merged: [] } : scanSheet(sheetXml, file, chosen.name)
  if (!scan.ok) return refuse(scan.problem)
  const stored = zipSync(Object.fromEntries(Object.entries(needed).map(([part, data]) => [part, [data, { level: 0 }]])))
  return {
    ok: true,
    sheets: sheets.map((s) => s.name),
    sheet: chosen.name,
    workbook: Buffer.from(stored.buffer, stored.byteOffset, stored.length),
    merged: scan.merged,
  }
}
