import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/catalog/schema.ts",
  out: "./drizzle",
  // Only `drizzle-kit migrate` needs it (production: the Neon connection string).
  dbCredentials: { url: process.env.DATABASE_URL ?? "" },
});
