import pg from "pg";

/** Small, fast, seedable PRNG (mulberry32): the same seed always yields the same catalog. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADJECTIVES = ["Classic", "Everyday", "Trail", "Studio", "Compact", "Heritage", "Urban", "Summit", "Coastal", "Nordic", "Featherweight", "Rugged"];
const MATERIALS = ["Cotton", "Merino", "Canvas", "Leather", "Bamboo", "Steel", "Ceramic", "Oak", "Linen", "Recycled"];
const NOUNS = [
  ["T-Shirt", 1900, 3900],
  ["Hoodie", 4900, 8900],
  ["Backpack", 5900, 14900],
  ["Water Bottle", 1500, 3900],
  ["Headphones", 4900, 29900],
  ["Desk Lamp", 2900, 11900],
  ["Coffee Mug", 1200, 2900],
  ["Running Shoes", 7900, 17900],
  ["Notebook", 900, 2400],
  ["Wool Socks", 1200, 2600],
  ["Chef's Knife", 3900, 15900],
  ["Sunglasses", 2900, 18900],
] as const;

export interface SeedProduct {
  sku: string;
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
}

export function generateCatalog(count: number, seed = 42): SeedProduct[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const [noun, min, max] = pick(NOUNS);
    const name = `${pick(ADJECTIVES)} ${pick(MATERIALS)} ${noun}`;
    const number = String(i + 1).padStart(6, "0");
    // Prices end in 99 cents, as shoppers expect.
    const priceCents = Math.round((min + next() * (max - min)) / 100) * 100 - 1;
    const roll = next();
    const stock = roll < 0.08 ? 0 : roll < 0.2 ? 1 + Math.floor(next() * 4) : 10 + Math.floor(next() * 190);
    return {
      sku: `SKU-${number}`,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${number}`,
      name,
      description: `${name}: made to last, designed for every day.`,
      priceCents,
      stock,
    };
  });
}

/** Loads the demo catalog; existing rows are kept, so re-seeding never undoes an operator's edits. */
export async function seedCatalog(databaseUrl: string, count: number): Promise<{ inserted: number }> {
  const products = generateCatalog(count);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let inserted = 0;
  try {
    await client.query("BEGIN");
    for (let start = 0; start < products.length; start += 1000) {
      const batch = products.slice(start, start + 1000);
      const result = await client.query(
        `INSERT INTO products (sku, slug, name, description, price_cents, currency)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[])
         ON CONFLICT (sku) DO NOTHING`,
        [batch.map((p) => p.sku), batch.map((p) => p.slug), batch.map((p) => p.name), batch.map((p) => p.description), batch.map((p) => p.priceCents), batch.map(() => "USD")],
      );
      inserted += result.rowCount ?? 0;
      await client.query(
        `INSERT INTO inventory (sku, available) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (sku) DO NOTHING`,
        [batch.map((p) => p.sku), batch.map((p) => p.stock)],
      );
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    await client.end();
  }
  return { inserted };
}
