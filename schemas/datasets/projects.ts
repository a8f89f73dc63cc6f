import { defineDataset } from "../dataset.ts"
import { code, date, integer, nullable, oneOf, text } from "../field.ts"
import { projectId } from "../common-fields.ts"

const amount = (unit: "SEK" | "EUR", en: string, sv: string) =>
  nullable(integer({ en, sv, unit }, { minimum: 0, maximum: 1e12 }, true))
const sek = (en: string, sv: string) =>
  amount(
    "SEK",
    `${en}, in SEK (null when stated in EUR or not at all)`,
    `${sv}, i kronor (tomt när beloppet anges i euro eller inte alls)`,
  )
const eur = (en: string, sv: string) =>
  amount(
    "EUR",
    `${en}, in EUR, as some Interreg projects state it (null otherwise)`,
    `${sv}, i euro, som vissa Interregprojekt anger det (tomt annars)`,
  )

export const projects = defineDataset({
  name: "projects",
  title: { sv: "Projekt", en: "Projects" },
  description: {
    sv: "Ett projekt per rad: namn, period, projektägare, program och finansiering.",
    en: "One project per row: names, period, lead organisation, programme and funding.",
  },
  fields: {
    project_id: projectId,
    acronym: nullable(text({ en: "Short name of the project", sv: "Projektets kortnamn" })),
    title_sv: text({ en: "Full name of the project in Swedish", sv: "Projektets fullständiga namn på svenska" }),
    title_en: nullable(
      text({
        en: "Full name of the project in English (a translation, where the source names it in Swedish only)",
        sv: "Projektets fullständiga namn på engelska (en översättning, där källan bara har ett svenskt namn)",
      }),
    ),
    status: oneOf({ en: "Status of the project", sv: "Projektets status" }, ["planned", "ongoing", "completed"]),
    start_date: date({ en: "First day of the project", sv: "Projektets första dag" }),
    end_date: date({ en: "Last day of the project", sv: "Projektets sista dag" }),
    lead_organisation: text({ en: "Lead beneficiary (projektägare)", sv: "Projektägare (stödmottagare)" }),
    programme: text({ en: "Funding programme and objective", sv: "Program och mål" }),
    programme_area: nullable(text({ en: "Programme area", sv: "Programområde" })),
    priority_axis: nullable(text({ en: "Priority axis of the programme", sv: "Programmets insatsområde" })),
    fund: text({ en: "EU fund", sv: "EU-fond" }),
    eu_funds_granted_sek: sek("EU funds granted", "Beviljat EU-stöd"),
    eu_funds_granted_eur: eur("EU funds granted", "Beviljat EU-stöd"),
    national_public_funding_sek: sek("National public co-financing", "Nationell offentlig medfinansiering"),
    national_public_funding_eur: eur("National public co-financing", "Nationell offentlig medfinansiering"),
    eu_funds_paid_sek: sek(
      "EU funds paid out up to the date in eu_funds_paid_date, as a source states it (an interim figure when that date is before the project's end)",
      "Utbetalt EU-stöd fram till datumet i eu_funds_paid_date, som en källa anger det (en delsumma när datumet ligger före projektets slut)",
    ),
    eu_funds_paid_date: nullable(
      date({
        en: "The date up to which eu_funds_paid_sek was paid",
        sv: "Datum fram till vilket eu_funds_paid_sek hade betalats ut",
      }),
    ),
    summary_sv: nullable(
      text({
        en: "Summary in Swedish: the register's description, or, for a transcription, the maintainers' summary of its documents",
        sv: "Sammanfattning på svenska: registrets beskrivning, eller, för en inskrift, förvaltarnas sammanfattning av dokumenten",
      }),
    ),
    summary_en: nullable(
      text({
        en: "Summary in English: for a transcription, the maintainers' summary of its documents",
        sv: "Sammanfattning på engelska: för en inskrift, förvaltarnas sammanfattning av dokumenten",
      }),
    ),
    tillvaxtverket_case_id: nullable(
      code(
        {
          en: "Case number in Tillväxtverket's Projektbanken (ärende-id)",
          sv: "Ärende-id i Tillväxtverkets Projektbanken",
        },
        /^[0-9]+$/u,
        "a case number of digits",
      ),
    ),
  },
  primaryKey: ["project_id"],
  foreignKeys: [],
  period: { start: "start_date", end: "end_date" },
  rowRules: [{ field: "end_date", notBefore: "start_date", message: "the project ends before it starts" }],
  themes: ["REGI", "ECON"],
  keywords: { sv: ["projekt", "ERUF", "regional utveckling"], en: ["project", "ERDF", "regional development"] },
})
