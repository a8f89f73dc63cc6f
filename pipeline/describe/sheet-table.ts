/**
 * Where the table of a sheet saved by a statistics office stands: its header row below the
 * titles, and its last row above the notes block ("Kommentar:", footnotes, the source). The
 * table ends at the first blank row after its records, or at a row that begins a note; what
 * follows a blank row is notes only when no row of it holds values in several columns, as a
 * record does, else where the table ends is asked. Pure: each cell's text in, rows out.
 */
import { columnLetters } from "../problems/render.ts"
import { guess, type Guess, question, type Question, quoted } from "./evidence.ts"

/** How far down a header row is looked for. */
const HEADER_ROWS = 20

/** A first cell that begins a note: "Kommentar:", "Källa: SCB", "Anm.", "Fotnot 1", "Source:". */
const NOTE =
  /^(?:kommentar(?:er)?|källa|källor|anm(?:ärkning(?:ar)?)?|fotnot(?:er)?|not(?:er)?|förklaring(?:ar)?|teckenförklaring|comments?|sources?|notes?|footnotes?)(?![\p{L}\p{N}])/iu

export interface SheetTable {
  readonly headerRow: number
  /** Undefined when the table runs to the sheet's last row with values. */
  readonly lastRow: number | undefined
  /** The header row and the last row, each with its evidence. */
  readonly guesses: ReadonlyArray<Guess>
}

/** Each row's text by column, row 1 first; "" for an empty cell. */
export type Grid = ReadonlyArray<ReadonlyArray<string>>

const filled = (row: ReadonlyArray<string> | undefined): number[] =>
  (row ?? []).flatMap((text, i) => (text === "" ? [] : [i + 1]))

const firstText = (row: ReadonlyArray<string> | undefined): string => (row ?? []).find((t) => t !== "") ?? ""

const isNote = (row: ReadonlyArray<string> | undefined): boolean => NOTE.test(firstText(row))

/** A cell and its text, for a message: `A13 ("Kommentar:")`. */
const cellShown = (grid: Grid, row: number, column: number) =>
  `${columnLetters(column)}${row} (${quoted(grid[row - 1]![column - 1]!)})`

interface Extent {
  /** The rows of records: from the first below the header to the last before the end. */
  readonly first: number
  readonly last: number
  /** The row the table ends at, and why; undefined at the sheet's end. */
  readonly end?: { readonly row: number; readonly why: string }
  /** A row below the end that holds values in several columns, as a record does. */
  readonly more?: number
}

/** The records below a header: from the first row with values to the first blank row or note. */
const extentBelow = (grid: Grid, headerRow: number): Extent | undefined => {
  let first: number | undefined
  let last = headerRow
  for (let row = headerRow + 1; row <= grid.length; row++) {
    const cells = filled(grid[row - 1])
    if (cells.length === 0 && first === undefined) continue
    if (cells.length === 0 || isNote(grid[row - 1])) {
      if (first === undefined) return undefined
      const note = cells.length > 0
      // Below a note everything is notes; below a blank row, a row like a record says the table may go on.
      let more: number | undefined
      for (let below = row + 1; !note && more === undefined && below <= grid.length; below++) {
        if (isNote(grid[below - 1])) break
        if (filled(grid[below - 1]).length > 1) more = below
      }
      return {
        first,
        last,
        end: {
          row,
          why: note
            ? `row ${row} begins a note, ${cellShown(grid, row, cells[0]!)}`
            : more === undefined
              ? blankRow(grid, row)
              : `row ${row} is blank`,
        },
        ...(more === undefined ? {} : { more }),
      }
    }
    first ??= row
    last = row
  }
  return first === undefined ? undefined : { first, last }
}

/** A blank row that ends a table, and the notes below it: `row 12 is blank, and below it are notes from A13 ("Kommentar:")`. */
const blankRow = (grid: Grid, row: number): string => {
  const below = grid.findIndex((r, i) => i >= row && filled(r).length > 0)
  return below < 0
    ? `row ${row} is blank`
    : `row ${row} is blank, and below it are notes from ${cellShown(grid, below + 1, filled(grid[below])[0]!)}`
}

/**
 * The first cell below a header that holds a value in a column the header does not label: in
 * the records and in any block below a blank row, but not in the notes (from a row that begins
 * one, or a row of one cell below a blank row).
 */
const unlabelled = (grid: Grid, headerRow: number): { row: number; column: number } | undefined => {
  const labels = new Set(filled(grid[headerRow - 1]))
  let [started, afterBlank] = [false, false]
  for (let row = headerRow + 1; row <= grid.length; row++) {
    const cells = filled(grid[row - 1])
    if (cells.length === 0) {
      afterBlank ||= started
      continue
    }
    if (isNote(grid[row - 1])) return undefined
    started = true
    if (afterBlank && cells.length === 1) continue
    const column = cells.find((c) => !labels.has(c))
    if (column !== undefined) return { row, column }
  }
  return undefined
}

/** A number that is not a year (`2516`, `12,5`): a record's value, never a header's label. */
const isAmount = (label: string): boolean =>
  /^[+-]?[0-9][0-9 \u00a0.,]*$/u.test(label) && !(/^[0-9]{4}$/u.test(label) && +label >= 1900 && +label <= 2100)

/** The last row of the block of records that begins at `row` (below a blank one). */
const blockEnd = (grid: Grid, row: number): number => {
  let last = row
  while (last < grid.length && filled(grid[last]).length > 0 && !isNote(grid[last])) last++
  return last
}

const lastRowGuess = (grid: Grid, extent: Extent): Guess =>
  guess(
    "last row",
    String(extent.last),
    `${extent.end!.why}; ${extent.end!.row === grid.length ? `row ${grid.length} is` : `rows ${extent.end!.row}–${grid.length} are`} not read, --last-row N reads to another row`,
  )

/** The table of the sheet, from what was given (`--header-row`, `--last-row`) and what its rows show. */
export const findSheetTable = (
  grid: Grid,
  given: { readonly headerRow: number | undefined; readonly lastRow: number | undefined },
): { readonly table?: SheetTable; readonly questions: ReadonlyArray<Question> } => {
  if (given.lastRow !== undefined && given.headerRow !== undefined && given.lastRow <= given.headerRow)
    return {
      questions: [
        question(
          "--last-row",
          `the last row, ${given.lastRow}, is not below the header row, ${given.headerRow}: give the row of the last record`,
          `--last-row ${given.headerRow + 1}`,
        ),
      ],
    }
  let nearest: { row: number; labels: number; spoiler: { row: number; column: number } } | undefined
  const candidates =
    given.headerRow === undefined
      ? Array.from({ length: Math.min(HEADER_ROWS, grid.length) }, (_, i) => i + 1)
      : [given.headerRow]
  for (const headerRow of candidates) {
    const labels = filled(grid[headerRow - 1]).length
    if (given.headerRow === undefined && (labels < 2 || grid[headerRow - 1]!.some(isAmount))) continue
    const found = extentBelow(grid, headerRow)
    const extent =
      given.lastRow === undefined || found === undefined ? found : { first: found.first, last: given.lastRow }
    if (extent === undefined) continue
    const spoiler = given.headerRow === undefined ? unlabelled(grid, headerRow) : undefined
    if (spoiler !== undefined) {
      if (nearest === undefined || labels > nearest.labels) nearest = { row: headerRow, labels, spoiler }
      continue
    }
    const headerGuess =
      given.headerRow !== undefined
        ? guess("header row", String(headerRow), "given with --header-row")
        : guess(
            "header row",
            String(headerRow),
            headerRow === 1
              ? "the first row labels every column"
              : `the first row that labels every column holding values below it; rows 1–${headerRow - 1} above it are skipped`,
          )
    if (given.lastRow !== undefined)
      return {
        table: {
          headerRow,
          lastRow: given.lastRow,
          guesses: [headerGuess, guess("last row", String(given.lastRow), "given with --last-row")],
        },
        questions: [],
      }
    if (extent.more !== undefined)
      return {
        questions: [
          question(
            "--last-row",
            `the table below the header (row ${headerRow}) ends at row ${extent.last}: ${extent.end!.why}; but row ${extent.more} below it holds values in several columns, as a record does (${cellShown(grid, extent.more, filled(grid[extent.more - 1])[0]!)}): where does the table end?`,
            `--last-row ${extent.last} (or --last-row ${blockEnd(grid, extent.more)} to read the rows below the blank one too)`,
          ),
        ],
      }
    return {
      table: {
        headerRow,
        lastRow: extent.end === undefined ? undefined : extent.last,
        guesses: extent.end === undefined ? [headerGuess] : [headerGuess, lastRowGuess(grid, extent)],
      },
      questions: [],
    }
  }
  return {
    questions: [
      question(
        "--header-row",
        given.headerRow !== undefined
          ? `row ${given.headerRow} has no records below it: which row names the columns?`
          : nearest === undefined
            ? `no row among the first ${HEADER_ROWS} labels two columns or more with records below it: which row names the columns?`
            : `no row among the first ${HEADER_ROWS} labels every column that holds values below it; the nearest is row ${nearest.row}, which labels ${nearest.labels} columns, but column ${columnLetters(nearest.spoiler.column)} has no label there and holds ${cellShown(grid, nearest.spoiler.row, nearest.spoiler.column)}: label the column in the workbook, or name the header row`,
        `--header-row ${nearest?.row ?? 3}`,
      ),
    ],
  }
}
