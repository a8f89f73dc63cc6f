-- DuckDB table of municipalities_provenance; column order is the CSV column order.
CREATE TABLE "municipalities_provenance" (
  "municipality_code" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
