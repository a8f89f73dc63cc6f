-- DuckDB table of indicators_provenance; column order is the CSV column order.
CREATE TABLE "indicators_provenance" (
  "indicator_id" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
