/**
 * Prometheus metrics: one prom-client registry for the process (apps register their own metrics
 * on it), plus the platform's request counts and latency histograms per app and route. Routes are
 * hono's matched patterns, so label cardinality stays bounded whatever paths callers send.
 *
 * The request metrics are recorded by `RequestSeries`, a small accumulator that prom-client reads
 * at scrape time, instead of prom-client's own Counter/Histogram: those hash the label set on
 * every `inc`/`observe` (children included), which on a small request cost as much as the handler.
 * Here the hot path is one Map lookup by a string key and a few additions.
 *
 * @example
 *   const m = createMetrics();
 *   m.requests.series('links', '/:short', 'GET').record(302, 0.0004);
 *   await m.registry.metrics(); // includes tailyard_http_requests_total{app="links",...} 1
 */
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';

/** Latency buckets, in seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

type Labels = { app: string; route: string; method: string };

/** What prom-client's registry reads from a metric at scrape time. */
interface SampleValue {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

interface Collector {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: string; aggregator: 'sum'; values: SampleValue[] }>;
}

/** One (app, route, method) series: counts per status and a latency histogram. */
export class RequestSeries {
  readonly byStatus = new Map<number, number>();
  readonly buckets = new Float64Array(BUCKETS.length);
  sum = 0;
  count = 0;

  constructor(readonly labels: Labels) {}

  record(status: number, seconds: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    this.sum += seconds;
    this.count++;
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= (BUCKETS[i] as number)) {
        this.buckets[i] = (this.buckets[i] as number) + 1;
        break;
      }
    }
  }
}

/** The request metrics of every app, exposed as a counter and a histogram. */
export class RequestMetrics {
  private readonly all = new Map<string, RequestSeries>();

  /** The series for a label set (created on first use); keep it if you record often. */
  series(app: string, route: string, method: string): RequestSeries {
    const key = `${app} ${route} ${method}`;
    let s = this.all.get(key);
    if (!s) {
      s = new RequestSeries({ app, route, method });
      this.all.set(key, s);
    }
    return s;
  }

  /** prom-client metric objects, read at scrape time. */
  collectors(): Collector[] {
    const collector = (name: string, help: string, type: Collector['type'], values: () => SampleValue[]): Collector => ({
      name,
      help,
      type,
      aggregator: 'sum',
      get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
    });
    const series = () => [...this.all.values()];
    return [
      collector('tailyard_http_requests_total', 'HTTP requests by app, route pattern, method and status.', 'counter', () =>
        series().flatMap((s) => [...s.byStatus].map(([status, value]) => ({ labels: { ...s.labels, status }, value }))),
      ),
      collector('tailyard_http_request_duration_seconds', 'HTTP request latency by app and route pattern.', 'histogram', () =>
        series().flatMap((s) => histogramValues('tailyard_http_request_duration_seconds', s)),
      ),
    ];
  }
}

function histogramValues(name: string, s: RequestSeries): SampleValue[] {
  const out: SampleValue[] = [];
  let cumulative = 0;
  BUCKETS.forEach((le, i) => {
    cumulative += s.buckets[i] as number;
    out.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le }, value: cumulative });
  });
  out.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
  out.push({ metricName: `${name}_sum`, labels: s.labels, value: s.sum });
  out.push({ metricName: `${name}_count`, labels: s.labels, value: s.count });
  return out;
}

export interface PlatformMetrics {
  registry: Registry;
  requests: RequestMetrics;
  /** Requests refused with 421 because their Host names no name of the app (see `hosts.ts`). */
  misdirected: Counter<'app'>;
  /** Runs of an app's scheduled task that failed (see `schedule.ts`). */
  scheduledFailures: Counter<'app' | 'task'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): PlatformMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'tailyard_' });
  const requests = new RequestMetrics();
  for (const c of requests.collectors()) registry.registerMetric(c as unknown as Parameters<Registry['registerMetric']>[0]);
  const misdirected = new Counter({
    name: 'tailyard_http_misdirected_total',
    help: 'Requests refused with 421 because their Host header names none of the app\'s names.',
    labelNames: ['app'],
    registers: [registry],
  });
  const scheduledFailures = new Counter({
    name: 'tailyard_scheduled_task_failures_total',
    help: "Runs of an app's scheduled task that failed (each is logged with the task's name).",
    labelNames: ['app', 'task'],
    registers: [registry],
  });
  return { registry, requests, misdirected, scheduledFailures };
}
