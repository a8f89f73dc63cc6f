/**
 * A dataset read wide, as its definition declares (`wide`): one row per place and period, a
 * column per value of one field for each value read wide, beside the names of the places its
 * rows are about, in DuckDB and pandas. Made from the definitions, for the codebook and the
 * dataset's page; the tests run each snippet. Pure.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { Snippet } from "./load-snippets.ts"
import { PANDAS } from "./load-snippets.ts"

/** A dataset of places the rows are about, joined on its key, with the field of its names. */
interface PlaceStep {
  readonly dataset: DatasetDefinition
  readonly key: string
  readonly name: string
}

/**
 * The places a dataset's rows lie in, nearest first: the dataset of places a foreign key of
 * `fields` names (on a field of the same name), then the one its `within` names, and so on.
 */
const placeChain = (
  d: DatasetDefinition,
  fields: ReadonlyArray<string>,
  datasets: ReadonlyArray<DatasetDefinition>,
): PlaceStep[] => {
  const step = (from: DatasetDefinition, within: ReadonlyArray<string>): PlaceStep[] => {
    const fk = from.foreignKeys.find(
      (k) => k.fields.length === 1 && within.includes(k.fields[0]!) && k.reference.fields[0] === k.fields[0],
    )
    const place = datasets.find((x) => x.name === fk?.reference.dataset && x.places !== undefined)
    if (fk === undefined || place?.places === undefined || place === from) return []
    const { name, within: larger } = place.places
    return [{ dataset: place, key: fk.fields[0]!, name }, ...step(place, larger === undefined ? [] : [larger])]
  }
  return step(d, fields)
}

const py = (s: string): string => JSON.stringify(s)

/** The snippets that read `d` wide, or none where its definition declares no wide view. */
export const wideSnippets = (
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
  file: (dataset: string, ext: "csv" | "parquet") => string,
): Snippet[] => {
  if (d.wide === undefined) return []
  const { rows, on, values } = d.wide
  const places = placeChain(d, rows, datasets)
  // A place's dataset is named by its first letter in SQL, as a reader would write it.
  const alias = places.map((p, i) =>
    places.findIndex((q) => q.dataset.name[0] === p.dataset.name[0]) === i ? p.dataset.name[0]! : `p${i}`,
  )
  const types = new Map(columnsOf(d).map((c) => [c.name, c.type]))
  const codes = places.map((p) => p.key)
  const read = [on, ...rows.filter((r) => !codes.includes(r)), ...Object.keys(values)]
  const dtype = read.map((f) => `${py(f)}: ${py(PANDAS[types.get(f) as keyof typeof PANDAS] ?? "string")}`)
  return [
    {
      tool: "DuckDB",
      format: "parquet",
      language: "sql",
      code: [
        "WITH wide AS (",
        `  PIVOT '${file(d.name, "parquet")}' ON ${on}`,
        `  USING ${Object.entries(values)
          .map(([field, suffix]) => `first(${field}) AS ${suffix}`)
          .join(", ")}`,
        `  GROUP BY ${rows.join(", ")}`,
        ")",
        `SELECT ${places.map((p, i) => `${alias[i]}.${p.name}`).join(", ")}, wide.*`,
        ...places.map(
          (p, i) =>
            `${i === 0 ? "FROM wide " : ""}JOIN '${file(p.dataset.name, "parquet")}' ${alias[i]} USING (${p.key})`,
        ),
        `ORDER BY ${rows.join(", ")};`,
      ].join("\n"),
    },
    {
      tool: "pandas",
      format: "csv",
      language: "python",
      code: [
        "import pandas as pd",
        "",
        `codes = {${codes.map((c) => `${py(c)}: "string"`).join(", ")}}`,
        "values = pd.read_csv(",
        `    ${py(file(d.name, "csv"))},`,
        `    dtype={**codes, ${dtype.join(", ")}},`,
        "    keep_default_na=False,",
        '    na_values=[""],',
        ")",
        ...places.map(
          (p) =>
            `${p.dataset.name} = pd.read_csv(${py(file(p.dataset.name, "csv"))}, dtype=codes, keep_default_na=False)`,
        ),
        `wide = values.pivot(index=[${rows.map(py).join(", ")}], columns=${py(on)}, values=[${Object.keys(values).map(py).join(", ")}])`,
        `# Each ${on}'s ${Object.keys(values).join(" and ")} side by side.`,
        "wide = wide.sort_index(axis=1, level=[1, 0])",
        `suffix = {${Object.entries(values)
          .map(([field, s]) => `${py(field)}: ${py(s)}`)
          .join(", ")}}`,
        'wide.columns = [f"{column}_{suffix[what]}" for what, column in wide.columns]',
        "wide = (",
        "    wide.reset_index()",
        ...places.map((p) => {
          const within = p.dataset.places?.within
          const kept = [p.key, p.name, ...(within === undefined ? [] : [within])]
          return `    .merge(${p.dataset.name}[[${kept.map(py).join(", ")}]], on=${py(p.key)})`
        }),
        ")",
      ].join("\n"),
    },
  ]
}

/** What the place names a wide view adds come from, for the sentence over its snippets. */
export const wideSources = (d: DatasetDefinition, datasets: ReadonlyArray<DatasetDefinition>): string[] =>
  d.wide === undefined ? [] : placeChain(d, d.wide.rows, datasets).map((p) => p.dataset.name)
