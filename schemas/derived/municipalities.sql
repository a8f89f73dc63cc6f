-- DuckDB table of municipalities; column order is the CSV column order.
CREATE TABLE "municipalities" (
  "municipality_code" VARCHAR NOT NULL,
  "municipality_name" VARCHAR NOT NULL,
  "county_code" VARCHAR NOT NULL
);
