/**
 * The codebook of a dataset, `data/<dataset>.md`: what each field holds, the keys, where the
 * data comes from and under which licence, the corrections made, how to cite it and how to
 * load it. Pure: written from the definition and the facts of the release. What the manifest
 * says (names, titles, reasons) is written as Markdown text, never as markup.
 */
import { type DataFormat, hasWorkbook, readAlone, WORKBOOK_ROWS } from "../contract/release-layout.ts"
import { FORMAT_NAMES, loadSnippets, type Snippet } from "./load-snippets.ts"
import { wideSnippets, wideSources } from "./wide-snippets.ts"
import { foreignKeyJoins, joinSnippets } from "./join-snippets.ts"
import { provenanceName } from "../../schemas/provenance.ts"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { ColumnType } from "../../schemas/field.ts"
import { MISSING_LABEL_MEANINGS, MISSING_LABELS } from "../../schemas/common-fields.ts"
import { factField, howText, isPublished, standingText, type DeclaredDelivery } from "../manifest/declared-delivery.ts"
import { LICENCES, type Terms } from "./licences.ts"
import { citationOf, creatorsOf } from "./citation.ts"
import { deliveryUrl, fileAddress, type Publication } from "./publication.ts"
import { markdownCode, markdownText, markdownUrl } from "../shared/escape-text.ts"

const block = (s: Snippet) => [`${s.tool}:`, "", `\`\`\`${s.language}`, s.code, "```", ""]

/**
 * The snippets that load each file with its types, and for indicator_values the table made
 * analysis-ready; each a Markdown code block under the tool's name.
 */
const loadSection = (
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
  file: (ext: keyof typeof FORMAT_NAMES) => string,
  workbook: boolean,
): string[] => {
  const snippets = loadSnippets(d, file, workbook)
  return [
    "## Load it",
    "",
    "Each snippet states the types: codes and other text as strings (so `0114` keeps its zero), whole numbers as integers, dates as dates, and a missing value as NA (its reason, where it has one, in the field that labels it). pandas' Parquet reader needs pyarrow, and R's the arrow package.",
    "",
    ...(["csv", "json", "parquet", "xlsx"] as const)
      .filter((format) => snippets.some((s) => s.format === format))
      .flatMap((format) => [
        `### ${FORMAT_NAMES[format]}`,
        "",
        ...snippets.filter((s) => s.format === format).flatMap(block),
      ]),
    ...(d.wide === undefined
      ? []
      : [
          `## ${d.wide.title.en}`,
          "",
          `${d.wide.holds} (from ${wideSources(d, datasets)
            .map((n) => `\`${n}\``)
            .join(" and ")}, beside this file):`,
          "",
          ...wideSnippets(d, datasets, (name, ext) => `${name}.${ext}`).flatMap(block),
        ]),
  ]
}

/**
 * The joins with the datasets its keys refer to, and, for a dataset fed by deliveries, each row
 * with its delivery and line (from its provenance dataset and the deliveries).
 */
const joinSection = (
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
  file: (name: string, ext: "csv" | "parquet") => string,
): string[] => {
  const joins = foreignKeyJoins(d, datasets)
  const provenance = datasets.find((x) => x.provenanceOf === d.name)
  const deliveries = datasets.find((x) => x.manifestFacts !== undefined)
  const fileField = deliveries === undefined ? undefined : factField(deliveries, "file")
  return [
    ...(joins.length === 0
      ? []
      : [
          "## Join it",
          "",
          "Two datasets of the release share no field but a key, so a join on the key is also what pandas' `merge`, dplyr's joins and DuckDB's `NATURAL JOIN` do by default. Every row is kept, with the fields of the row its key refers to beside it (empty where its key is):",
          "",
          ...joins.flatMap((j) => [
            `### With ${j.dataset.name}`,
            "",
            `On ${j.on.map((f) => `\`${f}\``).join(", ")} ([${j.dataset.name}](${j.dataset.name}.md)):`,
            "",
            ...joinSnippets(d, [j], file).flatMap(block),
          ]),
        ]),
    ...(provenance === undefined || deliveries === undefined || fileField === undefined
      ? []
      : [
          "## Where each row comes from",
          "",
          `Each row's delivery and the line of its file where the row's record begins are in [${provenance.name}](${provenance.name}.md), by the row's key; the delivery itself, how it came to be and under which terms, in [${deliveries.name}](${deliveries.name}.md), by \`${fileField}\`. Each row with both:`,
          "",
          ...joinSnippets(
            d,
            [
              { dataset: provenance, on: d.primaryKey },
              { dataset: deliveries, on: [fileField] },
            ],
            file,
          ).flatMap(block),
        ]),
  ]
}

export interface CorrectionCount {
  readonly field: string
  readonly reason: string
  readonly rows: number
}

/** How many kinds of correction a codebook lists; corrections.csv has them all. */
const LISTED_CORRECTIONS = 100

/** A field's type in words, as the codebooks and the site's pages name it. */
export const TYPE_WORDS: Record<ColumnType, string> = {
  VARCHAR: "text",
  DATE: "date (YYYY-MM-DD)",
  INTEGER: "integer",
  BIGINT: "integer",
  DOUBLE: "number",
  BOOLEAN: "true/false",
}

/** A description of ours in a table's cell. */
const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ")

/** What a dataset may be used under: its licence, or, where it has none, the rights known. */
/** What the codebook says of the dataset's workbook: where it is, or why it has none. */
const workbookText = ({ name, provenanceOf }: DatasetDefinition, rows: number): string =>
  provenanceOf !== undefined
    ? `and no workbook: it is read joined to [${provenanceOf}](${provenanceOf}.md)`
    : hasWorkbook(rows)
      ? `and for a spreadsheet in [${name}.xlsx](${name}.xlsx) (codes as text, dates as dates, the header frozen; a character XML cannot hold, such as a control character or U+FFFD, is written as Excel writes it, \`_x001C_\`, and read back as the character)`
      : `and no workbook: a spreadsheet is not the tool for more than ${WORKBOOK_ROWS.toLocaleString("en")} rows; open the CSV or, faster, the Parquet file with pandas, R or DuckDB`

export const termsSentence = (t: Terms): string =>
  t.licence === null
    ? `No licence: its sources grant none that covers all of it, so none is given. What is known of its terms: ${markdownText(t.rights ?? "")}.`
    : `The dataset is published under ${LICENCES[t.licence].title} (${t.licence}, ${LICENCES[t.licence].path}).`

export const codebook = (options: {
  readonly publication: Publication
  readonly version: string
  /** The release's date: the latest day a current delivery was received. */
  readonly date: string
  readonly dataset: DatasetDefinition
  readonly rows: number
  readonly terms: Terms
  /** The deliveries that feed the dataset, current and not, as `historyOf` orders them. */
  readonly deliveries: ReadonlyArray<DeclaredDelivery>
  readonly corrections: ReadonlyArray<CorrectionCount>
  /** Every dataset of the release, for the joins. */
  readonly datasets: ReadonlyArray<DatasetDefinition>
}): string => {
  const linked = (file: string) => {
    const url = deliveryUrl(options.publication, options.version, file)
    return url === undefined ? markdownCode(file) : `[${markdownCode(file)}](${url})`
  }
  const { publication: p, version, dataset: d, deliveries } = options
  const columns = columnsOf(d)
  const labelled = columns.filter((c) => c.missingLabelField !== undefined)
  const fileOf = (name: string, ext: DataFormat) => fileAddress(p, name, ext)
  const file = (ext: DataFormat) => fileOf(d.name, ext)
  const lines = [
    `# ${d.title.en} (${d.title.sv})`,
    "",
    d.description.en,
    "",
    d.description.sv,
    "",
    `Release ${version} of ${p.title.en}. ${options.rows} rows, in [${d.name}.csv](${d.name}.csv), [${d.name}.json](${d.name}.json) and [${d.name}.parquet](${d.name}.parquet), all three the same rows in primary-key order, ${workbookText(d, options.rows)}; the JSON Schema of the JSON file is [../schemas/${d.name}.schema.json](../schemas/${d.name}.schema.json).`,
    "",
    "## Fields",
    "",
    "| field | type | unit | may be empty | description | beskrivning |",
    "|---|---|---|---|---|---|",
    ...columns.map(
      (c) =>
        `| \`${c.name}\` | ${TYPE_WORDS[c.type]}${c.enum === undefined ? "" : `: ${c.enum.map((v) => `\`${v}\``).join(", ")}`} | ${c.unit ?? ""} | ${c.nullable ? "yes" : "no"} | ${cell(c.description)} | ${cell(c.descriptionSv)} |`,
    ),
    "",
    "An empty value is an empty field in the CSV file and `null` in the JSON and Parquet files.",
    ...(labelled.length === 0
      ? []
      : [
          `${labelled.map((c) => `Where \`${c.name}\` is empty, \`${c.missingLabelField}\` says why`).join("; ")}:`,
          "",
          ...MISSING_LABELS.map(
            (label) =>
              `- \`${label}\` (${MISSING_LABEL_MEANINGS[label].sv}): ${MISSING_LABEL_MEANINGS[label].en.replace(/^[^:]*: /u, "")}.`,
          ),
        ]),
    "",
    "## Keys",
    "",
    `Primary key: ${d.primaryKey.map((k) => `\`${k}\``).join(", ")}.`,
    ...d.foreignKeys.map(
      (fk) =>
        `\n${fk.fields.map((f) => `\`${f}\``).join(", ")} refers to ${fk.reference.fields.map((f) => `\`${f}\``).join(", ")} of [${fk.reference.dataset}](${fk.reference.dataset}.md).`,
    ),
    "",
    "## Sources and licence",
    "",
    ...sourcesSection(d, deliveries, linked),
    "",
    termsSentence(options.terms),
    "",
    "## Corrections",
    "",
    ...correctionsSection(options.corrections),
    "",
    "## How to cite",
    "",
    `> ${markdownText(citationOf({ publication: p, version, date: options.date, dataset: d, creators: d.fromManifest === true ? [] : creatorsOf(deliveries.filter(isPublished)) }))}`,
    "",
    ...loadSection(d, options.datasets, file, readAlone(d) && hasWorkbook(options.rows)),
    ...joinSection(d, options.datasets, fileOf),
  ]
  return lines.join("\n")
}

/** Where the dataset's rows come from: the pipeline, the manifest, or the deliveries that feed it, each with its dates and standing. */
const sourcesSection = (
  d: DatasetDefinition,
  deliveries: ReadonlyArray<DeclaredDelivery>,
  linked: (file: string) => string,
): string[] =>
  d.provenanceOf !== undefined
    ? [
        `Made by the pipeline as it reads the deliveries of [${d.provenanceOf}](${d.provenanceOf}.md), listed in its codebook: one row for each of its rows.`,
      ]
    : d.fromManifest === true
      ? [
          `Made from the manifest of the repository's deliveries, \`raw/manifest.json\`: one row per entry, located by \`${factField(d, "line")}\`.`,
        ]
      : deliveries.length === 0
        ? ["No delivery feeds this dataset in this release."]
        : [
            `The deliveries in \`raw/\` of the repository that feed this dataset: the current ones are published; superseded and withdrawn ones stay in \`raw/\` as history. Where each row comes from is in [${provenanceName(d.name)}](${provenanceName(d.name)}.md) (see [Where each row comes from](#where-each-row-comes-from)).`,
            "",
            "Three dates, each where known: the day the delivery's data is as of, the day it was retrieved from its source, and the day it was put into `raw/`.",
            "",
            "| delivery | how it came to be | publisher | data as of | retrieved | received | standing | licence |",
            "|---|---|---|---|---|---|---|---|",
            ...deliveries.map(
              (x) =>
                `| ${linked(x.file)} | ${howText(x, { text: markdownText, url: markdownUrl })} | ${markdownText(x.publisher)} | ${x.asOf ?? "not known"} | ${x.retrieved ?? "not known"} | ${x.received} | ${standingText(x, markdownCode, markdownText)} | ${x.licence ?? "none stated"} |`,
            ),
          ]

/** The kinds of corrections made to source values, counted, the first listed. */
const correctionsSection = (corrections: ReadonlyArray<CorrectionCount>): string[] =>
  corrections.length === 0
    ? ["No source value was changed."]
    : [
        "| field | reason | rows |",
        "|---|---|---|",
        ...corrections
          .slice(0, LISTED_CORRECTIONS)
          .map((c) => `| \`${c.field}\` | ${markdownText(c.reason)} | ${c.rows} |`),
        ...(corrections.length > LISTED_CORRECTIONS
          ? ["", `And ${corrections.length - LISTED_CORRECTIONS} more kinds.`]
          : []),
        "",
        "Every correction, with its file, line, column and both values, is in [../corrections.csv](../corrections.csv).",
      ]
