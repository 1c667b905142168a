import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";

/** Visitors of one variant and how many of them ordered. */
export interface Arm {
  visitors: number;
  converted: number;
}

const Z_95 = 1.959963984540054;
const rate = (arm: Arm) => (arm.visitors ? arm.converted / arm.visitors : 0);
const upperTail = (z: number) => 1 - normalCdf(Math.abs(z), 0, 1);

export interface Comparison {
  /** (treatment − control) / control conversion rate. */
  lift: number;
  /** 95% interval of the lift (the difference's Wald interval over the control's rate), for one look at the data. */
  liftInterval: [number, number];
  /** Two-sided p-value of the two-proportion z-test (pooled), for one look at the data. */
  pValue: number;
  /** Always-valid p-value (mixture sequential probability ratio test): honest however often it is read. */
  sequentialPValue: number;
  /** Always-valid 95% interval of the lift. */
  sequentialLiftInterval: [number, number];
}

/**
 * Treatment against control. The fixed-horizon numbers are what a textbook two-proportion test
 * gives; the sequential ones (Johari et al., "Always valid inference", 2017: a normal mixture over
 * the difference, tuned to be most powerful near TUNED_VISITORS a variant) stay valid when the
 * operator looks every day and stops at the first good-looking result. Null without conversions in
 * the control or with no visitors.
 */
export function compare(control: Arm, treatment: Arm): Comparison | null {
  if (control.visitors === 0 || treatment.visitors === 0 || control.converted === 0) return null;
  const [pA, pB] = [rate(control), rate(treatment)];
  const pooled = (control.converted + treatment.converted) / (control.visitors + treatment.visitors);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.visitors + 1 / treatment.visitors));
  const diff = pB - pA;
  const pValue = pooledSe > 0 ? 2 * upperTail(diff / pooledSe) : 1;
  const diffSe = Math.sqrt((pA * (1 - pA)) / control.visitors + (pB * (1 - pB)) / treatment.visitors);
  const { pValue: sequentialPValue, halfWidth } = sequential(control, treatment, diff);
  return {
    lift: diff / pA,
    liftInterval: [(diff - Z_95 * diffSe) / pA, (diff + Z_95 * diffSe) / pA],
    pValue,
    sequentialPValue,
    sequentialLiftInterval: [(diff - halfWidth) / pA, (diff + halfWidth) / pA],
  };
}

/** The visitors per variant the sequential test is most powerful around. */
export const TUNED_VISITORS = 1000;

/**
 * mSPRT for a difference of proportions with a N(0, τ²) mixture: Λ = √(V/(V+τ²)) · exp(θ̂²τ² / 2V(V+τ²)),
 * p = min(1, 1/Λ), and the always-valid interval {θ : Λ(θ) < 1/α}.
 */
function sequential(control: Arm, treatment: Arm, diff: number): { pValue: number; halfWidth: number } {
  const [pA, pB] = [rate(control), rate(treatment)];
  const variance = (pA * (1 - pA)) / control.visitors + (pB * (1 - pB)) / treatment.visitors;
  // τ² from the pooled rate: the spread of differences a real change makes near TUNED_VISITORS.
  const pooled = (control.converted + treatment.converted) / (control.visitors + treatment.visitors);
  const tau2 = (2 * pooled * (1 - pooled)) / TUNED_VISITORS;
  if (variance <= 0 || tau2 <= 0) return { pValue: 1, halfWidth: Infinity };
  const logLambda = 0.5 * Math.log(variance / (variance + tau2)) + (diff * diff * tau2) / (2 * variance * (variance + tau2));
  const pValue = Math.min(1, Math.exp(-logLambda));
  const alpha = 0.05;
  const halfWidth = Math.sqrt(((variance * (variance + tau2)) / tau2) * (2 * Math.log(1 / alpha) + Math.log((variance + tau2) / variance)));
  return { pValue, halfWidth };
}

export interface SampleRatio {
  chiSquared: number;
  pValue: number;
  /** p < 0.001: the split is not what the weights say, so no comparison can be trusted. */
  mismatch: boolean;
}

export const SRM_THRESHOLD = 0.001;

/** Sample-ratio-mismatch check: Pearson's chi-squared of the visitors against the weights. */
export function sampleRatio(visitors: number[], weights: number[]): SampleRatio | null {
  const total = visitors.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const cells = visitors.map((observed, i) => ({ observed, expected: (total * weights[i]!) / weightSum })).filter((cell) => cell.expected > 0);
  if (total === 0 || cells.length < 2) return null;
  const chiSquared = cells.reduce((sum, { observed, expected }) => sum + (observed - expected) ** 2 / expected, 0);
  const pValue = 1 - chisquareCdf(chiSquared, cells.length - 1);
  return { chiSquared, pValue, mismatch: pValue < SRM_THRESHOLD };
}
