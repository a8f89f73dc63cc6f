/**
 * Golden bad-input cases: every folder tests/cases/bad-<name>/ holds a small raw folder with
 * one kind of fault and expected-errors.json, the exact problems (code, file, line, column) the
 * pipeline must report for it, in the pipeline's order (and, where a case gives them, the words
 * of the fix its message names and the value as the publisher typed it). A build of such a
 * folder must fail, report exactly those problems and leave the previous release byte for byte
 * as it was; validate must report the same problems.
 */
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, relative, sep } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { build, located, tempDir } from "./support/run-build.ts"

const CASES_DIR = join(import.meta.dirname, "cases")

interface Located {
  readonly code: string
  readonly file: string
  readonly line: number | null
  readonly column: number | null
}

/** A golden problem: where it is, what its message must say (the fix it names), and the value as shown. */
interface Expected extends Located {
  readonly says?: ReadonlyArray<string>
  readonly value?: string
}

const caseNames = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name.startsWith("bad-"))
  .map((e) => e.name)
  .sort()

const rawOf = (name: string) => join(CASES_DIR, name, "raw")

const goldenOf = (name: string): Expected[] =>
  JSON.parse(readFileSync(join(CASES_DIR, name, "expected-errors.json"), "utf8")) as Expected[]

const expectedOf = (name: string): Located[] => goldenOf(name).map(({ says: _, value: __, ...where }) => where)

/** A previous release: a few sentinel files, one in a sub-folder. */
const SENTINELS: Record<string, string> = {
  "counties.csv": "county_code,county_name,nuts3_code\n24,Västerbottens län,SE331\n",
  "validation-report.json": '{\n  "valid": true,\n  "previous": "release"\n}\n',
  "docs/README.md": "# The previous release\n",
}

/** Every entry under a folder: directories as "dir/", files with the sha256 of their bytes. */
const snapshot = async (dir: string): Promise<Record<string, string>> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const result: Record<string, string> = {}
  for (const e of entries) {
    const path = relative(dir, join(e.parentPath, e.name)).split(sep).join("/")
    if (e.isDirectory()) result[`${path}/`] = "dir"
    else
      result[path] = createHash("sha256")
        .update(await readFile(join(dir, path)))
        .digest("hex")
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b, "en")))
}

/** A parent folder holding only `dist/`, the previous release. */
const previousRelease = async (): Promise<{ parent: string; outDir: string }> => {
  const parent = await tempDir("error-case")
  const outDir = join(parent, "dist")
  for (const [file, text] of Object.entries(SENTINELS)) {
    await mkdir(join(outDir, file, ".."), { recursive: true })
    await writeFile(join(outDir, file), text)
  }
  return { parent, outDir }
}

const made: string[] = []
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true })
})

/** What a build of each case reported, for the validate test to compare with. */
const built = new Map<string, Located[]>()

const expectOnlyRelease = async (parent: string) => {
  const beside = await readdir(parent)
  expect(beside.filter((n) => /^\.dist\.(staging|work)-/.test(n))).toEqual([])
  expect(beside).toEqual(["dist"])
}

it("has the golden bad-input cases", () => {
  expect(caseNames.length).toBeGreaterThanOrEqual(17)
  for (const name of caseNames) expect(expectedOf(name).length).toBeGreaterThan(0)
})

describe.each(caseNames)("%s", (name) => {
  const raw = rawOf(name)

  it("build fails with exactly the expected problems and leaves the previous release untouched", async () => {
    const { parent, outDir } = await previousRelease()
    made.push(parent)
    const before = await snapshot(outDir)
    expect(Object.keys(before)).toEqual(expect.arrayContaining(Object.keys(SENTINELS)))

    const result = await build(raw, outDir)
    const problems = located(result, raw)
    built.set(name, problems)

    expect(result.ok).toBe(false)
    expect(problems).toEqual(expectedOf(name))
    goldenOf(name).forEach((golden, i) => {
      for (const words of golden.says ?? []) expect(result.problems[i]!.message).toContain(words)
      if (golden.value !== undefined) expect(result.problems[i]!.value).toBe(golden.value)
    })
    expect(await snapshot(outDir)).toEqual(before)
    await expectOnlyRelease(parent)
  })

  it("the tokenizer reports the same problems as DuckDB's bulk reading", async () => {
    const { parent, outDir } = await previousRelease()
    made.push(parent)
    const result = await build(raw, outDir, "validate", true)
    expect(located(result, raw)).toEqual(expectedOf(name))
  })

  it("validate reports the same problems and writes nothing", async () => {
    const { parent, outDir } = await previousRelease()
    made.push(parent)
    const before = await snapshot(outDir)

    const result = await build(raw, outDir, "validate")
    const problems = located(result, raw)

    expect(result.ok).toBe(false)
    let fromBuild = built.get(name)
    if (fromBuild === undefined) {
      const other = await previousRelease()
      made.push(other.parent)
      fromBuild = located(await build(raw, other.outDir), raw)
    }
    expect(problems).toEqual(fromBuild)
    expect(problems).toEqual(expectedOf(name))
    expect(await snapshot(outDir)).toEqual(before)
    await expectOnlyRelease(parent)
  })
})
