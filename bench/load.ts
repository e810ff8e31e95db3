import autocannon from 'autocannon';

export interface LoadResult {
  p50Ms: number;
  p95Ms: number;
  requestsPerSecond: number;
  responses: number;
  /** Responses other than 200, connection errors and timeouts. */
  failures: number;
}

/** Sends GET `url` from `connections` connections for `seconds` seconds, with the session cookie. */
export function loadTest(
  url: string,
  cookie: string,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let notOk = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, headers: { cookie } },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          p50Ms: percentile(latencies, 50),
          p95Ms: percentile(latencies, 95),
          requestsPerSecond: latencies.length / result.duration,
          responses: latencies.length,
          failures: notOk + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
      else notOk += 1;
    });
  });
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}
