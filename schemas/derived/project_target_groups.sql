-- DuckDB table of project_target_groups; column order is the CSV column order.
CREATE TABLE "project_target_groups" (
  "project_id" VARCHAR NOT NULL,
  "target_group_id" VARCHAR NOT NULL,
  "label_sv" VARCHAR NOT NULL,
  "label_en" VARCHAR NOT NULL
);
