/** `pipeline add`'s usage and options: what the command line takes, for the parser and the help. */

export const ADD_USAGE = `Usage: pipeline add FILE --dataset NAME --publisher NAME --licence LICENCE [options]

Files a publisher's CSV or Excel file into raw/ with its manifest entry, described from the
file itself: its encoding, delimiter, line endings (a workbook: its sheet and header row),
number format and missing-value markers, and the
field each column feeds (by its label, Swedish or English, and by its values: municipality
codes, "2403 Bjurholm", municipality names of the release in --out). Each guess is printed
with its evidence (stderr) and the entry as JSON (stdout). Then it validates raw/: a delivery
with errors is removed again and raw/ is left as it was (exit status 1). Whatever the file
does not settle is asked, naming the flag that answers it, and nothing is written (exit
status 2).

Options:
  --dataset NAME        the dataset the file feeds
  --publisher NAME      who delivered the file (required)
  --licence LICENCE     CC0-1.0 or CC-BY-4.0, or none where the publisher grants none (required)
  --rights TEXT         with --licence none: the terms that are known, in one line
  --received DATE       the day it was received, YYYY-MM-DD (default: today, UTC)
  --raw DIR             folder of deliveries and their manifest (default: raw)
  --out DIR             the release, whose municipalities and indicators are read (default: dist)
  --to FOLDER           the folder under DIR (default: the publisher's name, as a-z0-9-);
                        the file goes to DIR/FOLDER/DATE/<its name>
  --description TEXT    a note for the entry
  --column "LABEL=FIELD"  the field a column feeds; "LABEL=ignore:REASON" or "LABEL=personal"
                        drops it; repeat for several
  --missing "VALUE=LABEL" a cell that means a missing value and why (not reported, confidential,
                        not applicable, not known, not available); "=LABEL" for empty cells
  --set FIELD=VALUE     one value of a field for every row; repeat for several
  --wide FIELD[=VALUE]  columns labelled by years (1950 … 2019) are values of FIELD, each cell
                        one of VALUE (default: proposed when the labels are years); none maps
                        them one by one
  --decimal-separator SEP     "." or ","
  --thousands-separator SEP   " ", ",", "." or none
  --delimiter SEP       ";", ",", "|" or tab
  --encoding ENC        utf-8 or windows-1252
  --sheet NAME          a workbook's sheet (asked when it has several)
  --header-row N        a workbook's header row (default: the first row that labels every
                        column holding values below it)
  --last-row N          a workbook's last row of the table (default: the row above the first
                        blank row or note below the records: "Kommentar:", "Källa:")
  --indicator ID        indicator_values: the indicator of every row, one the release has
  --new-indicator ID    indicator_values: a new indicator, filed beside the file as a delivery
                        to indicators, with --label-sv TEXT --label-en TEXT --unit UNIT
                        [--project ID] [--definition-sv TEXT --definition-en TEXT]
  --replaces OLD        the file corrects OLD, a current delivery of the same dataset (its path
                        under DIR): OLD stays in raw/ and is no longer published; repeatable
  --publication FILE    the publication's configuration (default: the project's publication.json)
  --dry-run             print the guesses and the entry; write nothing
  -h, --help            show this help`

const text = { type: "string" } as const
const many = { type: "string", multiple: true } as const
export const ADD_OPTIONS = {
  dataset: text,
  publisher: text,
  licence: text,
  rights: text,
  received: text,
  to: text,
  description: text,
  column: many,
  missing: many,
  set: many,
  "decimal-separator": text,
  "thousands-separator": text,
  delimiter: text,
  encoding: text,
  indicator: text,
  "new-indicator": text,
  "label-sv": text,
  "label-en": text,
  unit: text,
  project: text,
  "definition-sv": text,
  "definition-en": text,
  sheet: text,
  "header-row": text,
  "last-row": text,
  wide: text,
  "dry-run": { type: "boolean" },
} as const

export const ADD_ALLOWED: ReadonlyArray<string> = [...Object.keys(ADD_OPTIONS), "raw", "out", "publication", "replaces"]
