import autocannon, { type Request as LoadRequest } from "autocannon";

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
}

export interface LoadOptions {
  name: string;
  url: string;
  method?: "GET" | "POST" | "PATCH";
  /** Builds each request's path, headers or body, e.g. to spread writes over many carts. */
  request?: () => { path?: string; headers?: Record<string, string>; body?: string };
  seconds: number;
  connections: number;
}

/** A latency as the bench reports it: to a tenth of a millisecond. */
export const tenths = (ms: number) => Math.round(ms * 10) / 10;

/** The p-th percentile (0–100) of values sorted in ascending order; 0 for none. */
export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A closed-loop load with autocannon; latencies are recorded per response for exact percentiles. */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (err: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      method: options.method ?? "GET",
      connections: options.connections,
      duration: options.seconds,
      requests: options.request
        ? [{ setupRequest: (req: LoadRequest): LoadRequest => ({ ...req, ...options.request!(), method: options.method ?? "GET" }) }]
        : undefined,
    },
    (err, result) => (err ? fail(err) : finish(result)),
  );
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 400) errors++;
    latencies.push(ms);
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    name: options.name,
    requestsPerSecond: Math.round(result.requests.total / options.seconds),
    p50: tenths(percentile(latencies, 50)),
    p95: tenths(percentile(latencies, 95)),
    p99: tenths(percentile(latencies, 99)),
    errors: errors + result.errors + result.timeouts,
    requests: result.requests.total,
  };
}
