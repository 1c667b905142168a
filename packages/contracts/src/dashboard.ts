import { z } from "zod";

// The back office's home: how the shop is doing, and what needs an operator.

export const SalesDay = z
  .object({
    day: z.string().describe("YYYY-MM-DD, UTC"),
    checkouts: z.number().int().describe("Checkouts started"),
    orders: z.number().int(),
    revenue: z.number().int().describe("Orders' totals, cents"),
    refunded: z.number().int().describe("Refunded that day, cents"),
  })
  .meta({ id: "SalesDay" });
export type SalesDay = z.infer<typeof SalesDay>;

export const SalesPeriod = z
  .object({
    label: z.string(),
    days: z.number().int(),
    orders: z.number().int(),
    revenue: z.number().int(),
    averageOrder: z.number().int().describe("Revenue over orders, cents (0 without orders)"),
    refunded: z.number().int(),
    checkouts: z.number().int(),
    conversion: z.number().nullable().describe("Orders over checkouts started (null without checkouts)"),
  })
  .meta({ id: "SalesPeriod" });
export type SalesPeriod = z.infer<typeof SalesPeriod>;

const CappedCount = z.number().int().describe("Exact up to DASHBOARD_COUNT_CAP (1,000), which it stops at");

export const Dashboard = z
  .object({
    periods: z.array(SalesPeriod),
    days: z.array(SalesDay).describe("The last 30 days, oldest first"),
    lowStock: CappedCount,
    openReturns: CappedCount,
    undeliveredEmails: CappedCount,
  })
  .meta({ id: "Dashboard" });
export type Dashboard = z.infer<typeof Dashboard>;
