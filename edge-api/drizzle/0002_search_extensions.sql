-- Trigram matching for autocomplete and typo-tolerant search (available on Neon and in embedded Postgres).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
