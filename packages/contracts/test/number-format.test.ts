import { describe, expect, it } from "vitest";
import { formatCount, formatMoney } from "../src";

const intl = (amount: number, currency: string) => new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount / 100);

describe("formatMoney", () => {
  const amounts = [0, 1, 9, 10, 99, 100, 101, 1299, 99_999, 100_000, 123_456, 99_999_999, 100_000_000, 123_456_789_012, -1, -1299, -123_456];

  it.each(["USD", "EUR", "GBP", "CAD", "JPY"])("writes %s exactly as Intl's en-US currency format does", (currency) => {
    for (const amount of amounts) expect(formatMoney({ amount, currency })).toBe(intl(amount, currency));
  });

  it("reads like a price", () => {
    expect(formatMoney({ amount: 1299, currency: "USD" })).toBe("$12.99");
    expect(formatMoney({ amount: 123_456, currency: "EUR" })).toBe("€1,234.56");
  });
});

describe("formatCount", () => {
  it("groups thousands as en-US does", () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890]) expect(formatCount(n)).toBe(n.toLocaleString("en-US"));
  });
});
