import { percentile } from './load.ts';

/**
 * Sustained submissions of the public feedback form. Each virtual client is one member of the
 * public after another: a new session walks the whole journey over HTTP exactly as a browser
 * without JavaScript does (every page's POST, with the session cookie and its CSRF token), sends
 * the answers from "Check your answers" and reads the reference on the confirmation page. Only
 * that send (POST /feedback/{ODS}/check, which writes the record) is timed for the percentiles;
 * the rate counts whole journeys, because no submission arrives without one.
 */
export interface SubmissionLoad {
  seconds: number;
  /** Journeys whose send answered 303 and whose confirmation page showed a reference. */
  confirmed: number;
  submissionsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Journeys that went wrong anywhere: a status other than the one expected, or a network error. */
  failures: number;
  /** The first few failures, to say what went wrong. */
  failureSamples: string[];
  /** Every reference a confirmation page showed. */
  references: string[];
}

interface Journey {
  baseUrl: string;
  odsCode: string;
  unitIds: readonly string[];
}

/** The ids of the services the public form offers for `search`, read from its service page. */
export async function publicServiceIds(baseUrl: string, odsCode: string, search: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/feedback/${odsCode}/service?search=${encodeURIComponent(search)}`);
  const html = await response.text();
  const ids = [...html.matchAll(/name="unitId"[^>]*value="([^"]+)"/g)].map((match) => match[1] ?? '');
  if (ids.length === 0) throw new Error(`the public form offers no service matching '${search}'`);
  return ids;
}

/** Runs `clients` members of the public at once for `seconds`, each submitting one journey after another. */
export async function submissionLoad(
  journey: Journey,
  clients: number,
  seconds: number,
): Promise<SubmissionLoad> {
  const latencies: number[] = [];
  const references: string[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let serial = 0;
  const client = async () => {
    while (performance.now() < deadline) {
      serial += 1;
      try {
        const { reference, submitMs } = await submitOnce(journey, serial);
        latencies.push(submitMs);
        references.push(reference);
      } catch (error) {
        failures += 1;
        if (failureSamples.length < 5) failureSamples.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  // Journeys under way at the deadline finish and count: the rate is over the time they took.
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    seconds: elapsedSeconds,
    confirmed: references.length,
    submissionsPerSecond: references.length / elapsedSeconds,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    failures,
    failureSamples,
    references,
  };
}

/** One member of the public's whole journey; returns the reference shown and how long the send took. */
async function submitOnce({ baseUrl, odsCode, unitIds }: Journey, serial: number) {
  const session = new Session(baseUrl);
  const path = (page: string) => `/feedback/${odsCode}/${page}`;
  const kindPage = await session.request('GET', path('kind'), 200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(kindPage)?.[1];
  if (!csrf) throw new Error('the first question page has no CSRF token');
  const answer = (page: string, form: Record<string, string>) =>
    session.request('POST', path(page), 303, new URLSearchParams({ _csrf: csrf, ...form }));

  await answer('kind', { kind: 'complaint' });
  await answer('service', { unitId: unitIds[serial % unitIds.length] ?? '' });
  await answer('what-happened', {
    whatHappened: `Benchmark submission ${serial}: discharged without medication and no plan explained.`,
    'eventDate[day]': '',
    'eventDate[month]': '',
    'eventDate[year]': '',
  });
  await answer('put-right', { putRight: 'An apology and a review of discharge checks.' });
  await answer('about-you', { name: 'Bench Mark', email: 'bench@example.com', replyBy: 'email' });
  await answer('who', { isPatient: 'yes' });
  await session.request('GET', path('check'), 200);

  const sent = performance.now();
  const location = await session.redirectOf('POST', path('check'), new URLSearchParams({ _csrf: csrf }));
  const submitMs = performance.now() - sent;
  if (!location.endsWith('/confirmation')) throw new Error(`sending the answers went to ${location}`);

  const confirmation = await session.request('GET', path('confirmation'), 200);
  const reference = /data-qa="reference">([^<]+)</.exec(confirmation)?.[1]?.trim();
  if (!reference) throw new Error('the confirmation page shows no reference');
  return { reference, submitMs };
}

/** A cookie jar over fetch, as one browser tab. */
class Session {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  /** Sends the request and returns the page's text; throws unless it answered `expected`. */
  async request(method: string, path: string, expected: number, form?: URLSearchParams): Promise<string> {
    const response = await this.send(method, path, form);
    const text = await response.text();
    if (response.status !== expected) {
      throw new Error(`${method} ${path} answered ${response.status}, not ${expected}`);
    }
    return text;
  }

  /** Sends the request and returns where its 303 points. */
  async redirectOf(method: string, path: string, form?: URLSearchParams): Promise<string> {
    const response = await this.send(method, path, form);
    await response.arrayBuffer();
    if (response.status !== 303) throw new Error(`${method} ${path} answered ${response.status}, not 303`);
    return response.headers.get('location') ?? '';
  }

  private async send(method: string, path: string, form?: URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    };
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: form?.toString(),
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }
}
