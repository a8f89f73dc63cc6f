-- DuckDB table of project_municipalities; column order is the CSV column order.
CREATE TABLE "project_municipalities" (
  "project_id" VARCHAR NOT NULL,
  "municipality_code" VARCHAR NOT NULL,
  "role" VARCHAR NOT NULL,
  "lead_beneficiary" BOOLEAN
);
