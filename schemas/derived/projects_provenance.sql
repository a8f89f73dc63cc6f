-- DuckDB table of projects_provenance; column order is the CSV column order.
CREATE TABLE "projects_provenance" (
  "project_id" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
