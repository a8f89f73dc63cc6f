-- DuckDB table of project_funders; column order is the CSV column order.
CREATE TABLE "project_funders" (
  "project_id" VARCHAR NOT NULL,
  "funder_id" VARCHAR NOT NULL,
  "funder_name" VARCHAR NOT NULL,
  "funder_type" VARCHAR NOT NULL,
  "municipality_code" VARCHAR,
  "amount_sek" BIGINT,
  "amount_eur" BIGINT,
  "amount_status" VARCHAR
);
