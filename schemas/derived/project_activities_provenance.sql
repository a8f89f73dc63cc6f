-- DuckDB table of project_activities_provenance; column order is the CSV column order.
CREATE TABLE "project_activities_provenance" (
  "project_id" VARCHAR NOT NULL,
  "activity_id" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
