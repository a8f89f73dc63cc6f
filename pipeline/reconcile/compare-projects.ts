/**
 * Compares two descriptions of the same project: one from a delivery (delivered by its
 * publisher or transcribed by the maintainers), one from a register (matched by Tillväxtverket's
 * case number). Pure: two rows in, one finding per aspect out, each with both values and both
 * sources, whether they agree or not, and whether the two are independent: a value the delivery
 * took from that very register is a copy compared with its original, not an agreement.
 */

export interface ProjectSide {
  readonly source: string
  readonly file: string
  readonly project_id: string
  readonly acronym: string | null
  readonly title_sv: string | null
  readonly start_date: string | null
  readonly end_date: string | null
  readonly lead_organisation: string | null
  readonly eu_funds_granted_sek: number | null
  readonly eu_funds_granted_eur: number | null
  readonly national_public_funding_sek: number | null
  readonly national_public_funding_eur: number | null
  /** Codes of the municipalities taking part (delivery) or covered (register), sorted. */
  readonly municipalities: ReadonlyArray<string>
  /** The files the municipalities come from. */
  readonly municipalitiesFiles: ReadonlyArray<string>
}

/** Where a delivered value was taken from, if from a document of a declared source: its title. */
export type TakenFrom = (
  file: string,
  field: string,
) => { readonly source: string; readonly document: string } | undefined

/**
 * agree: two independent sources give the same value; differ: they give different values;
 * copied: the delivery took the value from the register, so the two are one source;
 * copied-but-differs: taken from the register, yet not the register's value (a transcription slip,
 * or the register changed since).
 */
export type Verdict = "agree" | "differ" | "copied" | "copied-but-differs"

export type Aspect =
  | "title"
  | "period"
  | "beneficiary"
  | "eu_funds_granted"
  | "national_public_funding"
  | "municipalities"

export interface Finding {
  readonly tillvaxtverket_case_id: string
  readonly project_id: string
  readonly aspect: Aspect
  /** The two values are equal (as `compared` says). */
  readonly agrees: boolean
  /** The two values come from sources independent of each other. */
  readonly independent: boolean
  readonly verdict: Verdict
  /** Which two sources are compared, in words. */
  readonly compares: string
  /** How the values were compared, where not for exact equality. */
  readonly compared: string
  readonly values: ReadonlyArray<{
    readonly source: string
    readonly file: string
    readonly project_id: string
    readonly value: unknown
  }>
}

const fold = (s: string | null) => (s ?? "").normalize("NFC").toLocaleLowerCase("sv").replace(/\s+/gu, " ").trim()

/** The same title, apart from letter case, spacing and the acronym written before it ("4K - …"). */
const sameTitle = (a: ProjectSide, b: ProjectSide): boolean => {
  const forms = (p: ProjectSide) => [
    fold(p.title_sv),
    ...(p.acronym === null ? [] : [fold(`${p.acronym} - ${p.title_sv}`), fold(`${p.acronym} ${p.title_sv}`)]),
  ]
  return forms(a).some((x) => forms(b).includes(x))
}

const money = (p: ProjectSide, what: "eu_funds_granted" | "national_public_funding") => {
  const sek = p[`${what}_sek`]
  const eur = p[`${what}_eur`]
  return sek !== null ? { SEK: sek } : eur !== null ? { EUR: eur } : null
}

/** The fields of the delivery each aspect is made of, and the file they come from. */
const ASPECT_FIELDS: Record<Aspect, ReadonlyArray<string>> = {
  title: ["title_sv"],
  period: ["start_date", "end_date"],
  beneficiary: ["lead_organisation"],
  eu_funds_granted: ["eu_funds_granted_sek", "eu_funds_granted_eur"],
  national_public_funding: ["national_public_funding_sek", "national_public_funding_eur"],
  municipalities: ["municipality_code"],
}

export const compareProjects = (
  caseId: string,
  delivered: ProjectSide,
  register: ProjectSide & { readonly sourceName: string },
  takenFrom: TakenFrom,
): Finding[] => {
  const finding = (aspect: Aspect, value: (p: ProjectSide) => unknown, agrees: boolean, compared: string): Finding => {
    const files = aspect === "municipalities" ? delivered.municipalitiesFiles : [delivered.file]
    const taken = files
      .flatMap((file) => ASPECT_FIELDS[aspect].map((field) => takenFrom(file, field)))
      .find((t) => t?.source === register.sourceName)
    const independent = taken === undefined
    return {
      tillvaxtverket_case_id: caseId,
      project_id: delivered.project_id,
      aspect,
      agrees,
      independent,
      verdict: independent ? (agrees ? "agree" : "differ") : agrees ? "copied" : "copied-but-differs",
      compares: independent
        ? `${files.join(", ")} (${delivered.source}) with ${register.source}: independent sources`
        : `${files.join(", ")}, which took this from ${taken.document}, with ${register.source}: a copy compared with its original, not an agreement`,
      compared,
      values: [delivered, register].map((p) => ({
        source: p.source,
        file: p.file,
        project_id: p.project_id,
        value: value(p),
      })),
    }
  }
  const json = (x: unknown) => JSON.stringify(x)
  const period = (p: ProjectSide) => ({ start_date: p.start_date, end_date: p.end_date })
  return [
    finding(
      "title",
      (p) => p.title_sv,
      sameTitle(delivered, register),
      'letter case, spacing and a leading acronym ("4K - ") ignored',
    ),
    finding("period", period, json(period(delivered)) === json(period(register)), "start and end dates equal"),
    finding(
      "beneficiary",
      (p) => p.lead_organisation,
      fold(delivered.lead_organisation) === fold(register.lead_organisation),
      "letter case and spacing ignored",
    ),
    ...(["eu_funds_granted", "national_public_funding"] as const).map((what) =>
      finding(
        what,
        (p) => money(p, what),
        json(money(delivered, what)) === json(money(register, what)),
        "amount and currency equal",
      ),
    ),
    finding(
      "municipalities",
      (p) => p.municipalities,
      json(delivered.municipalities) === json(register.municipalities),
      "the same set of municipality codes: participants in the delivery, the municipalities covered in the register",
    ),
  ]
}
