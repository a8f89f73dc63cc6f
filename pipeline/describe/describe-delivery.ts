/**
 * A delivery's file described from its bytes, as `pipeline add` proposes it: the dialect
 * (encoding, delimiter, line endings, number format, missing-value markers), each column's
 * field, the constants and the indicator, with the evidence for each guess, and the questions
 * only a person can answer. Pure: bytes, the request and the release's lists in.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { ColumnMapping, Dialect } from "../contract/manifest-schema.ts"
import type { AddRequest } from "./add-request.ts"
import { type Guess, question, type Question, quoted } from "./evidence.ts"
import { chooseIndicator, type NewIndicator } from "./indicator-choice.ts"
import { fieldOf, matchColumns } from "./match-columns.ts"
import { missingValues } from "./missing-values.ts"
import { outsidePeriodNote, requiredFieldQuestions } from "./row-needs.ts"
import { type ColumnValues, detectNumberFormat } from "./number-format.ts"
import { dialectOf } from "./propose-entry.ts"
import { readTable, sniffDelimiter, sniffEncoding, sniffLineEndings } from "./sniff-dialect.ts"
import { proposeWide, type WideLayout, wideCells } from "./wide-layout.ts"
import { placeIn, spoilerOf } from "./cell-place.ts"
import { type ProjectPeriod, releaseLists, rolesOf, type Rows } from "./roles.ts"

export interface DescribeInput {
  readonly bytes: Uint8Array
  readonly dataset: DatasetDefinition
  readonly request: AddRequest
  /** Every dataset: the described one is checked against those its definition finds by their roles (roles.ts). */
  readonly datasets: ReadonlyArray<DatasetDefinition>
  /** The release's rows of a dataset (`listsOf` says which are read); undefined when it has none. */
  readonly rowsOf: (dataset: string) => Rows | undefined
  /** Where a dataset's rows were looked for, for a question or a note. */
  readonly whereOf: (dataset: string) => string
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
  const roles = rolesOf(dataset, input.datasets)
  const known = releaseLists(roles, input.rowsOf)

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
  const wide = proposeWide(table.header, definitions, roles.yearField, request)
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
  const { codebook } = roles
  if (codebook !== undefined) {
    const where = input.whereOf(codebook.dataset.name)
    const choice = chooseIndicator(codebook, request.indicator, known.measures, known.periods, where)
    guesses.push(...choice.guesses)
    notes.push(...choice.notes)
    questions.push(...choice.questions)
    if (choice.indicatorId !== undefined) constants[codebook.field] = choice.indicatorId
    newIndicator = choice.newIndicator
    period = choice.period
  }
  for (const [field, value] of Object.entries(request.constants))
    guesses.push({ subject: field, value: quoted(value), evidence: "given with --set" })

  if (roles.place !== undefined && known.places === undefined)
    notes.push(
      `there is no list of ${roles.place.places} (${input.whereOf(roles.place.places)}): names and codes are not checked until validate (build first, or give --out)`,
    )
  const layoutFields = wide.layout === undefined ? [] : [wide.layout.labelField, wide.layout.valueField]
  const markers = new Set(numbers.markers.keys())
  const match = matchColumns({
    dataset: dataset.name,
    header: own.map((c) => c.label),
    values: new Map(own.map((c) => [c.label, c.values.filter((v) => v !== "" && !markers.has(v))])),
    fields: definitions.filter((c) => constants[c.name] === undefined && !layoutFields.includes(c.name)),
    place: roles.place,
    places: known.places,
    yearField: roles.yearField,
    measures:
      roles.measures === undefined || known.measures === undefined
        ? undefined
        : {
            field: roles.measures.field,
            name: roles.measures.dataset.name,
            ids: new Set(known.measures.map((i) => i.id)),
          },
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
    roles.yearField === undefined
      ? undefined
      : wide.layout?.labelField === roles.yearField
        ? wide.labels.map((l) => l.slice(-4))
        : cells.find((c) => match.columns[c.label] === roles.yearField)?.values.filter((v) => /^[0-9]{4}$/u.test(v))
  const outside = outsidePeriodNote(years, period)
  if (outside !== undefined) notes.push(outside)
  const mapped = new Set([...Object.values(match.columns).flatMap((m) => fieldOf(m) ?? []), ...layoutFields])
  const fieldOfColumn = (c: ColumnValues) =>
    definitions.find(
      (d) => d.name === (c === widened ? wide.layout!.valueField : fieldOf(match.columns[c.label] ?? { ignore: "" })),
    )
  const missing = missingValues(cells, fieldOfColumn, mapped, numbers.markers, request.missing, place)
  guesses.push(...missing.guesses)
  questions.push(...missing.questions)
  questions.push(
    ...requiredFieldQuestions(definitions, {
      dataset: dataset.name,
      filled: (field) => constants[field] !== undefined || mapped.has(field),
      codebook,
      measures: known.measures,
      indicatorGiven: request.indicator.indicator !== undefined || request.indicator.newIndicator !== undefined,
      asked: match.questions.length > 0 || wide.questions.length > 0,
    }),
  )
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
