import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  // Each domain declares its own tables (src/<domain>/schema.ts).
  schema: "./src/*/schema.ts",
  out: "./drizzle",
  // Only `drizzle-kit migrate` needs it (production: the Neon connection string).
  dbCredentials: { url: process.env.DATABASE_URL ?? "" },
});
