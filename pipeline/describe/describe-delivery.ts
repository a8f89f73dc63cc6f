/**
 * A delivery's file described from its bytes, as `pipeline add` proposes it: the dialect
 * (encoding, delimiter, line endings, number format, missing-value markers), each column's
 * field, the constants and the indicator, with the evidence for each guess, and the questions
 * only a person can answer. Pure: bytes, the request and the release's lists in.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { ColumnMapping, Dialect } from "../contract/manifest-schema.ts"
import type { MunicipalityIndex } from "../normalize/municipality-names.ts"
import type { AddRequest } from "./add-request.ts"
import { type Guess, question, type Question, quoted, someOf } from "./evidence.ts"
import { chooseIndicator, type KnownIndicator, type NewIndicator, type ProjectPeriod } from "./indicator-choice.ts"
import { fieldOf, matchColumns } from "./match-columns.ts"
import { missingValues } from "./missing-values.ts"
import { type ColumnValues, detectNumberFormat } from "./number-format.ts"
import { dialectOf } from "./propose-entry.ts"
import { readTable, sniffDelimiter, sniffEncoding, sniffLineEndings } from "./sniff-dialect.ts"
import { proposeWide, type WideLayout, wideCells } from "./wide-layout.ts"
import { placeIn, spoilerOf } from "./cell-place.ts"

export interface DescribeInput {
  readonly bytes: Uint8Array
  readonly dataset: DatasetDefinition
  readonly request: AddRequest
  /** The release's names of places, its known indicators and their projects' periods; undefined when it has none. */
  readonly names: MunicipalityIndex | undefined
  readonly known: ReadonlyArray<KnownIndicator> | undefined
  readonly periods: ReadonlyArray<ProjectPeriod> | undefined
  /** Where the indicators and the names were looked for, for a question or a note. */
  readonly knownFile: string
  readonly namesFile?: string
  /** A workbook's sheet, read by the caller: the table is taken from it instead of the bytes. */
  readonly workbook?: Workbook
}

/** A sheet of a workbook as a table: its labels, and each record's cells and row. */
export interface Workbook {
  readonly sheet: string
  readonly headerRow: number
  /** The table's last row, when notes or more stand below it. */
  readonly lastRow?: number
  /** Why these: the sheet and the header row, with the evidence. */
  readonly guesses: ReadonlyArray<Guess>
  readonly header: ReadonlyArray<string>
  /** Each label's column number (1 for A). */
  readonly columns: ReadonlyArray<number>
  readonly records: ReadonlyArray<ReadonlyArray<string>>
  readonly lines: ReadonlyArray<number>
}

export interface Description {
  readonly guesses: ReadonlyArray<Guess>
  /** What a person should know: the rules the delivery meets next. */
  readonly notes: ReadonlyArray<string>
  readonly questions: ReadonlyArray<Question>
  readonly dialect: Dialect | undefined
  readonly columns: Readonly<Record<string, ColumnMapping>>
  readonly constants: Readonly<Record<string, string>>
  readonly newIndicator: NewIndicator | undefined
  /** A table of one column per year, read as one value per column. */
  readonly layout?: { readonly wide: WideLayout }
}

export const describeDelivery = (input: DescribeInput): Description => {
  const { request } = input
  const guesses: Guess[] = []
  const notes: string[] = []
  const questions: Question[] = []
  const result = (more: Partial<Description> = {}): Description => ({
    guesses,
    notes,
    questions,
    dialect: undefined,
    columns: {},
    constants: {},
    newIndicator: undefined,
    ...more,
  })
  const start = [...input.bytes.subarray(0, 4)]
  if (input.workbook !== undefined) {
    guesses.push(...input.workbook.guesses)
    return describeTable(input, input.workbook, { guesses, notes, questions, result })
  }
  if (start.join() === "80,75,3,4" || input.bytes.includes(0)) {
    questions.push(
      question(
        "FILE",
        `the file is ${start[0] === 80 ? "a workbook (or another zip file)" : "not text (it has NUL bytes: UTF-16?)"}: save it from the spreadsheet as CSV, and add that`,
      ),
    )
    return result()
  }
  const encoding = sniffEncoding(input.bytes, request.encoding)
  guesses.push(encoding.guess)
  if (encoding.text.trim() === "") {
    questions.push(question("FILE", "the file is empty: give a file with a header and records"))
    return result()
  }
  const delimiter = sniffDelimiter(encoding.text, request.delimiter)
  if (delimiter.guess !== undefined) guesses.push(delimiter.guess)
  if (delimiter.question !== undefined) questions.push(delimiter.question)
  if (delimiter.delimiter === undefined) return result()
  const table = readTable(encoding.text, delimiter.delimiter)
  guesses.push(sniffLineEndings(table.rows))
  return describeTable(
    input,
    table,
    { guesses, notes, questions, result },
    {
      encoding: encoding.encoding,
      delimiter: delimiter.delimiter,
    },
  )
}

/** The table's columns, number format, indicator and missing values, whatever file it came from. */
const describeTable = (
  input: DescribeInput,
  table: {
    readonly header: ReadonlyArray<string>
    readonly records: ReadonlyArray<ReadonlyArray<string>>
    readonly lines: ReadonlyArray<number>
  },
  found: {
    readonly guesses: Guess[]
    readonly notes: string[]
    readonly questions: Question[]
    readonly result: (more?: Partial<Description>) => Description
  },
  text?: { readonly encoding: Dialect["encoding"]; readonly delimiter: Dialect["delimiter"] },
): Description => {
  const { request, dataset } = input
  const { guesses, notes, questions, result } = found
  const definitions = columnsOf(dataset)

  const place = placeIn(input.workbook)
  const dropped = (label: string) => {
    const given = request.columns.get(label)
    return given !== undefined && !("field" in given)
  }
  const byLabel: ColumnValues[] = table.header.map((label, i) => ({
    label,
    values: table.records.map((r) => r[i] ?? ""),
    lines: table.lines,
  }))
  // A column per year is one column of values, read as such.
  const wide = proposeWide(table.header, definitions, request)
  guesses.push(...wide.guesses)
  questions.push(...wide.questions)
  const wideLabels = new Set(wide.labels)
  const widened = wide.layout === undefined ? undefined : wideCells(table, wide.labels)
  const own = byLabel.filter((c) => !wideLabels.has(c.label))
  const cells = widened === undefined ? own : [...own, widened]
  const numbers = detectNumberFormat(
    cells.filter((c) => !dropped(c.label)),
    request,
  )
  guesses.push(...numbers.guesses)
  questions.push(...numbers.questions)

  const constants: Record<string, string> = { ...request.constants }
  let newIndicator: NewIndicator | undefined
  let period: ProjectPeriod | undefined
  if (dataset.name === "indicator_values") {
    const choice = chooseIndicator(request.indicator, input.known, input.periods, input.knownFile)
    guesses.push(...choice.guesses)
    notes.push(...choice.notes)
    questions.push(...choice.questions)
    if (choice.indicatorId !== undefined) constants["indicator_id"] = choice.indicatorId
    newIndicator = choice.newIndicator
    period = choice.period
  }
  for (const [field, value] of Object.entries(request.constants))
    guesses.push({ subject: field, value: quoted(value), evidence: "given with --set" })

  if (input.names === undefined && definitions.some((d) => d.name === "municipality_code"))
    notes.push(
      `there is no list of municipalities${input.namesFile === undefined ? "" : ` (${input.namesFile})`}: names and codes are not checked until validate (build first, or give --out)`,
    )
  const layoutFields = wide.layout === undefined ? [] : [wide.layout.labelField, wide.layout.valueField]
  const markers = new Set(numbers.markers.keys())
  const match = matchColumns({
    dataset: dataset.name,
    header: own.map((c) => c.label),
    values: new Map(own.map((c) => [c.label, c.values.filter((v) => v !== "" && !markers.has(v))])),
    fields: definitions.filter((c) => constants[c.name] === undefined && !layoutFields.includes(c.name)),
    municipalities: input.names,
    indicators: input.known === undefined ? undefined : new Set(input.known.map((i) => i.indicator_id)),
    numeric: numbers.numeric,
    given: request.columns,
    spoiler: (label) => spoilerOf(own.find((c) => c.label === label)!, place),
  })
  guesses.push(...match.guesses)
  questions.push(...match.questions)
  for (const label of request.columns.keys())
    if (!table.header.includes(label))
      questions.push(
        question(
          "--column",
          `the header has no column ${quoted(label)}: its labels are ${table.header.map(quoted).join(", ")}`,
        ),
      )

  const years =
    wide.layout?.labelField === "year"
      ? wide.labels.map((l) => l.slice(-4))
      : cells.find((c) => match.columns[c.label] === "year")?.values.filter((v) => /^[0-9]{4}$/u.test(v))
  const outside = [...new Set(years ?? [])].filter(
    (y) => period !== undefined && (y < period.start_date.slice(0, 4) || y > period.end_date.slice(0, 4)),
  )
  if (outside.length > 0)
    notes.push(
      `${someOf(outside.sort(), 5)} ${outside.length === 1 ? "is" : "are"} outside the project's period: validate will refuse ${outside.length === 1 ? "it" : "them"} (row/period)`,
    )
  const mapped = new Set([...Object.values(match.columns).flatMap((m) => fieldOf(m) ?? []), ...layoutFields])
  const fieldOfColumn = (c: ColumnValues) =>
    definitions.find(
      (d) => d.name === (c === widened ? wide.layout!.valueField : fieldOf(match.columns[c.label] ?? { ignore: "" })),
    )
  const missing = missingValues(cells, fieldOfColumn, mapped, numbers.markers, request.missing, place)
  guesses.push(...missing.guesses)
  questions.push(...missing.questions)
  // Every row needs its required fields.
  for (const d of definitions) {
    if (d.nullable || constants[d.name] !== undefined || mapped.has(d.name)) continue
    if (d.name === "indicator_id" && dataset.name === "indicator_values") {
      if (request.indicator.indicator === undefined && request.indicator.newIndicator === undefined)
        questions.push(
          question(
            "--indicator",
            `which indicator do the values measure? the file has no column of indicators: name one the release has${input.known === undefined ? "" : ` (${input.known.map((i) => i.indicator_id).join(", ")})`}, or define a new one with --new-indicator ID --label-sv TEXT --label-en TEXT --unit UNIT`,
            `--indicator ${input.known?.[0]?.indicator_id ?? "ID"}`,
          ),
        )
      continue
    }
    if (match.questions.length === 0 && wide.questions.length === 0)
      questions.push(
        question(
          "--set",
          `no column gives ${d.name}, which every row of ${dataset.name} needs: map a column to it, or give its one value`,
          `--set ${d.name}=VALUE (or --column "LABEL=${d.name}")`,
        ),
      )
  }
  return result({
    dialect: dialectOf({
      encoding: text?.encoding,
      delimiter: text?.delimiter,
      ...(input.workbook === undefined
        ? {}
        : { sheet: input.workbook.sheet, headerRow: input.workbook.headerRow, lastRow: input.workbook.lastRow }),
      decimalSeparator: numbers.decimalSeparator,
      thousandsSeparator: numbers.thousandsSeparator,
      missingValues: [...request.missing],
    }),
    columns: match.columns,
    constants,
    newIndicator,
    ...(wide.layout === undefined ? {} : { layout: { wide: wide.layout } }),
  })
}
