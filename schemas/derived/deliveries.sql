-- DuckDB table of deliveries; column order is the CSV column order.
CREATE TABLE "deliveries" (
  "file" VARCHAR NOT NULL,
  "kind" VARCHAR NOT NULL,
  "snapshot_of" VARCHAR,
  "documents" VARCHAR,
  "publisher" VARCHAR NOT NULL,
  "licence" VARCHAR,
  "rights" VARCHAR,
  "via" VARCHAR,
  "as_of" DATE,
  "retrieved" DATE,
  "filed" DATE NOT NULL,
  "sha256" VARCHAR NOT NULL,
  "reading_sha256" VARCHAR NOT NULL,
  "delivery_status" VARCHAR NOT NULL,
  "superseded_by" VARCHAR,
  "still_published" VARCHAR,
  "withdrawn_reason" VARCHAR,
  "erased" VARCHAR,
  "description" VARCHAR,
  "manifest_line" INTEGER NOT NULL
);
