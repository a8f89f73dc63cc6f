/**
 * What the nightly run tells people: the commit message of a release, and the Markdown of the
 * job summary (GitHub's `$GITHUB_STEP_SUMMARY`) for a release, an unchanged run or a failed
 * build. Pure.
 */
import { counted, whose } from "../shared/text.ts"
import { markdownCode, markdownCodeBlock, markdownText } from "../shared/escape-text.ts"
import type { OnBehalfChange } from "../manifest/ownership.ts"
import { changeLines, type ChangeRecord } from "../catalog/changelog.ts"
import type { Problem } from "../problems/problem.ts"
import { renderProblem } from "../problems/render.ts"

/** A dataset's changes in a few words: `counties: 1 changed`. */
const inWords = (d: ChangeRecord["datasets"][number]): string | undefined => {
  const parts = [
    d.added > 0 ? `${d.added} added` : "",
    d.removed > 0 ? `${d.removed} removed` : "",
    d.changed > 0 ? `${d.changed} changed` : "",
  ].filter((x) => x !== "")
  return parts.length === 0 ? undefined : `${d.dataset}: ${parts.join(", ")}`
}

export const commitMessage = (r: ChangeRecord, tagged: boolean): string => {
  const changed = r.datasets.map(inWords).filter((x): x is string => x !== undefined)
  const schema = r.schema_changes.filter((c) => c.bump !== "none").map((c) => `- ${c.what}`)
  const head = `Release ${r.version}: ${changed.length === 0 ? (schema.length > 0 ? "schema changes" : "metadata only") : changed.slice(0, 3).join("; ")}${changed.length > 3 ? `; and ${changed.length - 3} more datasets` : ""}`
  return [
    head,
    "",
    `${r.previous_version === null ? "The first versioned release." : `A ${r.bump} release after ${r.previous_version}.`}${tagged ? "" : ` Version ${r.version} was tagged before: this commit changes the metadata only.`} Data received up to ${r.data_received_until}.`,
    ...(changed.length === 0 ? [] : ["", ...changed.map((c) => `- ${c}`)]),
    ...revisions(r),
    ...(schema.length === 0 ? [] : ["", "Schema changes:", ...schema]),
    "",
  ].join("\n")
}

/** How many lines of "what changed, by delivery" a commit message or summary shows. */
const SHOWN_CHANGE_LINES = 30

const revisions = (r: ChangeRecord): string[] => {
  const lines = changeLines(r)
  if (lines.length === 0) return []
  const shown = lines.slice(0, SHOWN_CHANGE_LINES)
  return [
    "",
    "What changed, by delivery:",
    "",
    ...shown,
    ...(lines.length > shown.length ? [`- … ${lines.length - shown.length} more lines in CHANGELOG.md`] : []),
  ]
}

export const releaseSummary = (r: ChangeRecord, tag: string | undefined, warnings: number): string =>
  [
    `## Release ${r.version}${tag === undefined ? " (no new tag: the version was tagged before)" : ` — tag \`${tag}\``}`,
    "",
    `${r.previous_version === null ? "The first versioned release." : `A ${r.bump} release after ${r.previous_version}.`} Data received up to ${r.data_received_until}. Warnings: ${warnings}.`,
    "",
    "| dataset | rows | added | removed | changed |",
    "|---|---:|---:|---:|---:|",
    ...r.datasets.map((d) => `| ${d.dataset} | ${d.rows_after} | ${d.added} | ${d.removed} | ${d.changed} |`),
    ...revisions(r),
    ...(r.schema_changes.length === 0
      ? []
      : ["", "Schema changes:", "", ...r.schema_changes.map((c) => `- ${c.what} (${c.bump})`)]),
    "",
  ].join("\n")

/** The maintainers' changes to other publishers' deliveries, each with its reason: shown before anything else. */
const onBehalfSection = (changes: ReadonlyArray<OnBehalfChange>): string[] =>
  changes.length === 0
    ? []
    : [
        `## Changes to other publishers' deliveries: ${changes.length}`,
        "",
        ...changes.map(
          (c) =>
            `- ${markdownCode(c.file)}, ${markdownText(whose(c.owner))}, ${
              c.change.kind === "replaced"
                ? `replaced by ${markdownCode(c.change.by)}, ${markdownText(whose(c.change.byPublisher))}`
                : `withdrawn: ${markdownText(c.change.reason)}`
            }. ${markdownText(c.onBehalf ?? "")}`,
        ),
        "",
      ]

/**
 * What a change would publish, before it is published: a pull request's deliveries built
 * against the committed release, dataset by dataset and delivery by delivery, after the changes
 * it makes to other publishers' deliveries.
 */
export const previewSummary = (
  r: ChangeRecord,
  warnings: number,
  onBehalf: ReadonlyArray<OnBehalfChange> = [],
): string =>
  [
    ...onBehalfSection(onBehalf),
    `## What this change publishes: release ${r.version}`,
    "",
    `${r.previous_version === null ? "The first versioned release." : `A ${r.bump} release after ${r.previous_version}.`} Data received up to ${r.data_received_until}. ${counted(warnings, "warning")}. The next nightly run publishes it once it is merged.`,
    "",
    "| dataset | rows | added | removed | changed |",
    "|---|---:|---:|---:|---:|",
    ...r.datasets.map((d) => `| ${d.dataset} | ${d.rows_after} | ${d.added} | ${d.removed} | ${d.changed} |`),
    ...revisions(r),
    "",
  ].join("\n")

export const unchangedSummary = (version: string | undefined): string =>
  `## Nothing changed\n\nThe release${version === undefined ? "" : ` ${version}`} is as published: no commit, no tag, no deployment.\n`

/** How many problems a summary lists; the report has them all. */
const LISTED = 50

export const failureSummary = (
  command: string,
  problems: ReadonlyArray<Problem>,
  errors: number,
  warnings: number,
): string =>
  [
    `## ${command === "build" ? "Build" : "Validation"} failed: ${counted(errors, "error")}, ${counted(warnings, "warning")}`,
    "",
    "Nothing was published.",
    "",
    ...markdownCodeBlock([
      ...problems
        .filter((p) => p.severity === "error")
        // A change to another publisher's delivery, refused, first.
        .sort((a, b) => Number(b.code === "manifest/on-behalf") - Number(a.code === "manifest/on-behalf"))
        .slice(0, LISTED)
        .map(renderProblem),
      ...(errors > LISTED ? [`… and ${errors - LISTED} more (see the validation report)`] : []),
    ]),
    "",
  ].join("\n")
