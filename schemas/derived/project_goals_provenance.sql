-- DuckDB table of project_goals_provenance; column order is the CSV column order.
CREATE TABLE "project_goals_provenance" (
  "project_id" VARCHAR NOT NULL,
  "goal_id" VARCHAR NOT NULL,
  "file" VARCHAR NOT NULL,
  "line" INTEGER NOT NULL
);
