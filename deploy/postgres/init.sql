-- Runs once when the PostgreSQL volume is created. Each service migrates its own schema with Flyway.
CREATE ROLE linewatch LOGIN PASSWORD 'linewatch';
CREATE DATABASE linewatch OWNER linewatch;
