import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Runs the `heard` command exactly as an operator would, from this checkout. */
const heardBin = fileURLToPath(new URL('../bin/heard.js', import.meta.url));
const startTimeoutMs = 60_000;

export type Environment = Record<string, string>;

/** Runs `heard <args>` to completion; rejects with its output if it fails or takes too long. */
export function runHeard(args: string[], env: Environment, timeoutMs = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [heardBin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`heard ${args.join(' ')} failed (exit ${code}):\n${output}`));
    });
  });
}

export interface RunningServer {
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawning the process to the first 200 from GET /sign-in. */
  coldStartMs: number;
  stop(): Promise<void>;
}

/** Spawns `heard serve` on a free port of 127.0.0.1 and waits for its sign-in page. */
export async function startServer(env: Environment): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [heardBin, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    // Request logs go nowhere, as they would to a log shipper that keeps up.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`heard serve exited (${code}) before serving:\n${errors}`)),
    ),
  );
  await Promise.race([firstOk(`${baseUrl}/sign-in`), exited]);
  const coldStartMs = performance.now() - spawnedAt;
  child.removeAllListeners('exit');
  if (child.pid === undefined) throw new Error('heard serve has no process id');
  return { pid: child.pid, baseUrl, coldStartMs, stop: () => stopProcess(child) };
}

async function firstOk(url: string): Promise<void> {
  const deadline = performance.now() + startTimeoutMs;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(20);
  }
  throw new Error(`${url} did not answer 200 within ${startTimeoutMs / 1000} seconds`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process in megabytes, from Linux's /proc; null elsewhere. */
export function residentMegabytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kilobytes ? Number(kilobytes) / 1024 : null;
  } catch {
    return null;
  }
}

/** Signs in through the sign-in form, as a browser does, and returns the session's cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const form = await fetch(`${baseUrl}/sign-in`);
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('the sign-in page has no CSRF token');
  const submitted = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  await submitted.arrayBuffer();
  if (submitted.status !== 303) throw new Error(`signing in as ${email} answered ${submitted.status}`);
  keep(submitted);
  const home = await fetch(`${baseUrl}/`, { headers: { cookie: cookieHeader() }, redirect: 'manual' });
  await home.arrayBuffer();
  if (home.status !== 200) throw new Error(`the home page answered ${home.status} after signing in`);
  return cookieHeader();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
