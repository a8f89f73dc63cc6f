import { defineDataset } from "../dataset.ts"
import { code, nullable, text } from "../field.ts"
import { projectId } from "../common-fields.ts"

const activityId = (en: string, sv: string) => code({ en, sv }, /^[0-9]+[a-z]?$/u, "an activity number such as 3 or 3a")

export const projectActivities = defineDataset({
  name: "project_activities",
  title: { sv: "Projektens aktiviteter", en: "Project activities" },
  description: {
    sv: "Projektens aktivitetsområden och delaktiviteter som ett träd.",
    en: "The activity areas and sub-activities of projects, as a tree.",
  },
  fields: {
    project_id: projectId,
    activity_id: activityId("Number of the activity within the project", "Aktivitetens nummer inom projektet"),
    parent_activity_id: nullable(
      activityId("The activity this one belongs to; null at the top", "Överordnad aktivitet; tomt överst"),
    ),
    label_sv: text({ en: "Name of the activity in Swedish", sv: "Aktivitetens namn på svenska" }),
    label_en: text({
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
  themes: ["REGI", "ECON"],
  keywords: { sv: ["aktiviteter"], en: ["activities"] },
})
