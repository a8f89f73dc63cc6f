/**
 * Workbooks written by openpyxl (Debian's, under /usr/bin/python3) for the .xlsx reader's tests,
 * so the files are what another program writes, not what the reader's own library would.
 */
import { execFileSync } from "node:child_process"

const PYTHON = "/usr/bin/python3"

/** A date as `2010-03-01` (a Python date) or `2010-03-01T12:30:00` (a datetime). */
export type DateSpec = { readonly date: string }
export type CellValue = string | number | boolean | DateSpec
/** A cell: its value, or its value with an Excel number format (a date's default is `yyyy-mm-dd`). */
export type CellSpec = CellValue | { readonly value: CellValue; readonly numberFormat: string }

export interface SheetSpec {
  readonly name: string
  /** Cells by address: `{ A1: "Kommun", B2: 12.5 }`. */
  readonly cells: Readonly<Record<string, CellSpec>>
  /** Merged ranges, `["A1:D1"]`; the value is the first cell's. */
  readonly merged?: ReadonlyArray<string>
}

export interface WorkbookSpec {
  readonly sheets: ReadonlyArray<SheetSpec>
}

const SCRIPT = `
import datetime, json, sys
import openpyxl

job = json.load(sys.stdin)
wb = openpyxl.Workbook()
wb.remove(wb.active)
for sheet in job["spec"]["sheets"]:
    ws = wb.create_sheet(sheet["name"])
    for address, cell in sheet["cells"].items():
        fmt = None
        if isinstance(cell, dict) and "value" in cell:
            fmt = cell["numberFormat"]
            cell = cell["value"]
        if isinstance(cell, dict) and "date" in cell:
            text = cell["date"]
            if "T" in text:
                cell = datetime.datetime.fromisoformat(text)
                fmt = fmt or "yyyy-mm-dd hh:mm:ss"
            else:
                cell = datetime.date.fromisoformat(text)
                fmt = fmt or "yyyy-mm-dd"
        ws[address] = cell
        if fmt is not None:
            ws[address].number_format = fmt
    for ref in sheet.get("merged", []):
        ws.merge_cells(ref)
wb.save(job["path"])
`

/** Writes the workbook to `path` with openpyxl. */
export const writeWorkbook = (path: string, spec: WorkbookSpec): void => {
  execFileSync(PYTHON, ["-c", SCRIPT], { input: JSON.stringify({ path, spec }), stdio: ["pipe", "pipe", "pipe"] })
}

/** Whether /usr/bin/python3 has openpyxl (CI installs it). */
export const hasOpenpyxl = (): boolean => {
  try {
    execFileSync(PYTHON, ["-c", "import openpyxl"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}
