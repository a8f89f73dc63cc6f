import { defineDataset } from "../dataset.ts"
import { code, text } from "../field.ts"
import { projectId } from "../common-fields.ts"

export const projectTargetGroups = defineDataset({
  name: "project_target_groups",
  title: { sv: "Projektens målgrupper", en: "Project target groups" },
  description: {
    sv: "De grupper ett projekt vänder sig till.",
    en: "The groups a project is aimed at.",
  },
  fields: {
    project_id: projectId,
    target_group_id: code(
      { en: "Identifier of the target group", sv: "Målgruppens identifierare" },
      /^[a-z0-9][a-z0-9-]*$/u,
      "a lower-case identifier",
    ),
    label_sv: text({ en: "Target group in Swedish", sv: "Målgruppen på svenska" }),
    label_en: text({
      en: "Target group in English (a translation, where the source names it in Swedish only)",
      sv: "Målgruppen på engelska (en översättning, där källan bara har ett svenskt namn)",
    }),
  },
  primaryKey: ["project_id", "target_group_id"],
  foreignKeys: [{ fields: ["project_id"], reference: { dataset: "projects", fields: ["project_id"] } }],
  themes: ["REGI", "ECON"],
  keywords: { sv: ["målgrupper"], en: ["target groups"] },
})
