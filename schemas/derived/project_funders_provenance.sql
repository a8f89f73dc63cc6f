-- DuckDB table of project_funders_provenance; column order is the CSV column order.
CREATE TABLE "project_funders_provenance" (
  "project_id" VARCHAR NOT NULL,
  "funder_id" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
