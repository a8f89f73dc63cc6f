/**
 * Golden releases: each `tests/cases/good-*\/raw` must build into exactly
 * `tests/cases/good-*\/expected`. Text files are compared byte for byte, Parquet by reading it
 * back (its bytes depend on the DuckDB version). On a mismatch the actual release is left in
 * `tests/cases/<case>-changed/` to inspect; with UPDATE_GOLDEN=1 (never under CI) it replaces
 * the expected folder.
 */
import { existsSync } from "node:fs"
import { cp, readFile, readdir, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listFiles } from "../pipeline/shared/files.ts"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { sqlString } from "../schemas/derive/duckdb.ts"
import { build, tempDir } from "./support/run-build.ts"
import { treeHashes } from "./support/tree.ts"

const CASES = join("tests", "cases")
const names = (await readdir(CASES)).filter((n) => n.startsWith("good-") && !n.endsWith("-changed")).sort()

/** SHA256SUMS without the Parquet lines, whose hashes follow the DuckDB version. */
const sumsWithoutParquet = (text: string) =>
  text
    .split("\n")
    .filter((l) => !l.endsWith(".parquet"))
    .join("\n")

describe.each(names)("golden release %s", (name) => {
  let work: string
  let actual: string
  let db: Database
  const expected = join(CASES, name, "expected")

  beforeAll(async () => {
    work = await tempDir(name)
    actual = join(work, "dist")
    const result = await build(join(CASES, name, "raw"), actual)
    expect(result.problems).toEqual([])
    db = await openDatabase(work)
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  it("is the same when every CSV is read by the tokenizer instead of DuckDB", async () => {
    const other = join(work, "tokenizer")
    const result = await build(join(CASES, name, "raw"), other, "build", true)
    expect(result.problems).toEqual([])
    expect(await treeHashes(other)).toEqual(await treeHashes(actual))
  })

  it("holds the expected files, with the expected contents", async () => {
    const changed = join(CASES, `${name}-changed`)
    const update = process.env["UPDATE_GOLDEN"] === "1" && !process.env["CI"]
    const mismatches: string[] = []
    const actualFiles = await listFiles(actual)
    const expectedFiles = existsSync(expected) ? await listFiles(expected) : []
    if (actualFiles.join("\n") !== expectedFiles.join("\n")) mismatches.push("the list of files")
    for (const f of actualFiles.filter((x) => expectedFiles.includes(x))) {
      const [a, e] = [join(actual, f), join(expected, f)]
      if (f.endsWith(".parquet")) {
        const read = (p: string) => db.rows(`SELECT * FROM read_parquet(${sqlString(p)})`)
        if (JSON.stringify(await read(a)) !== JSON.stringify(await read(e))) mismatches.push(f)
      } else {
        const [ta, te] = [await readFile(a, "utf8"), await readFile(e, "utf8")]
        if (f === "SHA256SUMS" ? sumsWithoutParquet(ta) !== sumsWithoutParquet(te) : ta !== te) mismatches.push(f)
      }
    }
    await rm(changed, { recursive: true, force: true })
    if (mismatches.length > 0) {
      if (update) {
        await rm(expected, { recursive: true, force: true })
        await cp(actual, expected, { recursive: true })
      } else await cp(actual, changed, { recursive: true })
    }
    expect(mismatches, `differs from ${expected}; see ${changed}`).toEqual([])
  })
})
