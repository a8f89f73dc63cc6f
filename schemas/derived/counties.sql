-- DuckDB table of counties; column order is the CSV column order.
CREATE TABLE "counties" (
  "county_code" VARCHAR NOT NULL,
  "county_name" VARCHAR NOT NULL,
  "nuts3_code" VARCHAR NOT NULL
);
