/**
 * `pipeline snapshot SOURCE --from FILE` given an Excel workbook written by openpyxl: refused
 * before anything is written, saying what to file instead and which command files a workbook,
 * not that its bytes are not UTF-8.
 */
import { cp, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"
import { hasOpenpyxl, writeWorkbook } from "./support/xlsx.ts"

describe.skipIf(!hasOpenpyxl())("pipeline snapshot given a workbook (needs openpyxl)", () => {
  let work: string
  let raw: string
  beforeAll(async () => {
    work = await tempDir("snapshot-workbook")
    raw = join(work, "raw")
    await cp(join("tests", "cases", "good-small", "raw"), raw, { recursive: true })
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("refuses it, saying what to file and which command files a workbook, and writes nothing", async () => {
    const before = await treeHashes(raw)
    const workbook = join(work, "projektbanken.xlsx")
    writeWorkbook(workbook, { sheets: [{ name: "Blad1", cells: { A1: "arende_id", A2: "1" } }] })
    const { status, stderr } = await pipeline(["snapshot", "projektbanken", "--from", workbook, "--raw", raw])
    expect(status).toBe(1)
    expect(stderr).toContain(`${workbook}: file/xlsx: the file is an Excel workbook (.xlsx)`)
    expect(stderr).toContain("file it with pipeline snapshot projektbanken --from FILE")
    expect(stderr).toContain("filed with pipeline add FILE --dataset NAME")
    expect(stderr).not.toContain("file/encoding")
    expect(await treeHashes(raw)).toEqual(before)
  })
})
