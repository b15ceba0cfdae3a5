-- The transformation from staged canonical rows to the curated tables: ONE definition, run by DuckDB in
-- local mode and by Spark SQL in the Glue job (docs/adr/0006-one-transformation-definition.md).
-- Rules: each statement is a plain SELECT over the views products_stage, sales_stage and signals_stage,
-- written in the SQL subset both engines share (GROUP BY, sum, avg, CAST, year); no engine-specific syntax.
-- Each section starts with "-- @table <name>" and yields the curated table of that name.

-- @table products
SELECT *
FROM products_stage;

-- @table sales
-- long inputs arrive one row per product, region and day (already truncated to the period start);
-- wide inputs one row per product and period: summing gives one row per product, region and period.
SELECT product_id, region, period_start, CAST(sum(units) AS BIGINT) AS units,
       CAST(year(period_start) AS INTEGER) AS period_year
FROM sales_stage
GROUP BY product_id, region, period_start;

-- @table signals
SELECT signal, term, period_start, avg(value) AS value,
       CAST(year(period_start) AS INTEGER) AS period_year
FROM signals_stage
GROUP BY signal, term, period_start;
