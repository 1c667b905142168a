// Checkout's rules that browser code needs too (no zod here: see browser.ts). The API's schemas in
// checkout.ts apply the same functions, so a shopper reads the same message before and after submitting.

export interface Country {
  name: string;
  postalCode: { pattern: RegExp; example: string };
  /** Countries whose addresses need a state or province, by code. */
  regions?: Record<string, string>;
  regionLabel?: string;
}
const US_STATES = Object.fromEntries(
  "AL Alabama,AK Alaska,AZ Arizona,AR Arkansas,CA California,CO Colorado,CT Connecticut,DE Delaware,DC District of Columbia,FL Florida,GA Georgia,HI Hawaii,ID Idaho,IL Illinois,IN Indiana,IA Iowa,KS Kansas,KY Kentucky,LA Louisiana,ME Maine,MD Maryland,MA Massachusetts,MI Michigan,MN Minnesota,MS Mississippi,MO Missouri,MT Montana,NE Nebraska,NV Nevada,NH New Hampshire,NJ New Jersey,NM New Mexico,NY New York,NC North Carolina,ND North Dakota,OH Ohio,OK Oklahoma,OR Oregon,PA Pennsylvania,RI Rhode Island,SC South Carolina,SD South Dakota,TN Tennessee,TX Texas,UT Utah,VT Vermont,VA Virginia,WA Washington,WV West Virginia,WI Wisconsin,WY Wyoming"
    .split(",")
    .map((entry) => [entry.slice(0, 2), entry.slice(3)]),
);
const CA_PROVINCES = Object.fromEntries(
  "AB Alberta,BC British Columbia,MB Manitoba,NB New Brunswick,NL Newfoundland and Labrador,NS Nova Scotia,NT Northwest Territories,NU Nunavut,ON Ontario,PE Prince Edward Island,QC Quebec,SK Saskatchewan,YT Yukon"
    .split(",")
    .map((entry) => [entry.slice(0, 2), entry.slice(3)]),
);

/** Where the shop ships, with each country's postal code format. */
export const COUNTRIES: Record<string, Country> = {
  US: { name: "United States", postalCode: { pattern: /^\d{5}(-\d{4})?$/, example: "94107 or 94107-1234" }, regions: US_STATES, regionLabel: "State" },
  CA: {
    name: "Canada",
    postalCode: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, example: "K1A 0B1" },
    regions: CA_PROVINCES,
    regionLabel: "Province",
  },
  GB: { name: "United Kingdom", postalCode: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, example: "SW1A 1AA" } },
  DE: { name: "Germany", postalCode: { pattern: /^\d{5}$/, example: "10115" } },
  FR: { name: "France", postalCode: { pattern: /^\d{5}$/, example: "75001" } },
};
export const COUNTRY_CODES = Object.keys(COUNTRIES) as [string, ...string[]];

export const SHIPPING_METHOD_IDS = ["standard", "express", "overnight"] as const;
export type ShippingMethodId = (typeof SHIPPING_METHOD_IDS)[number];

/** The shipping methods, their prices in cents and business days to deliver. */
export const SHIPPING_METHODS: Record<ShippingMethodId, { label: string; price: number; days: [number, number] }> = {
  standard: { label: "Standard", price: 599, days: [5, 7] },
  express: { label: "Express", price: 1499, days: [2, 3] },
  overnight: { label: "Overnight", price: 2999, days: [1, 1] },
};
/** Standard shipping is free from this subtotal up (after discounts). */
export const FREE_STANDARD_SHIPPING_FROM = 5000;

export interface AddressFields {
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

const REQUIRED: Array<[keyof AddressFields, string, number]> = [
  ["name", "the recipient's full name", 100],
  ["line1", "the street address", 120],
  ["city", "the city", 80],
];
const capitalised = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** What is wrong with an address, by field, in the words the shopper reads; empty when it is fine. */
export function addressProblems(address: AddressFields): Partial<Record<keyof AddressFields, string>> {
  const problems: Partial<Record<keyof AddressFields, string>> = {};
  for (const [field, label, max] of REQUIRED) {
    const value = address[field].trim();
    if (!value) problems[field] = `Enter ${label}`;
    else if (value.length > max) problems[field] = `${capitalised(label.replace(/^the /, ""))} can be at most ${max} characters`;
  }
  if (address.line2.trim().length > 120) problems.line2 = "The second address line can be at most 120 characters";
  if (!/^[+\d ()-]{0,30}$/.test(address.phone.trim())) problems.phone = "Phone may contain digits, spaces, + ( ) and - only";
  const country = COUNTRIES[address.country];
  if (!country) {
    problems.country = `We ship to ${COUNTRY_CODES.map((code) => COUNTRIES[code]!.name).join(", ")}`;
    return problems;
  }
  if (!country.postalCode.pattern.test(address.postalCode.trim()))
    problems.postalCode = `Enter a ${country.name} postal code, e.g. ${country.postalCode.example}`;
  if (country.regions && !country.regions[address.region.trim().toUpperCase()]) problems.region = `Choose a ${country.regionLabel!.toLowerCase()}`;
  return problems;
}

export const EMAIL_PROBLEM = "Enter an email address like name@example.com";
/** The browser's first check; the API's is zod's email rule, with the same message. */
export const looksLikeEmail = (email: string) => email.trim().length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

/** A shipping method's price for a cart and its delivery window (dates as YYYY-MM-DD). */
export interface ShippingQuote {
  id: ShippingMethodId;
  label: string;
  price: { amount: number; currency: string };
  estimate: { earliest: string; latest: string };
}

const addBusinessDays = (from: Date, days: number) => {
  const date = new Date(from);
  for (let added = 0; added < days; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) added++;
  }
  return date.toISOString().slice(0, 10);
};

/**
 * The one rounding rule for money: round half away from zero to whole cents. Tax and percentage
 * discounts are computed once on a total, never per line, so lines never disagree with the total.
 */
export const roundCents = (value: number) => Math.sign(value) * Math.round(Math.abs(value));

/**
 * Sales tax or VAT on goods (after discounts), in basis points, by destination: the one table the
 * cart's estimate and checkout's charge both read (docs/checkout.md, "Shipping and tax"). US states without a listed
 * rate, and a cart whose destination is not known yet, use the US default.
 */
const US_STATE_RATES_BP: Record<string, number> = { CA: 725, NY: 400, TX: 625, WA: 650, FL: 600, IL: 625, OR: 0, MT: 0, NH: 0, DE: 0, AK: 0 };
const US_DEFAULT_BP = 600;
const CA_PROVINCE_RATES_BP: Record<string, number> = { ON: 1300, NS: 1500, NB: 1500, NL: 1500, PE: 1500 };
const CA_GST_BP = 500;
const COUNTRY_RATES_BP: Record<string, number> = { GB: 2000, DE: 1900, FR: 2000 };

/** Where the goods go, as far as tax is concerned. */
export interface TaxDestination {
  country: string;
  region: string;
}

export function taxRateBp(destination?: TaxDestination): number {
  if (!destination) return US_DEFAULT_BP;
  const region = destination.region.toUpperCase();
  if (destination.country === "US") return US_STATE_RATES_BP[region] ?? US_DEFAULT_BP;
  if (destination.country === "CA") return CA_PROVINCE_RATES_BP[region] ?? CA_GST_BP;
  return COUNTRY_RATES_BP[destination.country] ?? 0;
}

/**
 * Shipping, tax and total of goods worth `discounted` cents (after discounts), sent by `method` to
 * `destination`: what checkout charges, and what the cart estimates before it knows them (standard
 * shipping, the default rate).
 */
export function deliveredTotals(discounted: number, currency: string, method: ShippingMethodId, destination?: TaxDestination) {
  const shipping = shippingOptions(discounted, currency).find((option) => option.id === method)!.price;
  const tax = roundCents((discounted * taxRateBp(destination)) / 10_000);
  return { shipping, tax: { amount: tax, currency }, total: { amount: discounted + shipping.amount + tax, currency } };
}

/** What each method costs this cart (standard is free above the threshold) and when it arrives. */
export function shippingOptions(discountedSubtotal: number, currency: string, today = new Date()): ShippingQuote[] {
  return SHIPPING_METHOD_IDS.map((id) => {
    const method = SHIPPING_METHODS[id];
    const free = id === "standard" && discountedSubtotal >= FREE_STANDARD_SHIPPING_FROM;
    return {
      id,
      label: method.label,
      price: { amount: free ? 0 : method.price, currency },
      estimate: { earliest: addBusinessDays(today, method.days[0]), latest: addBusinessDays(today, method.days[1]) },
    };
  });
}

/** Carriers the shop ships with and where each tracks a parcel (the number is appended, URL-encoded). */
export const CARRIERS: Record<string, string> = {
  UPS: "https://www.ups.com/track?tracknum=",
  USPS: "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
  FedEx: "https://www.fedex.com/fedextrack/?trknbr=",
  DHL: "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=",
  "Royal Mail": "https://www.royalmail.com/track-your-item#/tracking-results/",
  "Canada Post": "https://www.canadapost-postescanada.ca/track-reperage/en#/details/",
};
export const CARRIER_NAMES = Object.keys(CARRIERS) as [string, ...string[]];

/** The carrier's own page for a parcel, when the carrier is one we know and there is a number. */
export function trackingUrl(carrier: string | null, trackingNumber: string | null): string | null {
  const base = carrier ? CARRIERS[carrier] : undefined;
  return base && trackingNumber ? `${base}${encodeURIComponent(trackingNumber)}` : null;
}

/** A shipped parcel in words: "Shipped with UPS · tracking number 1Z…" (its link is the caller's). */
export function shipmentText(shipment: { carrier: string | null; trackingNumber: string | null }): string {
  return `Shipped${shipment.carrier ? ` with ${shipment.carrier}` : ""}${shipment.trackingNumber ? ` · tracking number ${shipment.trackingNumber}` : ""}`;
}

/** At or below this many sellable units a SKU is "low" in the back office. */
export const LOW_STOCK = 5;

/** A delivered order's items can be returned for this many days after delivery. */
export const RETURN_WINDOW_DAYS = 30;
/** Where shoppers send what they return: said on the return's page and in its emails. */
export const RETURN_INSTRUCTIONS =
  "Pack the items with the return number written on the parcel and send them within 14 days to: Edge Shop Returns, 100 Market Street, San Francisco, CA 94105. We refund your card once they arrive.";
