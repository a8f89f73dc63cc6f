/**
 * The house: the stages of the pipeline import one way. Every module under pipeline/, schemas/
 * and bin/ belongs to a layer, and imports only from its own layer or earlier ones; so the
 * folders have no cycle between them. Also: no folder named build/ (it reads as generated
 * output), and no module over 300 lines, tests' included. The order is docs/architecture.md's.
 */
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, normalize, relative } from "node:path"
import { describe, expect, it } from "vitest"
import { LAYERS } from "./support/layers.ts"

const ROOTS = ["pipeline", "schemas", "bin"]
const modules = ROOTS.flatMap((root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/u.test(e.name))
    .map((e) => relative(".", join(e.parentPath, e.name))),
)

/** The layer a module belongs to: the first whose prefix it starts with. */
const layerOf = (file: string): number => LAYERS.findIndex((l) => l.paths.some((p) => file === p || file.startsWith(p)))

/** Every module a file imports (static, re-exported or dynamic), as a path from the project's root. */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/gu)].map((m) =>
    normalize(join(dirname(file), m[1]!)),
  )

describe("the architecture", () => {
  it("puts every module in a layer", () => {
    expect(modules.length).toBeGreaterThan(80)
    expect(modules.filter((m) => layerOf(m) < 0)).toEqual([])
  })

  it("imports only from a module's own layer or an earlier one", () => {
    const backwards = modules.flatMap((m) =>
      importsOf(m)
        .filter((i) => layerOf(i) > layerOf(m))
        .map((i) => `${m} (${LAYERS[layerOf(m)]!.name}) imports ${i} (${LAYERS[layerOf(i)]!.name})`),
    )
    expect(backwards).toEqual([])
  })

  it("has no cycle between the folders of pipeline/", () => {
    const folderOf = (f: string) => f.split("/").slice(0, 2).join("/")
    const edges = new Map<string, Set<string>>()
    for (const m of modules.filter((x) => x.startsWith("pipeline/"))) {
      for (const i of importsOf(m).filter((x) => x.startsWith("pipeline/") && folderOf(x) !== folderOf(m))) {
        edges.set(folderOf(m), (edges.get(folderOf(m)) ?? new Set()).add(folderOf(i)))
      }
    }
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      [...(edges.get(from) ?? [])].some((n) => n === to || (!seen.has(n) && reaches(n, to, seen.add(n))))
    expect([...edges.keys()].filter((f) => reaches(f, f))).toEqual([])
  })

  it("has no folder named build/, and no module over 300 lines", () => {
    expect(
      readdirSync("pipeline", { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name),
    ).not.toContain("build")
    // The tests are modules too (their golden cases are data).
    const tests = readdirSync("tests", { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|mjs)$/u.test(e.name))
      .map((e) => relative(".", join(e.parentPath, e.name)))
      .filter((m) => !m.startsWith("tests/cases/"))
    const long = [...modules, ...tests]
      .filter((m) => !m.startsWith("schemas/derived/"))
      .map((m) => [m, readFileSync(m, "utf8").split("\n").length] as const)
      .filter(([, n]) => n > 300)
    expect(long).toEqual([])
  })

  it("names each layer once, in the order the documentation gives", () => {
    const doc = readFileSync("docs/architecture.md", "utf8")
    const positions = LAYERS.map((l) => doc.indexOf(`| ${l.name} |`))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })
})
