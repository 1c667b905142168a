import { describe, expect, it } from "vitest";
import { compare, sampleRatio } from "../src/experiments/statistics";

describe("the experiment statistics against textbook values", () => {
  it("two-proportion z-test: 100/1000 against 130/1000 gives z = 2.10, p = 0.0355", () => {
    const result = compare({ visitors: 1000, converted: 100 }, { visitors: 1000, converted: 130 })!;
    // Pooled p = 0.115, SE = √(0.115 · 0.885 · 2/1000) = 0.014267, z = 0.03 / SE = 2.1028.
    expect(result.pValue).toBeCloseTo(0.03549, 4);
    expect(result.lift).toBeCloseTo(0.3, 10);
    // Wald interval of the difference, 0.03 ± 1.96 · 0.014252, over the control's 0.1.
    expect(result.liftInterval[0]).toBeCloseTo(0.0207, 3);
    expect(result.liftInterval[1]).toBeCloseTo(0.5793, 3);
    // One look's p = 0.035 is not yet evidence the sequential test accepts.
    expect(result.sequentialPValue).toBeGreaterThan(0.05);
  });

  it("chi-squared sample-ratio check: the table's critical values, and a known mismatch", () => {
    // [100, 80] against 50/50: χ² = 2.222, p = 0.136 (df 1).
    expect(sampleRatio([100, 80], [50, 50])).toMatchObject({ mismatch: false });
    expect(sampleRatio([100, 80], [50, 50])!.chiSquared).toBeCloseTo(2.2222, 4);
    expect(sampleRatio([100, 80], [50, 50])!.pValue).toBeCloseTo(0.136, 3);
    // 821,588 against 815,482 visitors of a 50/50 test (Fabijan et al., KDD 2019): χ² = 22.77, p ≈ 1.8e-6.
    const srm = sampleRatio([821588, 815482], [50, 50])!;
    expect(srm.chiSquared).toBeCloseTo(22.774, 2);
    expect(srm.mismatch).toBe(true);
    // 90/10 split honoured within noise; three variants use df 2 (χ²₀.₀₅,₂ = 5.991).
    expect(sampleRatio([9030, 970], [90, 10])!.mismatch).toBe(false);
    const expected = 1000;
    const d = Math.sqrt((5.991 * expected) / 2);
    expect(sampleRatio([expected + d, expected - d, expected], [1, 1, 1])!.pValue).toBeCloseTo(0.05, 3);
  });

  it("the sequential test keeps its false-positive rate under 5% when read after every 200 visitors (A/A simulation)", () => {
    // A seeded generator, so the simulation is the same every run.
    let seed = 20261202;
    const random = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const runs = 300;
    const [looks, step, rate] = [40, 200, 0.05];
    let sequentialFalse = 0;
    let naiveFalse = 0;
    for (let run = 0; run < runs; run++) {
      const [a, b] = [
        { visitors: 0, converted: 0 },
        { visitors: 0, converted: 0 },
      ];
      let [sequentialHit, naiveHit] = [false, false];
      for (let look = 0; look < looks; look++) {
        for (let i = 0; i < step; i++) {
          a.visitors++;
          b.visitors++;
          if (random() < rate) a.converted++;
          if (random() < rate) b.converted++;
        }
        const result = compare(a, b);
        if (!result) continue;
        sequentialHit ||= result.sequentialPValue < 0.05;
        naiveHit ||= result.pValue < 0.05;
      }
      if (sequentialHit) sequentialFalse++;
      if (naiveHit) naiveFalse++;
    }
    expect(sequentialFalse / runs).toBeLessThanOrEqual(0.05);
    // Reading the fixed-horizon p-value as often would "find" a winner far more often than 5%.
    expect(naiveFalse / runs).toBeGreaterThan(0.15);
  });

  it("the sequential test does find a real difference", () => {
    const result = compare({ visitors: 20000, converted: 1000 }, { visitors: 20000, converted: 1200 })!;
    expect(result.sequentialPValue).toBeLessThan(0.05);
    expect(result.sequentialLiftInterval[0]).toBeGreaterThan(0);
  });
});
