import type { ShippingAddress } from "@shop/contracts";

/**
 * Sales tax or VAT on goods (after discounts), in basis points, by destination. US states without a
 * listed rate use the default; the table is the documented one (README, "Checkout").
 */
const US_STATE_RATES_BP: Record<string, number> = { CA: 725, NY: 400, TX: 625, WA: 650, FL: 600, IL: 625, OR: 0, MT: 0, NH: 0, DE: 0, AK: 0 };
const US_DEFAULT_BP = 600;
const CA_PROVINCE_RATES_BP: Record<string, number> = { ON: 1300, NS: 1500, NB: 1500, NL: 1500, PE: 1500 };
const CA_GST_BP = 500;
const COUNTRY_RATES_BP: Record<string, number> = { GB: 2000, DE: 1900, FR: 2000 };

export function taxRateBp(address: Pick<ShippingAddress, "country" | "region">): number {
  const region = address.region.toUpperCase();
  if (address.country === "US") return US_STATE_RATES_BP[region] ?? US_DEFAULT_BP;
  if (address.country === "CA") return CA_PROVINCE_RATES_BP[region] ?? CA_GST_BP;
  return COUNTRY_RATES_BP[address.country] ?? 0;
}
