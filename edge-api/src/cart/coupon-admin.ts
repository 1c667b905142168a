import type { AdminCoupon, CouponChange, CouponDraft, CouponState } from "@shop/contracts";
import { asc, count, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { categoryBySlug } from "../catalog/products";
import type { Database } from "../db/client";
import { containing } from "../db/errors";
import { ApiFailure } from "../errors";
import { coupons } from "./schema";

// The cart team's back office: coupons created, changed and switched off by operators, each change
// in the audit log with the coupon as it was and as it became.

type Row = typeof coupons.$inferSelect;

function stateOf(row: Row, now = new Date()): CouponState {
  if (row.disabledAt) return "disabled";
  if (row.endsAt && now >= row.endsAt) return "expired";
  if (row.maxUses !== null && row.timesUsed >= row.maxUses) return "used_up";
  if (now < row.startsAt) return "scheduled";
  return "active";
}

const asAdminCoupon = (row: Row): AdminCoupon => ({
  code: row.code,
  description: row.description,
  kind: row.kind,
  value: row.value,
  minSubtotalCents: row.minSubtotalCents,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt?.toISOString() ?? null,
  maxUses: row.maxUses,
  timesUsed: row.timesUsed,
  categorySlug: row.categorySlug,
  disabled: row.disabledAt !== null,
  state: stateOf(row),
});

/** What the audit log keeps of a coupon: its terms as an operator sees them. */
const auditedTerms = ({ timesUsed: _uses, state: _state, ...terms }: AdminCoupon) => terms;

/** Coupons whose code or description holds `q`, newest terms first by code; with how often each was used. */
export async function listCoupons(db: Database, filter: { q?: string | undefined; limit: number; offset: number }) {
  const where: SQL | undefined = filter.q ? or(ilike(coupons.code, containing(filter.q)), ilike(coupons.description, containing(filter.q))) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select().from(coupons).where(where).orderBy(asc(coupons.code)).limit(filter.limit).offset(filter.offset),
    db.select({ n: count() }).from(coupons).where(where),
  ]);
  return { items: rows.map(asAdminCoupon), total: total?.n ?? 0 };
}

export async function couponByCode(db: Database, code: string): Promise<AdminCoupon> {
  const [row] = await db.select().from(coupons).where(eq(coupons.code, code.toUpperCase()));
  if (!row) throw new ApiFailure(404, "coupon_not_found", `No coupon ${code.toUpperCase()}.`);
  return asAdminCoupon(row);
}

async function assertCategory(db: Database, slug: string | null | undefined) {
  if (slug && !(await categoryBySlug(db, slug))) {
    throw new ApiFailure(400, "invalid_request", `No category "${slug}".`, {}, { categorySlug: `No category "${slug}"` });
  }
}

export async function createCoupon(db: Database, actor: string, draft: CouponDraft): Promise<AdminCoupon> {
  await assertCategory(db, draft.categorySlug);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(coupons)
      .values({ ...draft, startsAt: draft.startsAt ? new Date(draft.startsAt) : undefined, endsAt: draft.endsAt ? new Date(draft.endsAt) : null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ApiFailure(409, "coupon_exists", `There is already a coupon ${draft.code}.`, {}, { code: `${draft.code} is taken` });
    const created = asAdminCoupon(row);
    await recordAudit(tx, actor, { area: "cart", action: "coupon.create", subject: `coupon:${row.code}`, after: auditedTerms(created) });
    return created;
  });
}

/**
 * Changes a coupon's terms or switches it off and on. The row is locked while the change is
 * checked against what it already says (a new end must still follow its start).
 */
export async function changeCoupon(db: Database, actor: string, code: string, change: CouponChange): Promise<AdminCoupon> {
  await assertCategory(db, change.categorySlug);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(coupons).where(eq(coupons.code, code.toUpperCase())).for("update");
    if (!row) throw new ApiFailure(404, "coupon_not_found", `No coupon ${code.toUpperCase()}.`);
    const { disabled, startsAt, endsAt, ...terms } = change;
    const next = {
      ...terms,
      ...(startsAt !== undefined && { startsAt: new Date(startsAt) }),
      ...(endsAt !== undefined && { endsAt: endsAt === null ? null : new Date(endsAt) }),
      ...(disabled !== undefined && { disabledAt: disabled ? (row.disabledAt ?? sql`now()`) : null }),
    };
    const kind = next.kind ?? row.kind;
    const value = next.value ?? row.value;
    if (kind === "percent" && value > 100)
      throw new ApiFailure(400, "invalid_request", "A percentage is at most 100.", {}, { value: "A percentage is at most 100" });
    const start = next.startsAt ?? row.startsAt;
    const end = next.endsAt === undefined ? row.endsAt : next.endsAt;
    if (end && end <= start) throw new ApiFailure(400, "invalid_request", "It must end after it starts.", {}, { endsAt: "It must end after it starts" });
    const [changed] = await tx.update(coupons).set(next).where(eq(coupons.code, row.code)).returning();
    const after = asAdminCoupon(changed!);
    await recordAudit(tx, actor, {
      area: "cart",
      action: disabled === undefined || Object.keys(change).length > 1 ? "coupon.change" : disabled ? "coupon.disable" : "coupon.enable",
      subject: `coupon:${row.code}`,
      before: auditedTerms(asAdminCoupon(row)),
      after: auditedTerms(after),
    });
    return after;
  });
}
