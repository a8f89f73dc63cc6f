/**
 * Which indicator a delivery of indicator values measures: one the release has
 * (`--indicator ID`, checked against its indicators, its unit shown), or a new one defined
 * beside it (`--new-indicator ID` with its labels and unit: a one-row delivery to
 * `indicators`). A project's indicator takes only the years of the project's period. Pure.
 */
import { indicators as indicatorsDataset } from "../../schemas/datasets/indicators.ts"
import { COUNT_UNITS } from "../../schemas/datasets/indicators.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { guess, type Guess, question, type Question, quoted, someOf } from "./evidence.ts"

export interface KnownIndicator {
  readonly indicator_id: string
  readonly label_sv: string
  readonly label_en: string
  readonly unit: string
  readonly project_id: string | null
}

export interface ProjectPeriod {
  readonly project_id: string
  readonly start_date: string
  readonly end_date: string
}

export interface NewIndicator {
  readonly id: string
  readonly labelSv: string
  readonly labelEn: string
  readonly unit: string
  readonly project?: string
  readonly definitionSv?: string
  readonly definitionEn?: string
}

/** The indicator flags as given. */
export interface IndicatorFlags {
  readonly indicator?: string
  readonly newIndicator?: string
  readonly labelSv?: string
  readonly labelEn?: string
  readonly unit?: string
  readonly project?: string
  readonly definitionSv?: string
  readonly definitionEn?: string
}

export const UNITS: ReadonlyArray<string> = columnsOf(indicatorsDataset).find((c) => c.name === "unit")!.enum!
const ID = /^[a-z][a-z0-9_]*$/u
const PROJECT = /^[a-z0-9][a-z0-9-]*$/u

export interface IndicatorChoice {
  /** The indicator every row gets, when the file has no column of indicators. */
  readonly indicatorId?: string
  readonly newIndicator?: NewIndicator
  readonly guesses: ReadonlyArray<Guess>
  readonly notes: ReadonlyArray<string>
  readonly questions: ReadonlyArray<Question>
  /** The period of the indicator's project, where the release has the project. */
  readonly period?: ProjectPeriod
}

const unitText = (unit: string) =>
  `unit ${unit}${(COUNT_UNITS as ReadonlyArray<string>).includes(unit) ? ": values are whole numbers, at least 0" : ""}`

/** The project-period rule, said for the indicator chosen. */
export const periodNote = (id: string, project: string | null | undefined, projects?: ReadonlyArray<ProjectPeriod>) => {
  const rule = "rule (row/period): an indicator of a project takes values only for years inside the project's period"
  if (project === null || project === undefined) return `${rule}; ${id} belongs to no project, so any year may be given`
  const p = projects?.find((x) => x.project_id === project)
  return `${rule}; ${id} belongs to project ${project}${p === undefined ? "" : `, which ran ${p.start_date} to ${p.end_date}: years ${p.start_date.slice(0, 4)}–${p.end_date.slice(0, 4)} only`}`
}

const periodOf = (project: string | null | undefined, projects: ReadonlyArray<ProjectPeriod> | undefined) => {
  const period = projects?.find((p) => p.project_id === project)
  return period === undefined ? {} : { period }
}

/** `known`: the release's indicators, undefined when it has none to check against (`where` says where they were looked for). */
export const chooseIndicator = (
  flags: IndicatorFlags,
  known: ReadonlyArray<KnownIndicator> | undefined,
  projects: ReadonlyArray<ProjectPeriod> | undefined,
  where: string,
): IndicatorChoice => {
  const questions: Question[] = []
  const ids = known?.map((k) => k.indicator_id) ?? []
  if (flags.indicator !== undefined && flags.newIndicator !== undefined)
    return {
      guesses: [],
      notes: [],
      questions: [
        question(
          "--indicator",
          "--indicator names an indicator the release has, --new-indicator defines one: give one of them",
          `--indicator ${flags.indicator}`,
        ),
      ],
    }
  if (flags.indicator !== undefined) {
    const found = known?.find((k) => k.indicator_id === flags.indicator)
    if (found === undefined)
      return {
        guesses: [],
        notes: [],
        questions: [
          question(
            "--indicator",
            known === undefined
              ? `there is no list of indicators (${where}) to check ${quoted(flags.indicator)} against: build the release first, or give --out the release's folder`
              : `the release has no indicator ${quoted(flags.indicator)} (it has ${someOf(ids, 8)}): name one of them, or define a new one with --new-indicator ${flags.indicator} --label-sv TEXT --label-en TEXT --unit UNIT`,
            `--indicator ${ids[0] ?? "ID"}`,
          ),
        ],
      }
    return {
      indicatorId: found.indicator_id,
      guesses: [
        guess(
          "indicator",
          found.indicator_id,
          `${quoted(found.label_sv)} / ${quoted(found.label_en)}, ${unitText(found.unit)}`,
        ),
      ],
      notes: [periodNote(found.indicator_id, found.project_id, projects)],
      ...periodOf(found.project_id, projects),
      questions: [],
    }
  }
  const detail = ["labelSv", "labelEn", "unit", "project", "definitionSv", "definitionEn"] as const
  if (flags.newIndicator === undefined) {
    const stray = detail.filter((k) => flags[k] !== undefined)
    if (stray.length > 0)
      questions.push(
        question(
          "--new-indicator",
          "--label-sv, --label-en, --unit, --project and --definition-sv/-en define a new indicator: name it",
          "--new-indicator ID",
        ),
      )
    return { guesses: [], notes: [], questions }
  }
  const id = flags.newIndicator
  if (!ID.test(id))
    questions.push(
      question(
        "--new-indicator",
        `${quoted(id)} is no indicator identifier: lower-case letters, digits and _, starting with a letter`,
        "--new-indicator new_jobs",
      ),
    )
  if (ids.includes(id))
    questions.push(
      question(
        "--indicator",
        `the release has an indicator ${quoted(id)} already: deliver values for it with --indicator ${id}`,
        `--indicator ${id}`,
      ),
    )
  if (flags.labelSv === undefined)
    questions.push(question("--label-sv", `what is ${id} called in Swedish?`, '--label-sv "Nya jobb"'))
  if (flags.labelEn === undefined)
    questions.push(question("--label-en", `what is ${id} called in English?`, '--label-en "New jobs"'))
  if (flags.unit === undefined || !UNITS.includes(flags.unit))
    questions.push(
      question(
        "--unit",
        `${flags.unit === undefined ? `what unit are ${id}'s values in?` : `${quoted(flags.unit)} is no unit:`} one of ${UNITS.join(", ")}`,
        `--unit ${UNITS[0]}`,
      ),
    )
  if ((flags.definitionSv === undefined) !== (flags.definitionEn === undefined))
    questions.push(
      question(
        flags.definitionSv === undefined ? "--definition-sv" : "--definition-en",
        "a definition is given in both languages or in neither: give the other one too",
        flags.definitionSv === undefined ? '--definition-sv "…"' : '--definition-en "…"',
      ),
    )
  if (flags.project !== undefined && !PROJECT.test(flags.project))
    questions.push(
      question(
        "--project",
        `${quoted(flags.project)} is no project identifier: lower-case letters, digits and hyphens`,
        "--project 4k",
      ),
    )
  if (questions.length > 0) return { guesses: [], notes: [], questions }
  const indicator: NewIndicator = {
    id,
    labelSv: flags.labelSv!,
    labelEn: flags.labelEn!,
    unit: flags.unit!,
    ...(flags.project === undefined ? {} : { project: flags.project }),
    ...(flags.definitionSv === undefined
      ? {}
      : { definitionSv: flags.definitionSv, definitionEn: flags.definitionEn! }),
  }
  return {
    indicatorId: id,
    newIndicator: indicator,
    guesses: [
      guess(
        "indicator",
        `${id} (new)`,
        `${quoted(indicator.labelSv)} / ${quoted(indicator.labelEn)}, ${unitText(indicator.unit)}; defined in a delivery to indicators beside the file`,
      ),
    ],
    notes: [periodNote(id, flags.project, projects)],
    ...periodOf(flags.project, projects),
    questions: [],
  }
}
