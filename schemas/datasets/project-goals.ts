import { defineDataset } from "../dataset.ts"
import { code, oneOf, text } from "../field.ts"
import { projectId } from "../common-fields.ts"

export const projectGoals = defineDataset({
  name: "project_goals",
  title: { sv: "Projektens syfte och mål", en: "Project purpose and goals" },
  description: {
    sv: "Projektens syfte och övergripande mål, ett per rad.",
    en: "The purpose and overall goals of projects, one per row.",
  },
  fields: {
    project_id: projectId,
    goal_id: code(
      { en: "Identifier of the goal within the project", sv: "Målets identifierare inom projektet" },
      /^[a-z0-9][a-z0-9-]*$/u,
      "a lower-case identifier",
    ),
    goal_type: oneOf({ en: "purpose or overall goal", sv: "syfte eller övergripande mål" }, [
      "purpose",
      "overall_goal",
    ]),
    text_sv: text({
      en: "The goal in Swedish: for a transcription, the maintainers' summary of its document",
      sv: "Målet på svenska: för en inskrift, förvaltarnas sammanfattning av dokumentet",
    }),
    text_en: text({
      en: "The goal in English: for a transcription, the maintainers' summary of its document",
      sv: "Målet på engelska: för en inskrift, förvaltarnas sammanfattning av dokumentet",
    }),
  },
  primaryKey: ["project_id", "goal_id"],
  foreignKeys: [{ fields: ["project_id"], reference: { dataset: "projects", fields: ["project_id"] } }],
  themes: ["REGI", "ECON"],
  keywords: { sv: ["mål"], en: ["goals"] },
})
