import { defineDataset } from "../dataset.ts"
import { code, nullable, text } from "../field.ts"
import { ENGLISH_NAME_WORDS, projectId, SWEDISH_NAME_WORDS } from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords } from "../common-keywords.ts"

const activityId = (en: string, sv: string) => code({ en, sv }, /^[0-9]+[a-z]?$/u, "an activity number such as 3 or 3a")

export const projectActivities = defineDataset({
  name: "project_activities",
  title: {
    sv: "Aktiviteter i 4K – Konkurrenskraftiga Kranskommuner – och liknande projekt",
    en: "Activities of 4K – Competitive Commuter-Belt Municipalities – and projects like it",
  },
  description: {
    sv: "Projektens aktivitetsområden och delaktiviteter som ett träd, med en kort beskrivning av var och en: för 4K (Konkurrenskraftiga Kranskommuner), som Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs drev 2008–2010, områden som kompetensförsörjning, attitydförändring och affärsutveckling.",
    en: "The activity areas and sub-activities of projects as a tree, each with a short description: for 4K (Competitive Commuter-Belt Municipalities), which Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs ran in 2008–2010, areas such as skills supply, attitude change and business development.",
  },
  fields: {
    project_id: projectId,
    activity_id: activityId("Number of the activity within the project", "Aktivitetens nummer inom projektet"),
    parent_activity_id: nullable(
      activityId("The activity this one belongs to; null at the top", "Överordnad aktivitet; tomt överst"),
    ),
    label_sv: text({
      en: "Name of the activity in Swedish",
      sv: "Aktivitetens namn på svenska",
      headerWords: SWEDISH_NAME_WORDS,
    }),
    label_en: text({
      headerWords: ENGLISH_NAME_WORDS,
      en: "Name of the activity in English (a translation, where the source names it in Swedish only)",
      sv: "Aktivitetens namn på engelska (en översättning, där källan bara har ett svenskt namn)",
    }),
    description_sv: text({
      en: "Short description in Swedish: for a transcription, the maintainers' summary of its document",
      sv: "Kort beskrivning på svenska: för en inskrift, förvaltarnas sammanfattning av dokumentet",
    }),
    description_en: text({
      en: "Short description in English: for a transcription, the maintainers' summary of its document",
      sv: "Kort beskrivning på engelska: för en inskrift, förvaltarnas sammanfattning av dokumentet",
    }),
  },
  primaryKey: ["project_id", "activity_id"],
  foreignKeys: [
    { fields: ["project_id"], reference: { dataset: "projects", fields: ["project_id"] } },
    {
      fields: ["project_id", "parent_activity_id"],
      reference: { dataset: "project_activities", fields: ["project_id", "activity_id"] },
    },
  ],
  onPage: {
    heading: { sv: "Aktiviteter", en: "Activities" },
    anchor: "activities",
    show: {
      tree: { parent: "parent_activity_id", label: { sv: "label_sv", en: "label_en" }, text: "description_sv" },
    },
  },
  themes: ["REGI", "ECON"],
  keywords: keywords(
    {
      sv: ["aktiviteter", "kompetensförsörjning", "affärsutveckling", "företagande"],
      en: ["activities", "skills supply", "business development", "entrepreneurship"],
    },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
  ),
})
