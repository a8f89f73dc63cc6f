-- DuckDB table of indicators; column order is the CSV column order.
CREATE TABLE "indicators" (
  "indicator_id" VARCHAR NOT NULL,
  "label_sv" VARCHAR NOT NULL,
  "label_en" VARCHAR NOT NULL,
  "unit" VARCHAR NOT NULL,
  "definition_sv" VARCHAR,
  "definition_en" VARCHAR,
  "definition_status" VARCHAR,
  "project_id" VARCHAR,
  "source" VARCHAR NOT NULL
);
