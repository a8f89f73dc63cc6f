/** Edits of a copied raw/, as a publisher makes them: a file changed, or corrected by a new delivery. */
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { sha256File } from "../../pipeline/shared/files.ts"

/** UTF-8 text as editDelivery matches it: its bytes read as Latin-1. */
export const asLatin1 = (text: string): string => Buffer.from(text, "utf8").toString("latin1")

/**
 * Replaces text in a delivery, byte for byte (latin1 keeps Windows-1252 and UTF-8 bytes as
 * they are). With `redeclare`, the manifest's sha256 is updated, as a publisher would.
 */
export const editDelivery = async (raw: string, file: string, from: string, to: string, redeclare: boolean) => {
  const path = join(raw, file)
  const text = (await readFile(path)).toString("latin1")
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`)
  await writeFile(path, Buffer.from(text.replace(from, to), "latin1"))
  if (!redeclare) return
  const manifest = JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as {
    deliveries: Array<{ file: string; sha256: string }>
  }
  for (const d of manifest.deliveries) if (d.file === file) d.sha256 = await sha256File(path)
  await writeFile(join(raw, "manifest.json"), JSON.stringify(manifest, null, 2))
}

/**
 * Delivers a correction as a publisher should: a new file beside the old one (`<name>-rättad`)
 * with the text replaced, and a manifest entry like the old one's that `replaces` it, received
 * on `received`. The old file and entry stay as they were. Returns the new file's path in raw/.
 */
export const correctDelivery = async (
  raw: string,
  file: string,
  from: string,
  to: string,
  received: string,
): Promise<string> => {
  const text = (await readFile(join(raw, file))).toString("latin1")
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`)
  const corrected = file.replace(/(\.[a-z]+)$/u, "-rättad$1")
  await writeFile(join(raw, corrected), Buffer.from(text.replace(from, to), "latin1"))
  const manifest = JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as {
    deliveries: Array<Record<string, unknown>>
  }
  const old = manifest.deliveries.find((d) => d["file"] === file)
  if (old === undefined) throw new Error(`${file} is not declared`)
  manifest.deliveries.push({
    ...old,
    file: corrected,
    received,
    sha256: await sha256File(join(raw, corrected)),
    replaces: [file],
  })
  await writeFile(join(raw, "manifest.json"), JSON.stringify(manifest, null, 2))
  return corrected
}
