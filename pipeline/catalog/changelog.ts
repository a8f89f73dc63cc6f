/** The change record of a release: `changes.json` and a new entry on top of `CHANGELOG.md`. Pure. */
import type { DatasetChanges } from "./changes.ts"
import type { Bump, SchemaChange } from "./version.ts"

export interface ChangeRecord {
  readonly version: string
  readonly previous_version: string | null
  readonly bump: Bump | "first"
  /** The latest `received` date of the deliveries: the release carries no clock time. */
  readonly data_received_until: string
  readonly schema_changes: ReadonlyArray<SchemaChange>
  readonly datasets: ReadonlyArray<DatasetChanges>
}

const HEADING = "# Changes\n"

export const changelogEntry = (r: ChangeRecord): string => {
  const schema = r.schema_changes.filter((c) => c.bump !== "none")
  return [
    `## ${r.version}`,
    "",
    `${r.previous_version === null ? "The first versioned release." : `Since ${r.previous_version}: a ${r.bump} release.`} Data received up to ${r.data_received_until}.`,
    ...(schema.length === 0 ? [] : ["", "Schema changes:", "", ...schema.map((c) => `- ${c.what} (${c.bump})`)]),
    "",
    "| dataset | rows | added | removed | changed | fields changed (rows) |",
    "|---|---|---|---|---|---|",
    ...r.datasets.map((d) => `| ${d.dataset} | ${d.rows_after} | ${d.added} | ${d.removed} | ${d.changed} | ${Object.entries(d.changed_fields).map(([f, n]) => `${f} (${n})`).join(", ")} |`),
    "",
    "Which rows, by primary key: `changes.json`.",
    "",
  ].join("\n")
}

/** The new entry above the entries of the previous CHANGELOG.md, if any. */
export const changelog = (r: ChangeRecord, previous: string | undefined): string => {
  const older = previous === undefined ? "" : previous.startsWith(HEADING) ? previous.slice(HEADING.length).replace(/^\n/u, "") : previous
  return `${HEADING}\n${changelogEntry(r)}${older === "" ? "" : `\n${older}`}`
}
