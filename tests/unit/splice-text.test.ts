/**
 * spliceText, held to a property (fast-check): for any published list of records and any next
 * one (records taken out, put in, changed, at the start, in the middle, at the end), read in
 * chunks of any size, the spliced file is byte for byte the next list written whole, in either
 * layout, and the records taken out are the ones that are gone.
 */
import { createHash } from "node:crypto"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CSV_LAYOUT, JSON_LAYOUT, recordsOf, spliceText, type TextLayout } from "../../pipeline/write/splice-text.ts"

const HEADS: Record<string, string> = { json: "[\n", csv: "id,value\n" }
const LAYOUTS: Record<string, TextLayout> = { json: JSON_LAYOUT, csv: CSV_LAYOUT }

/** A file as the release's writer lays it out. */
const whole = (format: string, records: ReadonlyArray<string>) =>
  HEADS[format]! + records.join(LAYOUTS[format]!.sep) + LAYOUTS[format]!.end

/** Records keyed by a number, sorted as a dataset's files are, with text that needs no line break. */
const recordText = (format: string, key: number, value: string) =>
  format === "json" ? `\t{"id":${key},"value":${JSON.stringify(value)}}` : `${key},"${value.replaceAll('"', '""')}"`

const rows = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.string({ maxLength: 6 })), {
  selector: ([key]) => key,
  minLength: 1,
  maxLength: 40,
})

describe("spliceText", () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "splice-text-"))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it("gives the file written whole, for any records taken out and put in, in chunks of any size", async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        rows,
        rows,
        fc.constantFrom("json", "csv"),
        fc.integer({ min: 1, max: 64 }),
        async (before, after, format, chunk) => {
          const sorted = (r: Array<[number, string]>) => [...r].sort((a, b) => a[0] - b[0])
          const old = sorted(before).map(([k, v]) => recordText(format, k, v))
          const next = sorted(after).map(([k, v]) => recordText(format, k, v))
          const kept = new Set(old.filter((r) => next.includes(r)))
          const published = join(dir, `p${++run}.${format}`)
          const target = join(dir, `n${run}.${format}`)
          const text = whole(format, old)
          await writeFile(published, text)
          // Positions as the comparison gives them.
          const deleted = old.flatMap((r, i) => (kept.has(r) ? [] : [i]))
          const inserted = next.flatMap((r, i) => (kept.has(r) ? [] : [{ at: i, text: r }]))
          const out = await spliceText({
            published,
            publishedSha256: createHash("sha256").update(text).digest("hex"),
            target,
            layout: LAYOUTS[format]!,
            head: HEADS[format]!,
            oldRows: old.length,
            newRows: next.length,
            deleted,
            inserted,
            chunk,
          })
          const written = await readFile(target, "utf8")
          expect(written).toBe(whole(format, next))
          expect(out.bytes).toBe(Buffer.byteLength(written))
          expect(out.deletedTexts).toEqual(deleted.map((i) => old[i]))
        },
      ),
      { numRuns: 200 },
    )
  })

  it("refuses a published file that is not what SHA256SUMS says, or has a record more than it should", async () => {
    const old = [1, 2, 3].map((k) => recordText("json", k, "x"))
    const published = join(dir, "refused.json")
    await writeFile(published, whole("json", old))
    const input = {
      published,
      publishedSha256: createHash("sha256").update(whole("json", old)).digest("hex"),
      layout: JSON_LAYOUT,
      head: "[\n",
      oldRows: 3,
      newRows: 3,
      deleted: [2],
      inserted: [{ at: 2, text: recordText("json", 3, "y") }],
    }
    await expect(spliceText({ ...input, target: join(dir, "ok.json") })).resolves.toMatchObject({
      deletedTexts: [old[2]],
    })
    await expect(
      spliceText({ ...input, target: join(dir, "r1.json"), publishedSha256: "0".repeat(64) }),
    ).rejects.toThrow("the published file is not what SHA256SUMS says")
    // A published file known unchanged since it was published is not hashed: what SHA256SUMS
    // says of it is taken as it is.
    await expect(
      spliceText({ ...input, target: join(dir, "r3.json"), publishedSha256: "0".repeat(64), publishedUnchanged: true }),
    ).resolves.toMatchObject({ deletedTexts: [old[2]] })
    await expect(
      spliceText({ ...input, target: join(dir, "r2.json"), oldRows: 2, newRows: 2, deleted: [], inserted: [] }),
    ).rejects.toThrow("the published file does not end after its last record")
  })

  it("cuts a rendered file into its head and records, and refuses a record over two lines", () => {
    expect(recordsOf('[\n\t{"a":1},\n\t{"a":2}\n]\n', JSON_LAYOUT, 2)).toEqual({
      head: "[\n",
      records: ['\t{"a":1}', '\t{"a":2}'],
    })
    expect(() => recordsOf('a\n"x\ny"\n', CSV_LAYOUT, 1)).toThrow("1 records were rendered, 2 lines found")
    // No records (only records taken out): the head alone, as DuckDB writes an empty file.
    expect(recordsOf("[\n\t\n]\n", JSON_LAYOUT, 0)).toEqual({ head: "[\n", records: [] })
    expect(recordsOf("a,b\n", CSV_LAYOUT, 0)).toEqual({ head: "a,b\n", records: [] })
  })
})
