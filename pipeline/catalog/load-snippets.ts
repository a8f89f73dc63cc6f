/**
 * How to load a dataset's CSV, JSON and Parquet files in pandas, R and DuckDB, with its types
 * stated: codes as text (so 0114 keeps its zero), whole numbers as integers, missing values as
 * NA, dates as dates. Made from the definition, for the codebook and the dataset's page; the
 * tests run each snippet. Pure.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf, type Column } from "../../schemas/derive/columns.ts"
import { columnsStructSql } from "../../schemas/derive/duckdb.ts"
import type { ColumnType } from "../../schemas/field.ts"
import { readAlone } from "../contract/release-layout.ts"

/** The formats' names, as headings over their snippets. */
export const FORMAT_NAMES = { csv: "CSV", json: "JSON", parquet: "Parquet", xlsx: "Excel" } as const

export interface Snippet {
  /** What reads the file: `pandas`, `readr`, `base R`, `jsonlite`, `arrow`, `DuckDB`. */
  readonly tool: string
  readonly format: keyof typeof FORMAT_NAMES
  /** The code block's language: `python`, `r` or `sql`. */
  readonly language: "python" | "r" | "sql"
  readonly code: string
}

export const PANDAS: Record<Exclude<ColumnType, "DATE">, string> = {
  VARCHAR: "string",
  INTEGER: "Int64",
  BIGINT: "Int64",
  DOUBLE: "Float64",
  BOOLEAN: "boolean",
}

// R's integers are 32-bit: a BIGINT (amounts in SEK) is read as a double, exactly up to 2^53.
const READR: Record<ColumnType, string> = {
  VARCHAR: "col_character()",
  INTEGER: "col_integer()",
  BIGINT: "col_double()",
  DOUBLE: "col_double()",
  BOOLEAN: "col_logical()",
  DATE: "col_date()",
}

const BASE_R: Record<ColumnType, string> = {
  VARCHAR: "character",
  INTEGER: "integer",
  BIGINT: "numeric",
  DOUBLE: "numeric",
  BOOLEAN: "logical",
  DATE: "Date",
}

// Every column is given its type: jsonlite reads a column of nulls as logical, and whole numbers as integers.
const AS_R: Record<ColumnType, string> = {
  VARCHAR: "as.character",
  INTEGER: "as.integer",
  BIGINT: "as.numeric",
  DOUBLE: "as.numeric",
  BOOLEAN: "as.logical",
  DATE: "as.Date",
}

const py = (s: string): string => JSON.stringify(s)
const lines = (items: ReadonlyArray<string>, indent: string) => items.map((i) => `${indent}${i},`).join("\n")

const pandasTypes = (columns: ReadonlyArray<Column>) =>
  columns
    .filter((c) => c.type !== "DATE")
    .map((c) => `${py(c.name)}: ${py(PANDAS[c.type as Exclude<ColumnType, "DATE">])}`)

const dates = (columns: ReadonlyArray<Column>) => columns.filter((c) => c.type === "DATE").map((c) => c.name)

/**
 * pandas reading a dataset's CSV file (or its workbook) into `name`, with its types. A workbook
 * holds true and false as such, which pandas 1.5 takes as a boolean column only after reading.
 */
export const pandasRead = (d: DatasetDefinition, path: string, name = "df", reader = "read_csv"): string[] => {
  const columns = columnsOf(d)
  const dated = dates(columns)
  const after = reader === "read_excel" ? columns.filter((c) => c.type === "BOOLEAN") : []
  return [
    `${name} = pd.${reader}(`,
    `    ${py(path)},`,
    "    dtype={",
    lines(pandasTypes(columns.filter((c) => !after.includes(c))), "        "),
    "    },",
    ...(dated.length === 0 ? [] : [`    parse_dates=[${dated.map(py).join(", ")}],`]),
    "    keep_default_na=False,",
    '    na_values=[""],',
    ")",
    ...after.map((c) => `${name}[${py(c.name)}] = ${name}[${py(c.name)}].astype("boolean")`),
  ]
}

/** readr reading a dataset's CSV file into `name`, with its types. */
export const readrRead = (d: DatasetDefinition, path: string, name = "df"): string[] => [
  `${name} <- read_csv(${py(path)}, na = "", col_types = cols(`,
  columnsOf(d)
    .map((c) => `  ${c.name} = ${READR[c.type]}`)
    .join(",\n"),
  "))",
]

/** Which pandas reads Parquet with nullable types: 2.x by `dtype_backend`, 1.5 by `use_nullable_dtypes`. */
const pandasParquet = (path: string, dated: ReadonlyArray<string>) => [
  "import pandas as pd",
  "",
  "# Nullable types (string, Int64, Float64, boolean), as the other snippets give: a whole number",
  "# stays whole where a value of its column is missing. Needs pyarrow.",
  'if int(pd.__version__.split(".")[0]) >= 2:',
  `    df = pd.read_parquet(${py(path)}, dtype_backend="numpy_nullable")`,
  "else:  # pandas 1.5",
  `    df = pd.read_parquet(${py(path)}, use_nullable_dtypes=True)`,
  ...dated.map((c) => `df[${py(c)}] = pd.to_datetime(df[${py(c)}])`),
]

/** A dataset's loading snippets; the workbook's where it has one (a dataset of few rows, read alone). */
export const loadSnippets = (
  d: DatasetDefinition,
  file: (ext: keyof typeof FORMAT_NAMES) => string,
  workbook = readAlone(d),
): Snippet[] => {
  const columns = columnsOf(d)
  const dated = dates(columns)
  const types = pandasTypes(columns)
  const pandasCsv = ["import pandas as pd", "", ...pandasRead(d, file("csv"))]
  // Codes as text: without `dtype`, pandas reads the text cell 0114 as the number 114.
  const pandasExcel = ["import pandas as pd", "", ...pandasRead(d, file("xlsx"), "df", "read_excel")]
  const pandasJson = [
    "import json",
    "import pandas as pd",
    "",
    `with open(${py(file("json"))}, encoding="utf-8") as f:`,
    "    df = pd.DataFrame(json.load(f)).astype({",
    lines(types, "        "),
    "    })",
    ...dated.map((c) => `df[${py(c)}] = pd.to_datetime(df[${py(c)}])`),
  ]
  const readr = ["library(readr)", ...readrRead(d, file("csv"))]
  const baseR = [
    `df <- read.csv(${py(file("csv"))}, na.strings = "", fileEncoding = "UTF-8", colClasses = c(`,
    columns.map((c) => `  ${c.name} = ${py(BASE_R[c.type])}`).join(",\n"),
    "))",
  ]
  const jsonlite = [
    "library(jsonlite)",
    `df <- fromJSON(${py(file("json"))})`,
    ...columns.map((c) => `df$${c.name} <- ${AS_R[c.type]}(df$${c.name})`),
  ]
  const struct = columnsStructSql(d)
  return [
    { tool: "pandas", format: "csv", language: "python", code: pandasCsv.join("\n") },
    { tool: "pandas", format: "json", language: "python", code: pandasJson.join("\n") },
    { tool: "pandas", format: "parquet", language: "python", code: pandasParquet(file("parquet"), dated).join("\n") },
    ...(workbook
      ? [{ tool: "pandas", format: "xlsx", language: "python", code: pandasExcel.join("\n") } as const]
      : []),
    { tool: "readr", format: "csv", language: "r", code: readr.join("\n") },
    { tool: "base R", format: "csv", language: "r", code: baseR.join("\n") },
    { tool: "jsonlite", format: "json", language: "r", code: jsonlite.join("\n") },
    {
      tool: "arrow",
      format: "parquet",
      language: "r",
      code: `df <- arrow::read_parquet(${py(file("parquet"))})  # needs the arrow package`,
    },
    {
      tool: "DuckDB",
      format: "csv",
      language: "sql",
      code: `SELECT * FROM read_csv('${file("csv")}', header = true, auto_detect = false,\n  columns = ${struct});`,
    },
    {
      tool: "DuckDB",
      format: "json",
      language: "sql",
      code: `SELECT * FROM read_json('${file("json")}', format = 'array',\n  columns = ${struct});`,
    },
    { tool: "DuckDB", format: "parquet", language: "sql", code: `SELECT * FROM '${file("parquet")}';` },
  ]
}
