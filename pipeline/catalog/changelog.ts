/**
 * The change record of a release: `changes.json` and a new entry on top of `CHANGELOG.md`. What
 * came from the deliveries (values, keys, names, reasons) is written as Markdown text, never as
 * markup: the entry is shown on the site, in the release notes and in the job summaries. Pure.
 */
import { markdownCode, markdownText } from "../shared/escape-text.ts"
import type { ChangedRow, DatasetChanges, DeliveryTally, Key, Value } from "./changes.ts"
import type { Bump, SchemaChange } from "./version.ts"
import type { Erratum } from "./publication.ts"
import type { DeliveryFact } from "../../schemas/dataset.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { factField } from "../manifest/declared-delivery.ts"

/**
 * What the change record says of a delivery it names: what it is, in words ("Kolada, snapshot
 * filed 2026-11-02, data as of a day not known", "Bjurholms kommun, received 2011-05-16"), and
 * where it stands now, in the fields of the dataset made from the manifest (STANDING_FACTS).
 */
export interface DeliveryNote {
  readonly label: string
  readonly [field: string]: string | number | null
}

/** The dataset made from the manifest, whose fields a note gives a delivery's standing in. */
const RECORD = DATASETS.find((d) => d.manifestFacts !== undefined)

/** A fact of where a delivery stands, from its note. */
const standing = (note: DeliveryNote, fact: DeliveryFact): string | null => {
  const field = RECORD === undefined ? undefined : factField(RECORD, fact)
  const value = field === undefined ? undefined : note[field]
  return typeof value === "string" ? value : null
}

export interface ChangeRecord {
  readonly version: string
  readonly previous_version: string | null
  readonly bump: Bump | "first"
  /** The latest `received` date of the deliveries: the release carries no clock time. */
  readonly data_received_until: string
  readonly schema_changes: ReadonlyArray<SchemaChange>
  readonly datasets: ReadonlyArray<DatasetChanges>
  /** Every delivery the datasets' changes name, by file. */
  readonly deliveries: Readonly<Record<string, DeliveryNote>>
}

const HEADING = "# Changes\n"

/** How many changed rows an entry shows per delivery; changes.json lists more. */
const SHOWN_ROWS = 10

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const keyText = (k: Key) =>
  `(${Object.values(k)
    .map((v) => markdownText(String(v)))
    .join(", ")})`
/** How long a text value the changelog shows whole; changes.json has every value in full. */
const SHOWN_TEXT = 60
const valueText = (v: Value) =>
  v === null
    ? "empty"
    : typeof v === "string"
      ? markdownText(JSON.stringify(v.length > SHOWN_TEXT ? `${v.slice(0, SHOWN_TEXT - 1)}…` : v))
      : String(v)

const deliveryText = (r: ChangeRecord, file: string) => {
  const note = r.deliveries[file]
  return note === undefined ? markdownCode(file) : `${markdownCode(file)} (${markdownText(note.label)})`
}
/** " from <delivery>", or nothing for rows that name no delivery (the deliveries themselves). */
const from = (r: ChangeRecord, word: string, file: string | null) =>
  file === null ? "" : ` ${word} ${deliveryText(r, file)}`

/** Why the rows of a delivery left the release: what became of the delivery. */
const whyGone = (r: ChangeRecord, file: string | null): string => {
  if (file === null) return ""
  const note = r.deliveries[file]
  if (note === undefined) return ", which the manifest no longer declares"
  const [state, by] = [standing(note, "state"), standing(note, "supersededBy")]
  if (state === "withdrawn")
    return `, which is withdrawn: ${markdownText(standing(note, "withdrawnReason") ?? "no reason given")}`
  if (state === "superseded" && by !== null)
    return `, which is superseded by ${deliveryText(r, by)}, and that does not have them`
  if (state === "partly superseded" && by !== null)
    return `, which is partly superseded by ${deliveryText(r, by)}: a newer delivery covers them and does not have them`
  return ", which no longer gives them"
}

/** Of a partly superseded delivery: by which, and what is still published from it. */
const whatStands = (r: ChangeRecord, file: string | null): string => {
  const note = file === null ? undefined : r.deliveries[file]
  const by = note === undefined ? null : standing(note, "supersededBy")
  return note !== undefined && standing(note, "state") === "partly superseded" && by !== null
    ? `, partly superseded by ${markdownCode(by)}; still published from it: ${markdownText(standing(note, "stillPublished") ?? "")}`
    : ""
}

const rowLine = (row: ChangedRow) =>
  `  - ${keyText(row.key)}: ${Object.entries(row.fields)
    .map(([f, { before, after }]) => `${f} ${valueText(before)} → ${valueText(after)}`)
    .join("; ")}`

/** One line (and, for revisions, the first rows) per kind of change and pair of deliveries. */
const tallyLines = (r: ChangeRecord, d: DatasetChanges, t: DeliveryTally): string[] => {
  switch (t.change) {
    case "added":
      return [
        `- ${d.dataset}: ${plural(t.rows, "row")} added${from(r, "from", t.delivery_after)}${whatStands(r, t.delivery_after)}`,
      ]
    case "removed":
      return [
        `- ${d.dataset}: ${plural(t.rows, "row")} removed${t.delivery_before === null ? "" : `, from ${deliveryText(r, t.delivery_before)}${whyGone(r, t.delivery_before)}`}`,
      ]
    case "redelivered":
      return [
        `- ${d.dataset}: ${plural(t.rows, "row")} with the same values, now${from(r, "from", t.delivery_after)}${t.delivery_before === null ? "" : ` instead of ${markdownCode(t.delivery_before)}${whatStands(r, t.delivery_before)}`}`,
      ]
    case "changed": {
      const rows = d.changed_rows.filter(
        (x) => (x.before?.file ?? null) === t.delivery_before && (x.after?.file ?? null) === t.delivery_after,
      )
      const shown = rows.slice(0, SHOWN_ROWS)
      const by =
        t.delivery_after === null
          ? ""
          : t.delivery_before === t.delivery_after
            ? from(r, "in", t.delivery_after)
            : `${from(r, "by", t.delivery_after)}${t.delivery_before === null ? "" : `, replacing what ${markdownCode(t.delivery_before)} gave${whatStands(r, t.delivery_before)}`}`
      return [
        `- ${d.dataset}: ${plural(t.rows, "row")} revised${by}:`,
        ...shown.map(rowLine),
        ...(t.rows > shown.length ? [`  - and ${t.rows - shown.length} more (changes.json)`] : []),
      ]
    }
  }
}

/**
 * What changed, by delivery, as Markdown list lines. A first release adds everything: it
 * counts rows and lists no deliveries.
 */
export const changeLines = (r: ChangeRecord): string[] =>
  r.previous_version === null ? [] : r.datasets.flatMap((d) => d.by_delivery.flatMap((t) => tallyLines(r, d, t)))

export const changelogEntry = (r: ChangeRecord): string => {
  const schema = r.schema_changes.filter((c) => c.bump !== "none")
  const changes = changeLines(r)
  return [
    `## ${r.version}`,
    "",
    `${r.previous_version === null ? "The first versioned release." : `Since ${r.previous_version}: a ${r.bump} release.`} Deliveries filed up to ${r.data_received_until}.`,
    ...(schema.length === 0 ? [] : ["", "Schema changes:", "", ...schema.map((c) => `- ${c.what} (${c.bump})`)]),
    ...(changes.length === 0 ? [] : ["", "What changed, by delivery:", "", ...changes]),
    ...(r.previous_version !== null &&
    schema.length === 0 &&
    r.datasets.every((d) => d.added + d.removed + d.changed === 0)
      ? ["", "No row changed: the release's files or metadata did (how they are written, the catalogue, the site)."]
      : []),
    "",
    "| dataset | rows | added | removed | changed | fields changed (rows) |",
    "|---|---|---|---|---|---|",
    ...r.datasets.map(
      (d) =>
        `| ${d.dataset} | ${d.rows_after} | ${d.added} | ${d.removed} | ${d.changed} | ${Object.entries(
          d.changed_fields,
        )
          .map(([f, n]) => `${f} (${n})`)
          .join(", ")} |`,
    ),
    "",
    "Which rows, with their values before and after and the delivery each came from: `changes.json`.",
    "",
  ].join("\n")
}

/** The line an erratum adds under the heading of the entry it corrects: plain text, as every renderer shows it. */
const ERRATUM_MARK = "Erratum (withdrawn in "
const erratumLine = (e: Erratum) => `${ERRATUM_MARK}${e.withdrawnIn}): ${e.note}`

/**
 * The entries as published, each marked with the errata declared for it: an erratum names its
 * version and the words of the entry it withdraws, and marks the entry only where those words
 * stand. A marking earlier builds made is replaced, so the marks say what is declared now.
 */
export const markErrata = (text: string, errata: ReadonlyArray<Erratum>): string => {
  const entries = text.split(/^(?=## )/mu)
  return entries
    .map((entry) => {
      const lines = entry
        .split("\n")
        .filter(
          (line, i, all) => !(line.startsWith(ERRATUM_MARK) || (all[i - 1]?.startsWith(ERRATUM_MARK) && line === "")),
        )
      const version = /^## ([0-9]+\.[0-9]+\.[0-9]+)$/u.exec(lines[0] ?? "")?.[1]
      const body = lines.slice(1).join("\n")
      const marks = errata.filter((e) => e.version === version && body.includes(e.states))
      if (marks.length === 0 || lines[1] !== "") return lines.join("\n")
      return [lines[0]!, "", ...marks.flatMap((e) => [erratumLine(e), ""]), ...lines.slice(2)].join("\n")
    })
    .join("")
}

/** The new entry above the entries of the previous CHANGELOG.md, if any, with the errata marked. */
export const changelog = (
  r: ChangeRecord,
  previous: string | undefined,
  errata: ReadonlyArray<Erratum> = [],
): string => {
  const older =
    previous === undefined
      ? ""
      : previous.startsWith(HEADING)
        ? previous.slice(HEADING.length).replace(/^\n/u, "")
        : previous
  return markErrata(`${HEADING}\n${changelogEntry(r)}${older === "" ? "" : `\n${older}`}`, errata)
}
