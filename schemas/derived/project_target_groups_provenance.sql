-- DuckDB table of project_target_groups_provenance; column order is the CSV column order.
CREATE TABLE "project_target_groups_provenance" (
  "project_id" VARCHAR NOT NULL,
  "target_group_id" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
