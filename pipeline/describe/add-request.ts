/**
 * The command line of `pipeline add` read into a request: the dataset, who delivered the file
 * and under which licence, where it is filed, and each answer a person gave (`--column`,
 * `--missing`, `--set`, the separators). What is absent or malformed becomes a question that
 * names its flag. Pure.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { MISSING_LABELS } from "../../schemas/common-fields.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { MissingMarker } from "../contract/manifest-schema.ts"
import { question, type Question, quoted } from "./evidence.ts"
import type { IndicatorFlags } from "./indicator-choice.ts"
import { rolesOf } from "./roles.ts"
import type { GivenColumn } from "./match-columns.ts"
import { dialectFlags } from "./dialect-flags.ts"
import type { DecimalSeparator, ThousandsSeparator } from "./number-format.ts"
import type { Delimiter, Encoding } from "./sniff-dialect.ts"
import { type LICENCES, termsOf } from "./add-terms.ts"
import type { WideFlag } from "./wide-layout.ts"

export interface AddFlags extends IndicatorFlags {
  readonly dataset?: string
  readonly publisher?: string
  readonly licence?: string
  readonly rights?: string
  readonly received?: string
  readonly to?: string
  readonly description?: string
  readonly set: ReadonlyArray<string>
  readonly column: ReadonlyArray<string>
  readonly missing: ReadonlyArray<string>
  readonly decimalSeparator?: string
  readonly thousandsSeparator?: string
  readonly delimiter?: string
  readonly encoding?: string
  readonly wide?: string
}

export interface AddRequest {
  readonly dataset: DatasetDefinition | undefined
  readonly publisher: string | undefined
  /** The licence granted; null where the publisher grants none (`--licence none`), then with `rights`. */
  readonly licence: (typeof LICENCES)[number] | null | undefined
  readonly rights: string | undefined
  readonly received: string
  /** The folder under raw/ the file is filed in (before its day). */
  readonly folder: string | undefined
  readonly description: string | undefined
  readonly columns: ReadonlyMap<string, GivenColumn>
  readonly constants: Readonly<Record<string, string>>
  readonly missing: ReadonlyArray<MissingMarker>
  readonly decimalSeparator: DecimalSeparator | undefined
  readonly thousandsSeparator: ThousandsSeparator | undefined
  readonly delimiter: Delimiter | undefined
  readonly encoding: Encoding | undefined
  /** `--wide`: the fields of a layout of one column per year, or "none". */
  readonly wide: WideFlag | undefined
  readonly indicator: IndicatorFlags
}

/** A folder name for a publisher: ASCII, lower case, words joined by hyphens ("Vindelns kommun" → vindelns-kommun). */
export const slug = (name: string): string =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "")

const isDay = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`)
  return (
    /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u.test(date) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date)
  )
}

/** The parsed command line's values (`--decimal-separator` and the like) as the flags of a request. */
export const addFlagsOf = (values: Readonly<Record<string, unknown>>): AddFlags => {
  const one = (k: string) => (typeof values[k] === "string" ? values[k] : undefined)
  const many = (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : [])
  return {
    dataset: one("dataset"),
    publisher: one("publisher"),
    licence: one("licence"),
    rights: one("rights"),
    received: one("received"),
    to: one("to"),
    description: one("description"),
    column: many("column"),
    missing: many("missing"),
    set: many("set"),
    decimalSeparator: one("decimal-separator"),
    thousandsSeparator: one("thousands-separator"),
    delimiter: one("delimiter"),
    encoding: one("encoding"),
    wide: one("wide"),
    indicator: one("indicator"),
    newIndicator: one("new-indicator"),
    labelSv: one("label-sv"),
    labelEn: one("label-en"),
    unit: one("unit"),
    project: one("project"),
    definitionSv: one("definition-sv"),
    definitionEn: one("definition-en"),
  }
}

type Ask = (flag: string, text: string, example?: string) => void

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase("sv") + s.slice(1)

/** Splits `A=B` at the first (`--column`, `--set`) or last (`--missing`) "=". */
const split = (s: string, last: boolean): [string, string] | undefined => {
  const i = last ? s.lastIndexOf("=") : s.indexOf("=")
  return i < 0 ? undefined : [s.slice(0, i), s.slice(i + 1)]
}

export const parseAddFlags = (
  flags: AddFlags,
  datasets: ReadonlyArray<DatasetDefinition>,
  today: string,
): { readonly request: AddRequest; readonly questions: ReadonlyArray<Question> } => {
  const questions: Question[] = []
  const ask = (flag: string, text: string, example?: string) => questions.push(question(flag, text, example))
  const names = datasets.map((d) => d.name)
  const dataset = datasets.find((d) => d.name === flags.dataset)
  const roles = dataset === undefined ? undefined : rolesOf(dataset, datasets)
  // The datasets of values measured by an indicator: those --indicator is for.
  const measured = datasets.filter((d) => rolesOf(d, datasets).codebook !== undefined).map((d) => d.name)
  const example = `--dataset ${measured[0] ?? names[0]}`
  if (flags.dataset === undefined)
    ask("--dataset", `which dataset does the file feed? one of ${names.join(", ")}`, example)
  else if (dataset === undefined)
    ask("--dataset", `there is no dataset ${quoted(flags.dataset)}: one of ${names.join(", ")}`, example)
  const publisher = flags.publisher?.trim()
  if (publisher === undefined || publisher === "")
    ask("--publisher", "who delivered the file? (the organisation whose data it is)", '--publisher "Vindelns kommun"')
  const { licence, rights } = termsOf(flags, ask)
  const received = flags.received ?? today
  if (!isDay(received)) ask("--received", `${quoted(received)} is no day: give it as YYYY-MM-DD`, `--received ${today}`)
  else if (received > today)
    ask(
      "--received",
      `${received} is after today (${today}): a delivery cannot have been received in the future`,
      `--received ${today}`,
    )
  const folder = folderFlag(flags.to, publisher, ask)
  const fields = dataset === undefined ? [] : columnsOf(dataset)
  const fieldNames = fields.map((c) => c.name)
  const knownField = (flag: string, field: string, example: string) => {
    if (dataset === undefined || fieldNames.includes(field)) return true
    ask(flag, `${dataset.name} has no field ${quoted(field)}: ${fieldNames.join(", ")}`, example)
    return false
  }
  // A column as a header labels it: the field places are named by, under the first of its header words.
  const placeColumn = fields.find((c) => c.name === roles?.place?.field)
  const columnExample =
    placeColumn === undefined
      ? `--column "LABEL=${fieldNames[0] ?? "FIELD"}"`
      : `--column "${capitalised(placeColumn.headerWords[0] ?? placeColumn.name)}=${placeColumn.name}"`
  const columns = columnFlags(flags.column, columnExample, fieldNames, knownField, ask)
  const constants: Record<string, string> = {}
  for (const s of flags.set) {
    const parts = split(s, false)
    if (parts === undefined)
      ask("--set", `${quoted(s)} is not field=value`, `--set ${roles?.yearField ?? "FIELD"}=2024`)
    else if (parts[0].trim() === roles?.codebook?.field)
      ask(
        "--indicator",
        "an indicator is named with --indicator (checked against the release) or defined with --new-indicator",
        `--indicator ${parts[1]}`,
      )
    else if (knownField("--set", parts[0].trim(), "--set FIELD=VALUE")) constants[parts[0].trim()] = parts[1]
  }
  const missing = missingFlags(flags.missing, ask)
  const { decimalSeparator, thousandsSeparator, delimiter, encoding } = dialectFlags(flags, ask)
  const wide = flags.wide === undefined ? undefined : wideFlag(flags.wide, roles?.yearField, knownField)
  const indicatorFlags = [
    flags.indicator,
    flags.newIndicator,
    flags.labelSv,
    flags.labelEn,
    flags.unit,
    flags.project,
    flags.definitionSv,
    flags.definitionEn,
  ]
  if (roles !== undefined && roles.codebook === undefined && indicatorFlags.some((f) => f !== undefined))
    ask(
      "--dataset",
      `--indicator and --new-indicator and their details are for --dataset ${measured.join(" or ")}; for other datasets, --set a field's value`,
      example,
    )
  return {
    request: {
      dataset,
      publisher: publisher === "" ? undefined : publisher,
      licence,
      rights,
      received,
      folder,
      description: flags.description,
      columns,
      constants,
      missing,
      decimalSeparator,
      thousandsSeparator,
      delimiter,
      encoding,
      wide,
      indicator: flags,
    },
    questions,
  }
}

/** `--wide none`, `--wide FIELD` or `--wide FIELD=FIELD`, each field checked by `known` (which asks when it is not). */
const wideFlag = (
  text: string,
  yearField: string | undefined,
  known: (flag: string, field: string, example: string) => boolean,
): WideFlag | undefined => {
  if (text.trim() === "none") return "none"
  const [labelField, valueField] = (split(text, false) ?? [text, undefined]).map((f) => f?.trim())
  const example = `--wide ${yearField ?? "FIELD"}`
  const fine = [labelField, valueField].every((f) => f === undefined || known("--wide", f, example))
  return fine ? { labelField: labelField!, valueField } : undefined
}

/** The folder under raw/ the file goes to: `--to`, or the publisher's name made a folder name. */
const folderFlag = (to: string | undefined, publisher: string | undefined, ask: Ask): string | undefined => {
  const folder = to ?? (publisher === undefined || publisher === "" ? undefined : slug(publisher))
  if (to !== undefined && !to.split("/").every((s) => s !== "" && s !== "." && s !== ".." && !s.includes("\\"))) {
    ask("--to", `${quoted(to)} is no folder inside raw/: names joined by /, without . or ..`, "--to vindeln")
    return undefined
  }
  if (to === undefined && folder === "") {
    ask("--to", `the publisher's name gives no folder name: name the folder under raw/`, "--to vindeln")
    return undefined
  }
  return folder
}

/** `--column "Label=field"`, `"Label=ignore:reason"` or `"Label=personal"`: what each column named holds. */
const columnFlags = (
  given: ReadonlyArray<string>,
  columnExample: string,
  fieldNames: ReadonlyArray<string>,
  knownField: (flag: string, field: string, example: string) => boolean,
  ask: Ask,
): Map<string, GivenColumn> => {
  const columns = new Map<string, GivenColumn>()
  for (const c of given) {
    const parts = split(c, false)
    if (parts === undefined) {
      ask("--column", `${quoted(c)} is not "Label=field", "Label=ignore:reason" or "Label=personal"`, columnExample)
      continue
    }
    const [label, what] = [parts[0].trim(), parts[1].trim()]
    if (what === "personal") columns.set(label, { personal: true })
    else if (what.startsWith("ignore:") && what.slice(7).trim() !== "")
      columns.set(label, { ignore: what.slice(7).trim() })
    else if (what.startsWith("ignore"))
      ask("--column", `ignoring ${quoted(label)} needs the reason`, `--column "${label}=ignore:always the same"`)
    else if (knownField("--column", what, `--column "${label}=${fieldNames[0] ?? "FIELD"}"`))
      columns.set(label, { field: what })
  }
  return columns
}

/** `--missing VALUE=LABEL`: the cells that mark a value as missing, and why. */
const missingFlags = (given: ReadonlyArray<string>, ask: Ask): MissingMarker[] => {
  const missing: MissingMarker[] = []
  for (const m of given) {
    const parts = split(m, true)
    const label = MISSING_LABELS.find((l) => l === parts?.[1].trim())
    if (parts === undefined || label === undefined)
      ask(
        "--missing",
        `${quoted(m)} is not VALUE=LABEL with LABEL one of ${MISSING_LABELS.join(", ")}`,
        '--missing="..=confidential"',
      )
    else missing.push({ value: parts[0].trim(), label })
  }
  return missing
}
