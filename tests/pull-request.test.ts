/**
 * A delivery by pull request, as a publisher makes it and CI checks it: a copy of the repository
 * (raw/, dist/ and publication.json in a git checkout), two deliveries filed with `pipeline add`
 * (a Windows-1252 CSV with an empty cell declared missing, and a workbook written by openpyxl),
 * committed, and nothing else changed. Then what CI runs on a pull request
 * (`.github/workflows/ci.yml`): the release invariants of `npm test` on the copy
 * (tests/support/release-invariants.ts, as committed-release.test.ts checks the repository),
 * `pipeline validate`, `pipeline scope --base`, and `pipeline build --summary`. They pass with no
 * dist/ in the change, and the summary names the deliveries. A change of anything else is held to
 * the committed dist/.
 */
import { execFile } from "node:child_process"
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { expectReleaseInvariants } from "./support/release-invariants.ts"
import { tempDir } from "./support/run-build.ts"
import { hasOpenpyxl, writeWorkbook } from "./support/xlsx.ts"
import { tracedRows } from "./support/traced-rows.ts"

const exec = promisify(execFile)
const BIN = resolve("bin", "pipeline.mjs")
const git = async (cwd: string, ...args: string[]) => (await exec("git", args, { cwd })).stdout.trim()

/** A pipeline command run in the checkout, as a workflow step (or a publisher) runs it. */
const step = async (cwd: string, args: string[], env: Record<string, string> = {}) => {
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

// Made-up figures of made-up indicators, for the test only: Excel's "CSV (semikolonavgränsad)"
// with Swedish settings, Bjurholm's cell left empty; and a workbook with a title above its table.
const CSV = Buffer.from("Kommun;År;Antal\r\nVindeln;2025;14\r\nBjurholm;2025;\r\n", "latin1")
const WORKBOOK = {
  name: "Blad1",
  cells: { A1: "Lediga platser", A3: "Kommun", B3: "År", C3: "Antal", A4: "Vindeln", B4: 2025, C4: 9 },
}
// A folder of its own, which no delivery of the repository uses.
const FOLDER = "pull-request-test/2026-12-01"
const who = [
  ...["--publisher", "Vindelns kommun", "--licence", "CC0-1.0"],
  ...["--received", "2026-12-01", "--to", "pull-request-test"],
]
const newIndicator = (id: string, sv: string, en: string) => [
  ...["--dataset", "indicator_values", "--new-indicator", id, "--label-sv", sv, "--label-en", en, "--unit", "count"],
  ...who,
]

describe("a delivery by pull request", () => {
  let work: string
  let checkout: string
  let base: string
  let outputs: string
  let summary: string
  const workbook = hasOpenpyxl()
  if (!workbook) console.warn("pull request: no openpyxl for /usr/bin/python3, the workbook is left out")

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
    for (const f of [".gitignore", "raw", "dist", "publication.json"])
      await cp(f, join(checkout, f), { recursive: true })
    // The maintainers register the publisher and its folder before it delivers.
    const register = join(checkout, "raw", "publishers.json")
    const publishers = JSON.parse(await readFile(register, "utf8")) as { publishers: unknown[] }
    publishers.publishers.push({ name: "Vindelns kommun", folders: ["pull-request-test"], accounts: [] })
    await writeFile(register, JSON.stringify(publishers, null, 2))
    await git(checkout, "add", "--all")
    await git(checkout, "commit", "--quiet", "-m", "The published release")
    base = await git(checkout, "rev-parse", "HEAD")

    // The publisher's pull request: files filed by `pipeline add`, nothing else.
    await writeFile(join(work, "nya-foretag.csv"), CSV)
    const csv = await step(checkout, [
      ...["add", join(work, "nya-foretag.csv"), "--missing", "=not reported"],
      ...newIndicator("pr_test_new_companies", "Nya företag (test)", "New companies (test)"),
    ])
    expect(csv.status, csv.stderr).toBe(0)
    if (workbook) {
      writeWorkbook(join(work, "lediga.xlsx"), { sheets: [WORKBOOK] })
      const xlsx = await step(checkout, [
        ...["add", join(work, "lediga.xlsx")],
        ...newIndicator("pr_test_vacancies", "Lediga platser (test)", "Vacancies (test)"),
      ])
      expect(xlsx.status, xlsx.stderr).toBe(0)
    }
    expect(await git(checkout, "status", "--porcelain", "--", "dist", "publication.json")).toBe("")
    await git(checkout, "add", "--all")
    await git(checkout, "commit", "--quiet", "-m", "Vindeln's figures")
  }, 120_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("keeps the release invariants npm test checks: the committed dist/ consistent, the nightly run to rebuild it", async () => {
    const release = await expectReleaseInvariants(checkout, join(work, "invariants"))
    // After any the repository holds itself, merged before the last nightly run.
    expect(release.pending.added.slice(workbook ? -4 : -2)).toEqual([
      `${FOLDER}/indicator-pr_test_new_companies.csv`,
      `${FOLDER}/nya-foretag.csv`,
      ...(workbook ? [`${FOLDER}/indicator-pr_test_vacancies.csv`, `${FOLDER}/lediga.xlsx`] : []),
    ])
  }, 240_000)

  it("is told from a change of code by what it touches, and validates", async () => {
    const scoped = await step(checkout, ["scope", "--base", base], { GITHUB_OUTPUT: outputs })
    expect(scoped.status).toBe(0)
    expect(await readFile(outputs, "utf8")).toBe("deliveries-only=true\n")
    const validated = await step(checkout, ["validate", "--report", join(work, "report.json")])
    expect(validated.status, validated.stderr).toBe(0)
  }, 60_000)

  it("builds against the committed release, the deliveries named in the job summary, the empty cell published as missing with its label", async () => {
    const built = await step(checkout, ["build", "--summary", "--report", join(work, "report.json")], {
      GITHUB_STEP_SUMMARY: summary,
    })
    expect(built.status, built.stderr).toBe(0)
    const text = await readFile(summary, "utf8")
    expect(text).toMatch(/^## What this change publishes: release \d+\.\d+\.\d+$/m)
    expect(text).toMatch(/^\| indicator_values \| \d+ \| [1-9]\d* \| 0 \| 0 \|$/m)
    expect(text).toContain(
      `- indicator_values: 2 rows added from \`${FOLDER}/nya-foretag.csv\` (Vindelns kommun, received 2026-12-01)`,
    )
    if (workbook)
      expect(text).toContain(
        `- indicator_values: 1 row added from \`${FOLDER}/lediga.xlsx\` (Vindelns kommun, received 2026-12-01)`,
      )
    expect(text).toContain("The next nightly run publishes it once it is merged.")
    const rows = tracedRows(join(checkout, "dist"), "indicator_values")
    expect(rows.filter((r) => String(r["file"]).startsWith(`${FOLDER}/`))).toEqual([
      expect.objectContaining({ municipality_code: "2403", year: 2025, value: null, value_status: "not reported" }),
      expect.objectContaining({ municipality_code: "2404", year: 2025, value: 14, value_status: null }),
      ...(workbook
        ? [expect.objectContaining({ indicator_id: "pr_test_vacancies", municipality_code: "2404", value: 9 })]
        : []),
    ])
  }, 120_000)

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
