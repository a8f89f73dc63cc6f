import { defineDataset } from "../dataset.ts"
import { code, oneOf, text } from "../field.ts"
import { projectId } from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords } from "../common-keywords.ts"

export const projectGoals = defineDataset({
  name: "project_goals",
  title: {
    sv: "Syfte och mål för 4K – Konkurrenskraftiga Kranskommuner – och liknande projekt",
    en: "Purpose and goals of 4K – Competitive Commuter-Belt Municipalities – and projects like it",
  },
  description: {
    sv: "Projektens syfte och övergripande mål, ett per rad: för 4K (Konkurrenskraftiga Kranskommuner), som Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs drev 2008–2010, ett bättre näringslivsklimat och mer attraktiva kommuner.",
    en: "The purpose and overall goals of projects, one per row: for 4K (Competitive Commuter-Belt Municipalities), which Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs ran in 2008–2010, a better business climate and more attractive municipalities.",
  },
  fields: {
    project_id: projectId,
    goal_id: code(
      { en: "Identifier of the goal within the project", sv: "Målets identifierare inom projektet" },
      /^[a-z0-9][a-z0-9-]*$/u,
      "a lower-case identifier",
    ),
    goal_type: oneOf(
      { en: "purpose or overall goal", sv: "syfte eller övergripande mål" },
      ["purpose", "overall_goal"],
      {
        purpose: { sv: "syfte", en: "purpose" },
        overall_goal: { sv: "övergripande mål", en: "overall goal" },
      },
    ),
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
  onPage: {
    heading: { sv: "Syfte och mål", en: "Purpose and goals" },
    anchor: "goals",
    order: [{ field: "goal_type", descending: true }, { field: "goal_id" }],
    show: { list: { sv: "text_sv", en: "text_en" } },
  },
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["mål", "syfte", "näringslivsklimat"], en: ["goals", "purpose", "business climate"] },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
  ),
})
