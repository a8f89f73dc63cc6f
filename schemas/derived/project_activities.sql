-- DuckDB table of project_activities; column order is the CSV column order.
CREATE TABLE "project_activities" (
  "project_id" VARCHAR NOT NULL,
  "activity_id" VARCHAR NOT NULL,
  "parent_activity_id" VARCHAR,
  "label_sv" VARCHAR NOT NULL,
  "label_en" VARCHAR NOT NULL,
  "description_sv" VARCHAR NOT NULL,
  "description_en" VARCHAR NOT NULL
);
