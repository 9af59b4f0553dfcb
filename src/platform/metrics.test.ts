import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';

describe('request metrics', () => {
  it('expose counts per status and a cumulative latency histogram in Prometheus text format', async () => {
    const m = createMetrics({ defaultMetrics: false });
    const s = m.requests.series('links', '/:short', 'GET');
    s.record(302, 0.0004);
    s.record(302, 0.003);
    s.record(404, 2);
    m.requests.series('links', '/.all', 'GET').record(200, 0.01);
    const text = await m.registry.metrics();
    expect(text).toContain('# TYPE tailyard_http_requests_total counter');
    expect(text).toContain('tailyard_http_requests_total{app="links",route="/:short",method="GET",status="302"} 2');
    expect(text).toContain('tailyard_http_requests_total{app="links",route="/:short",method="GET",status="404"} 1');
    expect(text).toContain('# TYPE tailyard_http_request_duration_seconds histogram');
    expect(text).toContain('tailyard_http_request_duration_seconds_bucket{app="links",route="/:short",method="GET",le="0.0005"} 1');
    expect(text).toContain('tailyard_http_request_duration_seconds_bucket{app="links",route="/:short",method="GET",le="0.005"} 2');
    expect(text).toContain('tailyard_http_request_duration_seconds_bucket{app="links",route="/:short",method="GET",le="2.5"} 3');
    expect(text).toContain('tailyard_http_request_duration_seconds_bucket{app="links",route="/:short",method="GET",le="+Inf"} 3');
    expect(text).toContain('tailyard_http_request_duration_seconds_count{app="links",route="/:short",method="GET"} 3');
    expect(text).toMatch(/tailyard_http_request_duration_seconds_sum\{app="links",route="\/:short",method="GET"\} 2\.0034/);
    expect(text).toContain('tailyard_http_requests_total{app="links",route="/.all",method="GET",status="200"} 1');
  });

  it('count a request slower than every bucket only in +Inf', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.requests.series('a', '/', 'GET').record(200, 30);
    const text = await m.registry.metrics();
    expect(text).toContain('tailyard_http_request_duration_seconds_bucket{app="a",route="/",method="GET",le="5"} 0');
    expect(text).toContain('tailyard_http_request_duration_seconds_bucket{app="a",route="/",method="GET",le="+Inf"} 1');
  });
});
