/**
 * How to join a dataset with those its keys refer to, in pandas, R's dplyr and DuckDB: each
 * dataset read with its types, then left joins on the key, so every row of the first is kept.
 * Two datasets share no column but their keys, so a join on the key is also what a join that
 * names no columns does. Made from the definitions, for the codebooks and the dataset pages; the
 * tests run each snippet. Pure.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { pandasRead, readrRead, type Snippet } from "./load-snippets.ts"

/** One join: the dataset joined, and the fields both have that it is joined on. */
export interface JoinStep {
  readonly dataset: DatasetDefinition
  readonly on: ReadonlyArray<string>
}

/**
 * The joins a dataset's foreign keys name, one per dataset referred to. A dataset that refers to
 * itself (an activity to its parent) is left out: joined with itself, every field is in both.
 */
export const foreignKeyJoins = (d: DatasetDefinition, datasets: ReadonlyArray<DatasetDefinition>): JoinStep[] =>
  d.foreignKeys.flatMap((fk) => {
    const referred = datasets.find((x) => x.name === fk.reference.dataset)
    const same = fk.fields.every((f, i) => fk.reference.fields[i] === f)
    return referred === undefined || referred.name === d.name || !same ? [] : [{ dataset: referred, on: fk.fields }]
  })

const py = (s: string): string => JSON.stringify(s)
const list = (fields: ReadonlyArray<string>) => fields.map(py).join(", ")

/** `from` left-joined with each dataset of `steps` in turn, as pandas, dplyr and DuckDB write it. */
export const joinSnippets = (
  from: DatasetDefinition,
  steps: ReadonlyArray<JoinStep>,
  file: (dataset: string, ext: "csv" | "parquet") => string,
): Snippet[] => {
  const all = [from, ...steps.map((s) => s.dataset)]
  const pandas = [
    "import pandas as pd",
    "",
    ...all.flatMap((d) => pandasRead(d, file(d.name, "csv"), d.name)),
    `df = ${from.name}${steps.map((s) => `.merge(${s.dataset.name}, on=[${list(s.on)}], how="left")`).join("")}`,
  ]
  const dplyr = [
    "library(readr)",
    "library(dplyr)",
    ...all.flatMap((d) => readrRead(d, file(d.name, "csv"), d.name)),
    `df <- ${from.name}${steps.map((s) => ` %>%\n  left_join(${s.dataset.name}, by = c(${list(s.on)}))`).join("")}`,
  ]
  const duckdb = [
    `SELECT * FROM '${file(from.name, "parquet")}'`,
    ...steps.map((s) => `LEFT JOIN '${file(s.dataset.name, "parquet")}' USING (${s.on.join(", ")})`),
  ]
  return [
    { tool: "pandas", format: "csv", language: "python", code: pandas.join("\n") },
    { tool: "dplyr", format: "csv", language: "r", code: dplyr.join("\n") },
    { tool: "DuckDB", format: "parquet", language: "sql", code: `${duckdb.join("\n")};` },
  ]
}
