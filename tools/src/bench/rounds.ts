import { CONNECTIONS, SECONDS } from "./config";
import { type LoadOptions, type LoadResult, measure } from "./load";

export const ROUNDS = 3;
export const ROUND_SECONDS = SECONDS / 2;

export interface Measured extends LoadResult {
  /** The median round's ratio to the bare route measured just before it. */
  ratioToBare: number;
  /** Every round's ratio, lowest first: how far the machine moved during the measurement. */
  ratioRounds?: number[];
  /** The bare route's throughput in the median round. */
  bareRequestsPerSecond?: number;
}

/**
 * This machine's speed moves by half within minutes, so a ratio is taken in rounds: the bare route,
 * then the scenario straight after, three times; the round with the median ratio is kept. Errors of
 * every round count.
 */
export async function againstBare(bareRoute: { name: string; url: string }, scenario: Omit<LoadOptions, "seconds" | "connections">): Promise<Measured> {
  const rounds: Array<{ result: LoadResult; bare: LoadResult; ratio: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bare = await measure({ ...bareRoute, seconds: ROUND_SECONDS, connections: CONNECTIONS });
    const result = await measure({ ...scenario, seconds: ROUND_SECONDS, connections: CONNECTIONS });
    rounds.push({ result, bare, ratio: result.requestsPerSecond / bare.requestsPerSecond });
  }
  rounds.sort((a, b) => a.ratio - b.ratio);
  const median = rounds[Math.floor(ROUNDS / 2)]!;
  return {
    ...median.result,
    errors: rounds.reduce((sum, r) => sum + r.result.errors, 0),
    requests: rounds.reduce((sum, r) => sum + r.result.requests, 0),
    ratioToBare: Number(median.ratio.toFixed(2)),
    ratioRounds: rounds.map((r) => Number(r.ratio.toFixed(2))),
    bareRequestsPerSecond: median.bare.requestsPerSecond,
  };
}
