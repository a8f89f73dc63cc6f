-- DuckDB table of counties_provenance; column order is the CSV column order.
CREATE TABLE "counties_provenance" (
  "county_code" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
