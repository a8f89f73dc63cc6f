/**
 * Each dataset knows itself: no module of pipeline/ outside sources/ (the adapters of real
 * sources) and bench/ names a dataset or one of its fields. What a module needs to know of a
 * particular dataset it reads from the dataset's definition, found by the role a property of the
 * definition declares. The words are every dataset's name and every field's, from DATASETS; a
 * module names one when it stands in a string or template literal, after `.` or `?.`, or as the
 * key of an object or type literal (tests/support/named-words.ts).
 *
 * Exempt are the words that are the project's own vocabulary besides: the keys of the manifest
 * and of its entries (from its JSON Schema, made from contract/manifest-schema.ts) and of the
 * other record raw/ keeps of a delivery, a snapshot's sidecar; of a Problem; and of a
 * DatasetDefinition and its parts, a field read as a Column among them (from those interfaces'
 * source text). An attribute of HTML markup (`role="img"`) is HTML's word, not a field's.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"
import { manifestJsonSchema } from "../pipeline/contract/manifest-json-schema.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { namedWords } from "./support/named-words.ts"

/** Where the words may stand: the adapters of real sources, and the benchmark's synthetic data. */
const MAY_NAME = ["pipeline/sources/", "pipeline/bench/"]

const DATASET_NAMES = new Set(DATASETS.map((d) => d.name))
const DATASET_WORDS = new Set(DATASETS.flatMap((d) => [d.name, ...Object.keys(d.schema.fields)]))

/** Every property name anywhere in a JSON Schema. */
const schemaKeys = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(schemaKeys)
  if (typeof node !== "object" || node === null) return []
  const properties = (node as Record<string, unknown>)["properties"]
  const own = typeof properties === "object" && properties !== null ? Object.keys(properties) : []
  return [...own, ...Object.values(node).flatMap(schemaKeys)]
}

/** Each `interface Name { … }` of a module's text, by name, with its body. */
const interfacesOf = (text: string): Map<string, string> => {
  const found = new Map<string, string>()
  for (const m of text.matchAll(/^(?:export )?interface (\w+)[^{]*\{/gmu)) {
    let depth = 0
    let end = m.index + m[0].length - 1
    do {
      if (text[end] === "{") depth++
      else if (text[end] === "}") depth--
      end++
    } while (depth > 0 && end < text.length)
    found.set(m[1]!, text.slice(m.index + m[0].length - 1, end))
  }
  return found
}

/**
 * The keys an interface declares, with those of the interfaces of the same module it refers to
 * (its parts), through type aliases of the module too (`type RowRule = OrderRule | LabelRule`).
 */
const declaredKeys = (file: string, name: string): Set<string> => {
  const text = readFileSync(file, "utf8")
  const bodies = interfacesOf(text)
  for (const m of text.matchAll(/^(?:export )?type (\w+)(?:<[^=]*>)? =([^\n]*(?:\n +\|[^\n]*)*)/gmu))
    bodies.set(m[1]!, m[2]!)
  const keys = new Set<string>()
  const seen = new Set<string>()
  const visit = (n: string) => {
    if (seen.has(n) || !bodies.has(n)) return
    seen.add(n)
    const body = bodies.get(n)!
    // Every identifier before a colon is a candidate; the scanner keeps those in a key's place.
    const candidates = new Set(body.match(/[\p{L}_$][\p{L}\p{N}_$]*/gu) ?? [])
    for (const k of namedWords(body, candidates)) if (k.as === "key") keys.add(k.word)
    for (const other of candidates) visit(other)
  }
  visit(name)
  return keys
}

const MANIFEST_KEYS = new Set([
  ...schemaKeys(manifestJsonSchema([], [])),
  // The other record raw/ keeps of a delivery: the sidecar beside a snapshot.
  ...declaredKeys("pipeline/contract/snapshot-sidecar.ts", "Sidecar"),
])
const PROBLEM_KEYS = declaredKeys("pipeline/problems/problem.ts", "Problem")
const DEFINITION_KEYS = new Set([
  ...declaredKeys("schemas/dataset.ts", "DatasetDefinition"),
  // A field of a definition, read off its schema as plain data.
  ...declaredKeys("schemas/derive/columns.ts", "Column"),
])
const EXEMPT = new Set([...MANIFEST_KEYS, ...PROBLEM_KEYS, ...DEFINITION_KEYS])
const WORDS = new Set([...DATASET_WORDS].filter((w) => !EXEMPT.has(w)))

const modules = readdirSync("pipeline", { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith(".ts"))
  .map((e) => relative(".", join(e.parentPath, e.name)))
  .filter((m) => !MAY_NAME.some((p) => m.startsWith(p)))
  .sort()

/**
 * Each place a module's text names a word, as `file:line: word (how)`. In a literal that reads as
 * a sentence ("the exit status is 1"), a plain word that is not a dataset's name is English and
 * is not counted; a dataset's name, or a word with an underscore, is a name wherever it stands.
 */
const hits = (file: string, text: string, words: ReadonlySet<string>) =>
  namedWords(text, words)
    .filter((h) => h.as !== "literal" || !h.prose || h.word.includes("_") || DATASET_NAMES.has(h.word))
    .map((h) => `${file}:${h.line}: ${h.word} (${h.as})`)

describe("the words of the datasets", () => {
  it("are every dataset's name and field, the provenance datasets' included", () => {
    expect(DATASET_WORDS).toContain("indicator_values_provenance")
    expect(DATASET_WORDS).toContain("municipality_code")
    expect(DATASET_WORDS).toContain("deliveries")
  })

  it("exempt only the keys the manifest, a Problem and a definition declare", () => {
    // Read from their sources: each exempt key is declared where the vocabulary is.
    expect(MANIFEST_KEYS).toContain("deliveries")
    expect(MANIFEST_KEYS).toContain("publisher")
    expect(PROBLEM_KEYS).toEqual(
      new Set(["code", "severity", "file", "sheet", "line", "column", "columnName", "value", "message"]),
    )
    expect(DEFINITION_KEYS).toContain("primaryKey")
    expect(DEFINITION_KEYS).toContain("labelledBy")
    // A dataset's own vocabulary stays a word to look for.
    for (const w of ["project_id", "municipality_code", "status", "role", "indicator_values", "superseded_by"])
      expect(WORDS, w).toContain(w)
  })

  it("are found where a module names them, and nowhere else", () => {
    // A module that names dataset words in every way the rule knows, and in ways it does not count.
    const planted = readFileSync("tests/fixtures/planted-words.ts.txt", "utf8")
    expect(hits("planted.ts", planted, WORDS)).toEqual([
      "planted.ts:3: project_id (literal)",
      "planted.ts:4: project_id (property)",
      "planted.ts:4: municipality_code (property)",
      "planted.ts:5: status (literal)",
      "planted.ts:6: project_id (key)",
      "planted.ts:8: role (key)",
      // In a sentence, a plain word is English; a dataset's name, or a word with `_`, is a name.
      "planted.ts:12: projects (literal)",
      // An HTML attribute's name is the markup's; the same word in the element's text is counted.
      "planted.ts:14: role (literal)",
      "planted.ts:14: status (literal)",
    ])
  })

  it("are named by no module of pipeline/ outside sources/ and bench/", () => {
    expect(modules.length).toBeGreaterThan(60)
    expect(modules.flatMap((m) => hits(m, readFileSync(m, "utf8"), WORDS))).toEqual([])
  })
})
