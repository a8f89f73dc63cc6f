/**
 * Which indicator a delivery of values measures: one of the release's codebook (`--indicator
 * ID`, checked against its rows, its unit shown), or a new one defined beside it
 * (`--new-indicator ID` with its labels and unit: a one-row delivery to the codebook). A
 * project's indicator takes only the years of the project's period. Pure.
 */
import { Schema } from "effect"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { guess, type Guess, question, type Question, quoted, someOf } from "./evidence.ts"
import type { CodebookRole, KnownIndicator, ProjectPeriod } from "./roles.ts"

export interface NewIndicator {
  /** The codebook it is defined in. */
  readonly codebook: CodebookRole
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

/** Whether a value is one the dataset's field takes, by its definition. */
const takes = (dataset: DatasetDefinition, field: string, value: string) =>
  Schema.is(dataset.schema.fields[field] as Schema.Top)(value)

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

const unitText = (unit: string, codebook: CodebookRole) =>
  `unit ${unit}${codebook.declared.countUnits.includes(unit) ? ": values are whole numbers, at least 0" : ""}`

/** The project-period rule, said for the indicator chosen. */
export const periodNote = (id: string, project: string | null | undefined, periods?: ReadonlyArray<ProjectPeriod>) => {
  const rule = "rule (row/period): an indicator of a project takes values only for years inside the project's period"
  if (project === null || project === undefined) return `${rule}; ${id} belongs to no project, so any year may be given`
  const p = periods?.find((x) => x.id === project)
  return `${rule}; ${id} belongs to project ${project}${p === undefined ? "" : `, which ran ${p.start} to ${p.end}: years ${p.start.slice(0, 4)}–${p.end.slice(0, 4)} only`}`
}

const periodOf = (project: string | null | undefined, periods: ReadonlyArray<ProjectPeriod> | undefined) => {
  const period = periods?.find((p) => p.id === project)
  return period === undefined ? {} : { period }
}

/** `known`: the codebook's rows, undefined when the release has none to check against (`where` says where they were looked for). */
export const chooseIndicator = (
  codebook: CodebookRole,
  flags: IndicatorFlags,
  known: ReadonlyArray<KnownIndicator> | undefined,
  periods: ReadonlyArray<ProjectPeriod> | undefined,
  where: string,
): IndicatorChoice => {
  const questions: Question[] = []
  const ids = known?.map((k) => k.id) ?? []
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
  if (flags.indicator !== undefined) return namedIndicator(codebook, flags.indicator, known, periods, where)
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
  questions.push(...newIndicatorQuestions(codebook, id, flags, ids))
  if (questions.length > 0) return { guesses: [], notes: [], questions }
  const indicator: NewIndicator = {
    codebook,
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
        `${quoted(indicator.labelSv)} / ${quoted(indicator.labelEn)}, ${unitText(indicator.unit, codebook)}; defined in a delivery to ${codebook.dataset.name} beside the file`,
      ),
    ],
    notes: [periodNote(id, flags.project, periods)],
    ...periodOf(flags.project, periods),
    questions: [],
  }
}

/** `--indicator ID`: the codebook's row of that name, or the question why there is none. */
const namedIndicator = (
  codebook: CodebookRole,
  indicator: string,
  known: ReadonlyArray<KnownIndicator> | undefined,
  periods: ReadonlyArray<ProjectPeriod> | undefined,
  where: string,
): IndicatorChoice => {
  const ids = known?.map((k) => k.id) ?? []
  const found = known?.find((k) => k.id === indicator)
  if (found === undefined)
    return {
      guesses: [],
      notes: [],
      questions: [
        question(
          "--indicator",
          known === undefined
            ? `there is no list of ${codebook.dataset.name} (${where}) to check ${quoted(indicator)} against: build the release first, or give --out the release's folder`
            : `the release has no indicator ${quoted(indicator)} (it has ${someOf(ids, 8)}): name one of them, or define a new one with --new-indicator ${indicator} --label-sv TEXT --label-en TEXT --unit UNIT`,
          `--indicator ${ids[0] ?? "ID"}`,
        ),
      ],
    }
  return {
    indicatorId: found.id,
    guesses: [
      guess(
        "indicator",
        found.id,
        `${quoted(found.labelSv)} / ${quoted(found.labelEn)}, ${unitText(found.unit, codebook)}`,
      ),
    ],
    notes: [periodNote(found.id, found.project, periods)],
    ...periodOf(found.project, periods),
    questions: [],
  }
}

/** What a new indicator's flags leave to ask: an identifier the codebook takes and has not, both labels, a unit, a definition in both languages or neither, a project identifier. */
const newIndicatorQuestions = (
  codebook: CodebookRole,
  id: string,
  flags: IndicatorFlags,
  ids: ReadonlyArray<string>,
): Question[] => {
  const questions: Question[] = []
  const units = columnsOf(codebook.dataset).find((c) => c.name === codebook.declared.unitField)?.enum ?? []
  if (!takes(codebook.dataset, codebook.key, id))
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
  if (flags.unit === undefined || !units.includes(flags.unit))
    questions.push(
      question(
        "--unit",
        `${flags.unit === undefined ? `what unit are ${id}'s values in?` : `${quoted(flags.unit)} is no unit:`} one of ${units.join(", ")}`,
        `--unit ${units[0]}`,
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
  if (flags.project !== undefined && !takes(codebook.dataset, codebook.declared.projectField, flags.project))
    questions.push(
      question(
        "--project",
        `${quoted(flags.project)} is no project identifier: lower-case letters, digits and hyphens`,
        "--project 4k",
      ),
    )
  return questions
}
