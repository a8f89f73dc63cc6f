/** Runs a loading snippet in Python (Debian's pandas) or R (readr, jsonlite), for tests. */
import { execFileSync } from "node:child_process"
import type { ColumnType } from "../../schemas/field.ts"

const available = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}

export const hasPandas = (): boolean => available("/usr/bin/python3", ["-c", "import pandas"])
/** pandas' Parquet engine; Debian packages none. */
export const hasPyarrow = (): boolean => available("/usr/bin/python3", ["-c", "import pyarrow"])

/** The first of `keywords` that the installed pandas' reader `reader` takes. */
export const pandasAccepts = (reader: string, keywords: ReadonlyArray<string>): string | undefined => {
  const taken = JSON.parse(
    execFileSync(
      "/usr/bin/python3",
      ["-c", `import inspect, json, pandas; print(json.dumps(list(inspect.signature(pandas.${reader}).parameters)))`],
      { encoding: "utf8" },
    ),
  ) as string[]
  return keywords.find((k) => taken.includes(k))
}
export const hasR = (): boolean => available("Rscript", ["-e", "library(readr); library(jsonlite)"])

/** The types a snippet promises, as each tool names them. */
export const PANDAS_TYPES: Record<ColumnType, string> = {
  VARCHAR: "string",
  INTEGER: "Int64",
  BIGINT: "Int64",
  DOUBLE: "Float64",
  BOOLEAN: "boolean",
  DATE: "datetime64[ns]",
}
export const R_TYPES: Record<ColumnType, string> = {
  VARCHAR: "character",
  INTEGER: "integer",
  BIGINT: "numeric",
  DOUBLE: "numeric",
  BOOLEAN: "logical",
  DATE: "Date",
}

/** What a snippet made of the file: each column's type, and the rows as JSON (dates as text, NA as null). */
export interface Loaded {
  readonly types: Record<string, string>
  readonly rows: Array<Record<string, unknown>>
}

const PYTHON_REPORT = `
import json as _json
_rows = df.astype(object).where(df.notna(), None)
for _c in df.columns:
    if str(df[_c].dtype).startswith("datetime64"):
        _rows[_c] = [None if v is None else v.strftime("%Y-%m-%d") for v in _rows[_c]]
print(_json.dumps({"types": {c: str(t) for c, t in df.dtypes.items()}, "rows": _rows.to_dict("records")}, default=float))
`

const R_REPORT = `
cat(jsonlite::toJSON(list(types = lapply(df, function(x) class(x)[1]), rows = df), auto_unbox = TRUE, na = "null", digits = NA, Date = "ISO8601"))
`

export const runPython = (code: string, cwd: string): Loaded =>
  JSON.parse(
    execFileSync("/usr/bin/python3", ["-c", `${code}\n${PYTHON_REPORT}`], {
      cwd,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    }),
  ) as Loaded

export const runR = (code: string, cwd: string): Loaded =>
  JSON.parse(
    execFileSync("Rscript", ["-e", `${code}\n${R_REPORT}`], { cwd, encoding: "utf8", maxBuffer: 1 << 28 }),
  ) as Loaded
