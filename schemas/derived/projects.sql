-- DuckDB table of projects; column order is the CSV column order.
CREATE TABLE "projects" (
  "project_id" VARCHAR NOT NULL,
  "acronym" VARCHAR,
  "title_sv" VARCHAR NOT NULL,
  "title_en" VARCHAR,
  "status" VARCHAR NOT NULL,
  "start_date" DATE NOT NULL,
  "end_date" DATE NOT NULL,
  "lead_organisation" VARCHAR NOT NULL,
  "programme" VARCHAR NOT NULL,
  "programme_area" VARCHAR,
  "priority_axis" VARCHAR,
  "fund" VARCHAR NOT NULL,
  "eu_funds_granted_sek" BIGINT,
  "eu_funds_granted_eur" BIGINT,
  "national_public_funding_sek" BIGINT,
  "national_public_funding_eur" BIGINT,
  "eu_funds_paid_sek" BIGINT,
  "eu_funds_paid_date" DATE,
  "summary_sv" VARCHAR,
  "summary_en" VARCHAR,
  "tillvaxtverket_case_id" VARCHAR
);
