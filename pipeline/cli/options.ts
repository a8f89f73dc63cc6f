/**
 * Every option of the command line, defined once: its type for the parser, the word its value
 * is shown by, and what it does; and which options each command takes. The parser, the check
 * that a command takes an option, and the options part of each command's help are made from it.
 */
import { DEFAULT_CAP } from "../problems/collector.ts"

/** Where normalized deliveries are kept between builds, under the project's folder. */
export const DEFAULT_CACHE = ".cache/pipeline"

interface Option {
  readonly type: "string" | "boolean"
  readonly multiple?: true
  readonly short?: string
  /** How the help shows its value (`DIR`), for an option that takes one. */
  readonly arg?: string
  readonly help: string
}

const value = (arg: string, help: string): Option => ({ type: "string", arg, help })
const flag = (help: string): Option => ({ type: "boolean", help })
const repeated = (arg: string, help: string): Option => ({ type: "string", multiple: true, arg, help })

const PUBLICATION = "the publication's configuration (default: the project's publication.json)"

export const OPTIONS = {
  raw: value("DIR", "folder of deliveries and their manifest (default: raw)"),
  out: value("DIR", "release folder (default: dist)"),
  report: value("FILE", "where to write the JSON validation report (default: validation-report.json)"),
  "max-errors": value("N", `how many problems to list; all are counted (default: ${DEFAULT_CAP})`),
  "base-url": value(
    "URL",
    "where the release will be published (https://…/), instead of baseUrl in publication.json: links and the DCAT catalogue's identifiers",
  ),
  publication: value("FILE", PUBLICATION),
  summary: flag(
    "write what the release changes, dataset by dataset and delivery by delivery, to the job summary ($GITHUB_STEP_SUMMARY), as CI shows a delivery",
  ),
  cache: value(
    "DIR",
    `the store of the incremental build: the deliveries read and normalized, and what each build published, so that the next run reads only what changed and carries over or splices what it can (default: ${DEFAULT_CACHE} in the project's folder)`,
  ),
  "no-cache": flag("read and normalize every delivery, and write every dataset whole; keep nothing"),
  check: flag("write nothing; exit 1 if a derived file is out of date"),
  from: value("FILE", "the file to file, downloaded by hand"),
  url: value("URL", "fetch from URL instead of the source's own address (a mirror)"),
  date: value("DATE", "the day the file is filed (received), YYYY-MM-DD (default: today, UTC)"),
  "as-of": value("DATE", "the day the file's data describes, where known (--from only)"),
  retrieved: value("DATE", "the day the file was taken from its source, where known (--from only)"),
  via: value(
    "TEXT",
    "the copy the file was taken from, where not its source directly: who made it and when (--from only)",
  ),
  replaces: repeated(
    "FILE",
    "a declared delivery (path relative to DIR) the snapshot corrects: it stays in raw/, and what the snapshot covers of it is no longer published; repeat for several",
  ),
  repository: value(
    "URL",
    "the repository's address (https://github.com/OWNER/NAME): the codebooks and pages link each delivery to its file there at the release's tag",
  ),
  repo: value("DIR", "the git checkout (default: .)"),
  remote: value("NAME", "the remote to push to (default: origin)"),
  base: value("REV", "the commit to compare with (a pull request's base, a push's previous head)"),
  reason: value("TEXT", "why the delivery is no longer published (required)"),
  covers: repeated("FIELD=VALUES", "what a correction covers of the deliveries it replaces, in one field"),
  "on-behalf": value(
    "TEXT",
    '"maintainers: WHY": the maintainers correct or withdraw a delivery of another publisher of the register, and why',
  ),
  dataset: value("NAME", "the dataset the file feeds"),
  publisher: value("NAME", "who delivered the file (required)"),
  licence: value("LICENCE", "CC0-1.0 or CC-BY-4.0, or none where the publisher grants none (required)"),
  rights: value("TEXT", "with --licence none: the terms that are known, in one line"),
  received: value("DATE", "the day it was received, YYYY-MM-DD (default: today, UTC)"),
  to: value(
    "FOLDER",
    "the folder under DIR (default: the publisher's name, as a-z0-9-); the file goes to DIR/FOLDER/DATE/<its name>",
  ),
  description: value("TEXT", "a note for the entry"),
  column: repeated(
    '"LABEL=FIELD"',
    'the field a column feeds; "LABEL=ignore:REASON" or "LABEL=personal" drops it; repeat for several',
  ),
  missing: repeated(
    '"VALUE=LABEL"',
    'a cell that means a missing value and why (not reported, confidential, not applicable, not known, not available); "=LABEL" for empty cells',
  ),
  set: repeated("FIELD=VALUE", "one value of a field for every row; repeat for several"),
  wide: value(
    "FIELD[=VALUE]",
    "columns labelled by years (1950 … 2019) are values of FIELD, each cell one of VALUE (default: proposed when the labels are years); none maps them one by one",
  ),
  "decimal-separator": value("SEP", '"." or ","'),
  "thousands-separator": value("SEP", '" ", ",", "." or none'),
  delimiter: value("SEP", '";", ",", "|" or tab'),
  encoding: value("ENC", "utf-8 or windows-1252"),
  sheet: value("NAME", "a workbook's sheet (asked when it has several)"),
  "header-row": value(
    "N",
    "a workbook's header row (default: the first row that labels every column holding values below it)",
  ),
  "last-row": value(
    "N",
    'a workbook\'s last row of the table (default: the row above the first blank row or note below the records: "Kommentar:", "Källa:")',
  ),
  indicator: value("ID", "for indicator values: the indicator of every row, one the release has"),
  "new-indicator": value(
    "ID",
    "for indicator values: a new indicator, filed beside the file as a delivery of its own, with the five options below",
  ),
  "label-sv": value("TEXT", "the new indicator's label in Swedish"),
  "label-en": value("TEXT", "the new indicator's label in English"),
  unit: value("UNIT", "the new indicator's unit"),
  project: value("ID", "the project the new indicator measures, if any"),
  "definition-sv": value("TEXT", "the new indicator's definition in Swedish, where known"),
  "definition-en": value("TEXT", "the new indicator's definition in English, where known"),
  "dry-run": flag("print the entry as it would be; write nothing"),
  help: { type: "boolean", short: "h", help: "show this help" },
} as const satisfies Record<string, Option>

export type OptionName = keyof typeof OPTIONS

/** An option a command takes, with the help it gives there where it says more than the option's own. */
type Taken = OptionName | readonly [OptionName, string]

const CACHING: ReadonlyArray<Taken> = ["cache", "no-cache"]

/** The options of each command, in the order its help lists them; every command takes --help. */
export const COMMAND_OPTIONS: Readonly<Record<string, ReadonlyArray<Taken>>> = {
  build: ["raw", "out", "report", "max-errors", "base-url", "publication", "summary", ...CACHING],
  validate: [
    "raw",
    ["out", "the published release the manifest is held to (default: dist)"],
    "report",
    "max-errors",
    "publication",
    ...CACHING,
  ],
  snapshot: ["from", "url", "raw", "date", "as-of", "retrieved", "via", "replaces"],
  configure: [["base-url", "the release's address (https://…)"], "repository", "publication"],
  publish: [
    "repo",
    "raw",
    "out",
    "remote",
    ["publication", "the publication's configuration to commit with it (default: publication.json in the checkout)"],
  ],
  add: [
    "dataset",
    "publisher",
    "licence",
    "rights",
    "received",
    "raw",
    ["out", "the release, whose place names and indicator codes are read (default: dist)"],
    "to",
    "description",
    "column",
    "missing",
    "set",
    "wide",
    "decimal-separator",
    "thousands-separator",
    "delimiter",
    "encoding",
    "sheet",
    "header-row",
    "last-row",
    "indicator",
    "new-indicator",
    "label-sv",
    "label-en",
    "unit",
    "project",
    "definition-sv",
    "definition-en",
    [
      "replaces",
      "the file corrects FILE, a current delivery of the same dataset (its path under DIR): FILE stays in raw/, and what the file covers of it is no longer published; repeatable",
    ],
    [
      "covers",
      "with --replaces: what the file covers of FILE, in a field its dataset gives coverage in (for indicator values: the indicator, the municipality's code, the year), as FIELD=VALUE,VALUE… or FIELD=all; FILE's rows it covers and does not have are withdrawn; a field not given covers the values the file's rows have; repeatable",
    ],
    ["on-behalf", '"maintainers: WHY", with --replaces, where the maintainers correct another\'s delivery'],
    "publication",
    ["dry-run", "print the guesses and the entry; write nothing"],
  ],
  withdraw: ["reason", "on-behalf", "raw", ["out", "the release (default: dist)"], "publication", "dry-run"],
  scope: ["base"],
  generate: ["check"],
}

/** The commands that take files or sources as arguments besides their options. */
export const TAKES_ARGUMENTS: ReadonlySet<string> = new Set(["snapshot", "add", "withdraw"])

const nameOf = (t: Taken): OptionName => (typeof t === "string" ? t : t[0])

/** What the parser is told: every option's type, once. */
export const parserOptions = () =>
  Object.fromEntries(
    Object.entries(OPTIONS).map(([name, o]) => [
      name,
      { type: o.type, ...("multiple" in o ? { multiple: true } : {}), ...("short" in o ? { short: o.short } : {}) },
    ]),
  ) as Record<OptionName, { type: "string" | "boolean"; multiple?: boolean; short?: string }>

/** Where the entry point finds the build's options, to skip an unchanged build before loading the pipeline. */
export const BUILD_OPTIONS_FILE = "bin/build-options.json"

/** The parser's options of a build, as the entry point reads them (`pipeline generate` writes them). */
export const buildOptionsJson = (): string => {
  const all = parserOptions()
  const taken = optionsOf("build").map((name) => [name, all[name]] as const)
  return `${JSON.stringify(Object.fromEntries(taken), null, 2)}\n`
}

/** The options a command takes, by name. */
export const optionsOf = (command: string): ReadonlyArray<OptionName> => [
  ...(COMMAND_OPTIONS[command] ?? []).map(nameOf),
  "help",
]

const WIDTH = 96

/** Words wrapped to lines of at most `width` characters. */
const wrap = (text: string, width: number): string[] => {
  const lines: string[] = []
  let line = ""
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === "" ? word : `${line} ${word}`
  }
  return [...lines, line]
}

/** The "Options:" part of a command's help, each option with its value's word and what it does. */
export const optionsHelp = (command: string): string => {
  const taken: Array<readonly [OptionName, string]> = [
    ...(COMMAND_OPTIONS[command] ?? []).map((t) => (typeof t === "string" ? ([t, OPTIONS[t].help] as const) : t)),
    ["help", OPTIONS.help.help],
  ]
  const flagOf = (name: OptionName) => {
    const o: Option = OPTIONS[name]
    return `${o.short === undefined ? "" : `-${o.short}, `}--${name}${o.arg === undefined ? "" : ` ${o.arg}`}`
  }
  const column = Math.min(Math.max(...taken.map(([name]) => flagOf(name).length)) + 4, 28)
  const lines = taken.flatMap(([name, help]) => {
    const start = `  ${flagOf(name)}`
    const [first, ...rest] = wrap(help, WIDTH - column)
    const head =
      start.length + 2 > column ? [start, `${" ".repeat(column)}${first}`] : [`${start.padEnd(column)}${first}`]
    return [...head, ...rest.map((l) => `${" ".repeat(column)}${l}`)]
  })
  return ["Options:", ...lines].join("\n")
}
