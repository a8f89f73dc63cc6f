/**
 * The fields a delivery can feed, dataset by dataset, for publishers (`schemas/derived/fields.md`):
 * each field's type as a cell must write it, whether a value is required, its unit, its closed
 * list, and where a missing value's reason goes. Made from the definitions, so it stays true.
 */
import { isDelivered, type DatasetDefinition } from "../dataset.ts"
import type { ColumnType } from "../field.ts"
import { columnsOf, type Column } from "./columns.ts"

const TYPE_WORDS: Record<ColumnType, string> = {
  VARCHAR: "text",
  DATE: "date, YYYY-MM-DD",
  INTEGER: "whole number",
  BIGINT: "whole number",
  DOUBLE: "number",
  BOOLEAN: "true/false (ja/nej, yes/no, 1/0)",
}

const cellText = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ")

const typeOf = (c: Column): string =>
  [
    c.digits === undefined ? TYPE_WORDS[c.type] : `code of ${c.digits} digits`,
    ...(c.unit === undefined ? [] : [`in ${c.unit}`]),
    ...(c.enum === undefined ? [] : [`one of ${c.enum.map((v) => `\`${v}\``).join(", ")}`]),
  ].join("; ")

const row = (c: Column): string =>
  `| \`${c.name}\` | ${cellText(typeOf(c))} | ${c.nullable ? "no" : "yes"} | ${cellText(c.description)}${
    c.missingLabelField === undefined ? "" : `; a missing value's reason goes in \`${c.missingLabelField}\``
  } |`

export const fieldsReference = (datasets: ReadonlyArray<DatasetDefinition>): string =>
  [
    "# The fields a delivery can feed",
    "",
    "Made by `npm run generate` from the dataset definitions (`schemas/datasets/`). A delivery's",
    "entry maps each column of its file to one of these fields (`columns`), or gives a value for",
    "the whole file (`constants`). Where each row comes from, its delivery's file and line, the",
    "pipeline records in the dataset's provenance dataset (`<dataset>_provenance`).",
    ...datasets
      .filter(isDelivered)
      .flatMap((d) => [
        "",
        `## \`${d.name}\`: ${d.title.en}`,
        "",
        `${d.description.en} Key: ${d.primaryKey.map((k) => `\`${k}\``).join(", ")}.`,
        "",
        "| field | a cell holds | required | what it is |",
        "|---|---|---|---|",
        ...columnsOf(d).map(row),
      ]),
    "",
  ].join("\n")
