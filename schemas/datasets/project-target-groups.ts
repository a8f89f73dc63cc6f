import { defineDataset } from "../dataset.ts"
import { code, text } from "../field.ts"
import { ENGLISH_NAME_WORDS, projectId, SWEDISH_NAME_WORDS } from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords } from "../common-keywords.ts"

export const projectTargetGroups = defineDataset({
  name: "project_target_groups",
  title: {
    sv: "Målgrupper för 4K – Konkurrenskraftiga Kranskommuner – och liknande projekt",
    en: "Target groups of 4K – Competitive Commuter-Belt Municipalities – and projects like it",
  },
  description: {
    sv: "De grupper ett projekt vänder sig till, en per rad: för 4K (Konkurrenskraftiga Kranskommuner), som Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs drev 2008–2010, bland andra företag, företagarorganisationer, offentliga organisationer och allmänheten.",
    en: "The groups a project is aimed at, one per row: for 4K (Competitive Commuter-Belt Municipalities), which Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs ran in 2008–2010, among others companies, business organisations, public bodies and the public.",
  },
  fields: {
    project_id: projectId,
    target_group_id: code(
      { en: "Identifier of the target group", sv: "Målgruppens identifierare" },
      /^[a-z0-9][a-z0-9-]*$/u,
      "a lower-case identifier",
    ),
    label_sv: text({ en: "Target group in Swedish", sv: "Målgruppen på svenska", headerWords: SWEDISH_NAME_WORDS }),
    label_en: text({
      headerWords: ENGLISH_NAME_WORDS,
      en: "Target group in English (a translation, where the source names it in Swedish only)",
      sv: "Målgruppen på engelska (en översättning, där källan bara har ett svenskt namn)",
    }),
  },
  primaryKey: ["project_id", "target_group_id"],
  foreignKeys: [{ fields: ["project_id"], reference: { dataset: "projects", fields: ["project_id"] } }],
  onPage: {
    heading: { sv: "Målgrupper", en: "Target groups" },
    anchor: "target-groups",
    show: { list: { sv: "label_sv", en: "label_en" } },
  },
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["målgrupper", "företag"], en: ["target groups", "companies"] },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
  ),
})
