import pg from "pg";
import { localConfig } from "./local-config";
import { embeddedPostgresUrl } from "./postgres";

/** A client of the local shop's database (or DATABASE_URL); exits saying what to do when it is not reachable. */
export async function connectToShopDatabase(): Promise<pg.Client> {
  const url = process.env.DATABASE_URL ?? embeddedPostgresUrl(localConfig().pgPort);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    console.error(`Cannot reach the shop's database at ${url.replace(/:[^:@/]+@/, ":***@")} (${(err as Error).message}). Start the shop with npm start first.`);
    process.exit(1);
  }
  return client;
}
