/**
 * The one rounding rule for money: round half away from zero to whole cents. Tax and percentage
 * discounts are computed once on a total, never per line, so lines never disagree with the total.
 */
export const roundCents = (value: number) => Math.sign(value) * Math.round(Math.abs(value));
