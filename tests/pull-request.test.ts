/**
 * A delivery by pull request, as the CI workflow runs it (`.github/workflows/ci.yml`): the
 * workflow's steps as pipeline commands in a git checkout. A change of raw/ alone validates,
 * builds against the committed release and shows what it would publish, with no dist/ in
 * the change; a change of anything else is held to the committed dist/.
 */
import { execFile } from "node:child_process"
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sha256File } from "../pipeline/shared/files.ts"
import { tempDir } from "./support/run-build.ts"

const exec = promisify(execFile)
const BIN = resolve("bin", "pipeline.mjs")
const git = async (cwd: string, ...args: string[]) => (await exec("git", args, { cwd })).stdout.trim()

/** A pipeline command run in the checkout, as a workflow step runs it. */
const step = async (cwd: string, args: string[], env: Record<string, string>) => {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, GITHUB_ACTIONS: "true", ...env },
    })
    return { status: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { status: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

/** A made-up delivery for the test only: one population figure for a year the release lacks. */
const DELIVERY = "Kommun;År;Folkmängd\r\nVindeln;2019;5 400\r\n"

describe("a delivery by pull request", () => {
  let work: string
  let checkout: string
  let base: string
  let outputs: string
  let summary: string
  beforeAll(async () => {
    work = await tempDir("pull-request")
    checkout = join(work, "checkout")
    outputs = join(work, "outputs")
    summary = join(work, "summary.md")
    await mkdir(checkout)
    await exec("git", ["init", "--quiet", "--initial-branch=main", checkout])
    for (const [k, v] of [
      ["user.name", "Test"],
      ["user.email", "test@example.org"],
      ["commit.gpgsign", "false"],
    ])
      await git(checkout, "config", k!, v!)
    for (const f of ["raw", "dist", "publication.json"]) await cp(f, join(checkout, f), { recursive: true })
    await git(checkout, "add", "--all")
    await git(checkout, "commit", "--quiet", "-m", "The published release")
    base = await git(checkout, "rev-parse", "HEAD")

    // The publisher's pull request: a file and its entry, nothing else.
    const file = "vindeln/2026-11-20/folkmangd.csv"
    await mkdir(join(checkout, "raw", "vindeln", "2026-11-20"), { recursive: true })
    await writeFile(join(checkout, "raw", file), DELIVERY)
    const manifestPath = join(checkout, "raw", "manifest.json")
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { deliveries: unknown[] }
    manifest.deliveries.push({
      file,
      dataset: "indicator_values",
      kind: "delivered",
      publisher: "Vindelns kommun",
      licence: "CC0-1.0",
      received: "2026-11-20",
      sha256: (await sha256File(join(checkout, "raw", file))).toUpperCase(),
      format: "csv",
      dialect: { delimiter: ";", thousandsSeparator: " " },
      columns: { Kommun: { field: "municipality_code", parse: "municipality-name" }, År: "year", Folkmängd: "value" },
      constants: { indicator_id: "population" },
    })
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)
    await git(checkout, "add", "--all")
    await git(checkout, "commit", "--quiet", "-m", "Vindeln's population in 2019")
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("is told from a change of code by what it touches", async () => {
    const scoped = await step(checkout, ["scope", "--base", base], { GITHUB_OUTPUT: outputs })
    expect(scoped.status).toBe(0)
    expect(await readFile(outputs, "utf8")).toBe("deliveries-only=true\n")
  })

  it("validates, and builds against the committed release with what it would publish in the job summary", async () => {
    expect((await step(checkout, ["validate"], {})).status).toBe(0)
    const built = await step(checkout, ["build", "--summary"], { GITHUB_STEP_SUMMARY: summary })
    expect(built.stderr).toContain("published dist")
    expect(built.status).toBe(0)
    const text = await readFile(summary, "utf8")
    expect(text).toMatch(/^## What this change publishes: release \d+\.\d+\.\d+$/m)
    expect(text).toMatch(/^\| indicator_values \| \d+ \| 1 \| 0 \| 0 \|$/m)
    expect(text).toContain("The next nightly run publishes it once it is merged.")
    const rows = JSON.parse(await readFile(join(checkout, "dist", "data", "indicator_values.json"), "utf8")) as Array<
      Record<string, unknown>
    >
    expect(rows.filter((r) => r["source_file"] === "vindeln/2026-11-20/folkmangd.csv")).toMatchObject([
      { indicator_id: "population", municipality_code: "2404", year: 2019, value: 5400 },
    ])
  })

  it("a change beyond raw/ is a change of code, held to the committed dist/", async () => {
    await writeFile(
      join(checkout, "publication.json"),
      `${await readFile(join(checkout, "publication.json"), "utf8")}\n`,
    )
    await git(checkout, "commit", "--quiet", "--all", "-m", "A change beyond raw/")
    await writeFile(outputs, "")
    await step(checkout, ["scope", "--base", base], { GITHUB_OUTPUT: outputs })
    expect(await readFile(outputs, "utf8")).toBe("deliveries-only=false\n")
    // No base to compare with (a branch's first push): the stricter case.
    await writeFile(outputs, "")
    await step(checkout, ["scope", "--base", "0".repeat(40)], { GITHUB_OUTPUT: outputs })
    expect(await readFile(outputs, "utf8")).toBe("deliveries-only=false\n")
  })
})
