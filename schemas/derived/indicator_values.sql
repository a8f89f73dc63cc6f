-- DuckDB table of indicator_values; column order is the CSV column order.
CREATE TABLE "indicator_values" (
  "indicator_id" VARCHAR NOT NULL,
  "municipality_code" VARCHAR NOT NULL,
  "year" INTEGER NOT NULL,
  "value" DOUBLE,
  "value_status" VARCHAR
);
