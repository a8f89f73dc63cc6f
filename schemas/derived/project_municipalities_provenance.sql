-- DuckDB table of project_municipalities_provenance; column order is the CSV column order.
CREATE TABLE "project_municipalities_provenance" (
  "project_id" VARCHAR NOT NULL,
  "municipality_code" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
