/**
 * The site's dataset pages and the codebooks name each field's type in the same words, on the
 * committed release: read from each page's field table and each codebook's, not from the code
 * that writes them.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { DATASETS } from "../schemas/datasets/index.ts"
import { columnsOf } from "../schemas/derive/columns.ts"

/** The part of a text from `start` to the next `end`. */
const section = (text: string, start: string, end: string) => {
  const from = text.indexOf(start)
  expect(from).toBeGreaterThan(-1)
  const to = text.indexOf(end, from + start.length)
  return text.slice(from, to === -1 ? undefined : to)
}

/** Each field's type as the page's field table gives it: the first cell after the field's name. */
const pageTypes = (html: string) =>
  new Map(
    [
      ...section(html, '<h2 id="fields">', "<h2").matchAll(
        /<tr><th scope="row"><code>([^<]+)<\/code><\/th><td>([^<:]+)/gu,
      ),
    ].map((m) => [m[1]!, m[2]!]),
  )

/** Each field's type as the codebook's field table gives it. */
const codebookTypes = (md: string) =>
  new Map(
    [...section(md, "## Fields", "\n## ").matchAll(/^\| `([^`]+)` \| ([^|:]+?)(?::[^|]*)? \|/gmu)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  )

describe.each(DATASETS.map((d) => [d.name, d] as const))("the field types of %s", (name, d) => {
  it("are the same words on its page as in its codebook, for every field", () => {
    const page = pageTypes(readFileSync(join("dist", "datasets", `${name}.html`), "utf8"))
    const codebook = codebookTypes(readFileSync(join("dist", "data", `${name}.md`), "utf8"))
    const fields = columnsOf(d).map((c) => c.name)
    expect([...page.keys()]).toEqual(fields)
    expect([...codebook.keys()]).toEqual(fields)
    for (const f of fields) expect(page.get(f), f).toBe(codebook.get(f))
    // The words a reader knows, not DuckDB's type names.
    for (const word of page.values()) expect(word).not.toMatch(/VARCHAR|BIGINT|DOUBLE/iu)
  })
})
