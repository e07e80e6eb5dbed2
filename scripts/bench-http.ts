// The bench's HTTP part: pages as a person gets them, from a production build (`next build`, then
// `next start` on BENCH_PORT against the bench's database), signed in as an admin through next-auth's
// credentials sign-in (csrf token, then the callback), as the sign-in page does.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

const RUNS = 30;

/** Runs `fn` once to warm up, then `runs` times, and returns each run's milliseconds. */
export async function timeRuns(fn: () => Promise<unknown>, runs = 30): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

type View = { label: string; path: string; domain?: number[] };

export async function measureHttp({
  databaseUrl,
  email,
  password,
  views,
  identity,
}: {
  databaseUrl: string;
  email: string;
  password: string;
  views: View[];
  identity: { path: string; domain: number[] };
}): Promise<void> {
  const port = Number(process.env.BENCH_PORT ?? 3200);
  const base = `http://127.0.0.1:${port}`;
  if (process.env.BENCH_BUILD !== "0" || !existsSync(".next/BUILD_ID")) {
    console.log("  over HTTP: next build…");
    const build = spawnSync("npx", ["next", "build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error(`next build failed (${build.status})`);
  }
  const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: "bench-only-secret-bench-only-secret-bench",
      SEED_DEMO_DATA: "false",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  try {
    await waitFor(`${base}/api/health`, server);
    const cookies = await signIn(base, email, password);
    // The server's warm-up (its first renders compile and cache code) is not the first view's figure.
    for (let i = 0; i < 10; i += 1) await timeGet(base + (views[i % views.length]?.path ?? "/registry"), cookies, 0);
    console.log("  over HTTP (next start, signed in; whole response)  p50 ms   p95 ms   domain p50   domain p95");
    for (const view of [...views, { label: "identity page", ...identity }]) {
      const samples = await timeGet(base + view.path, cookies);
      const d = view.domain;
      console.log(
        `  ${view.label.padEnd(50)} ${percentile(samples, 50).toFixed(1).padStart(6)}   ${percentile(samples, 95).toFixed(1).padStart(6)}   ${d ? percentile(d, 50).toFixed(1).padStart(10) : "".padStart(10)}   ${d ? percentile(d, 95).toFixed(1).padStart(10) : ""}`,
      );
    }
    console.log("");
  } finally {
    // The whole process group: npx, next and its workers.
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}

async function waitFor(url: string, server: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within 2 minutes`);
}

/** Cookies as a Cookie header, from every Set-Cookie of a response plus those already held. */
function merge(held: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    held.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
}
const header = (held: Map<string, string>) => [...held].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  merge(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${base}/api/auth/callback/local`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/registry` }),
  });
  merge(jar, callback);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`sign-in as ${email} failed (${callback.status}): ${await callback.text()}`);
  }
  // The session is real: the registry answers 200, not a redirect to sign-in.
  const check = await fetch(`${base}/registry`, { headers: { cookie: header(jar) }, redirect: "manual" });
  if (check.status !== 200) throw new Error(`signed in, yet /registry answered ${check.status}`);
  return header(jar);
}

async function timeGet(url: string, cookie: string, runs = RUNS): Promise<number[]> {
  const get = async () => {
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const body = await response.text(); // the whole page, as the browser receives it
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    return body;
  };
  await get();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await get();
    samples.push(performance.now() - start);
  }
  return samples;
}
