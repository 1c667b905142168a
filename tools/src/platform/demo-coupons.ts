import pg from "pg";

/** The demo shop's coupons (listed in docs/cart.md). Each shows one rule a shopper can run into. */
export const DEMO_COUPONS: readonly DemoCoupon[] = [
  { code: "WELCOME10", description: "10% off your order", kind: "percent", value: 10 },
  { code: "SAVE15", description: "$15 off orders of $100 or more", kind: "fixed", value: 1500, minSubtotalCents: 10000 },
  { code: "AUDIO20", description: "20% off audio", kind: "percent", value: 20, categorySlug: "audio" },
  {
    code: "SUMMER25",
    description: "25% off (summer 2025, ended)",
    kind: "percent",
    value: 25,
    startsAt: "2025-06-01T00:00:00Z",
    endsAt: "2025-09-01T00:00:00Z",
  },
  { code: "FIRST100", description: "$10 off for our first 100 orders (all taken)", kind: "fixed", value: 1000, maxUses: 100, timesUsed: 100 },
];

interface DemoCoupon {
  code: string;
  description: string;
  kind: "percent" | "fixed";
  value: number;
  minSubtotalCents?: number;
  startsAt?: string;
  endsAt?: string;
  maxUses?: number;
  timesUsed?: number;
  categorySlug?: string;
}

/** Adds the demo coupons that are missing; coupons already there (and their use counts) are kept. */
export async function seedDemoCoupons(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let added = 0;
    for (const c of DEMO_COUPONS) {
      const { rowCount } = await client.query(
        `INSERT INTO coupons (code, description, kind, value, min_subtotal_cents, starts_at, ends_at, max_uses, times_used, category_slug)
         VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()), $7, $8, $9, $10)
         ON CONFLICT (code) DO NOTHING`,
        [
          c.code,
          c.description,
          c.kind,
          c.value,
          c.minSubtotalCents ?? 0,
          c.startsAt ?? null,
          c.endsAt ?? null,
          c.maxUses ?? null,
          c.timesUsed ?? 0,
          c.categorySlug ?? null,
        ],
      );
      added += rowCount ?? 0;
    }
    return added;
  } finally {
    await client.end();
  }
}
