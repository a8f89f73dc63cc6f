-- DuckDB table of indicator_values_provenance; column order is the CSV column order.
CREATE TABLE "indicator_values_provenance" (
  "indicator_id" VARCHAR NOT NULL,
  "municipality_code" VARCHAR NOT NULL,
  "year" INTEGER NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
