-- DuckDB table of project_goals; column order is the CSV column order.
CREATE TABLE "project_goals" (
  "project_id" VARCHAR NOT NULL,
  "goal_id" VARCHAR NOT NULL,
  "goal_type" VARCHAR NOT NULL,
  "text_sv" VARCHAR NOT NULL,
  "text_en" VARCHAR NOT NULL
);
