/**
 * Prometheus metrics (prom-client): one registry for the process, with request counts and latency
 * histograms per app and route. Routes are hono's matched patterns, so label cardinality stays
 * bounded whatever paths callers send.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface PlatformMetrics {
  registry: Registry;
  requests: Counter<'app' | 'route' | 'method' | 'status'>;
  duration: Histogram<'app' | 'route' | 'method'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): PlatformMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'tailyard_' });
  const requests = new Counter({
    name: 'tailyard_http_requests_total',
    help: 'HTTP requests by app, route pattern, method and status.',
    labelNames: ['app', 'route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tailyard_http_request_duration_seconds',
    help: 'HTTP request latency by app and route pattern.',
    labelNames: ['app', 'route', 'method'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, requests, duration };
}
