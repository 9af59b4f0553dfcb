/**
 * setec's API: the eight `POST /api/…` methods with setec's request pipeline (reference §1.2)
 * and statuses (§1.5), answered in setec's wire format (`wire.ts`) — success and error alike.
 *
 * Pipeline, first failure wins: method (400) → Content-Type (400) → `Sec-X-Tailscale-No-Browsers:
 * setec` (403) → body decode (400) → empty or too long name (400) → value size (413) → the
 * service. The name checks come before the service's access check and audit entry: a name over
 * the limit cannot exist, so refusing it tells nothing, and a caller without grants cannot grow
 * the audit log by more than one bounded entry per request. The platform has already
 * established the caller and capped the body size (413).
 *
 * Errors never reach the platform's renderer: setec's CLI prints error bodies verbatim and its
 * Go client decides by status, so every error is answered here, whatever the `Accept`, as plain
 * text with a trailing newline like Go's `http.Error` (the status and message of each decided in
 * one place, `errors.ts`; pinned by test/apps/secrets/wire-errors.test.ts).
 *
 * One deliberate difference: `Content-Type` may carry parameters (`application/json;
 * charset=utf-8`); setec compares the whole header. The Go client sends the bare type, so it is
 * unaffected.
 *
 * @example
 *   apiRoutes(app, { service, maxValueBytes, maxNameBytes, metrics, log });
 */
import type { Context, Hono } from 'hono';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { AppEnv } from '../../../platform/app.js';
import { formatBytes } from '../../../platform/middleware.js';
import { rawBody } from '../../../platform/request.js';
import { type FailureKind, httpError, SecretsError } from '../errors.js';
import { checkSecretName } from '../names.js';
import type { SecretsService } from '../service.js';
import {
  decodeRequest,
  EMPTY_RESPONSE,
  ENDPOINTS,
  type Endpoint,
  encodeSecretInfo,
  encodeSecretList,
  encodeSecretValue,
  encodeVersion,
  type RequestOf,
} from '../wire.js';

/** What the API needs. */
export interface ApiDeps {
  service: SecretsService;
  maxValueBytes: number;
  /** The longest name, in bytes of UTF-8. */
  maxNameBytes: number;
  metrics: Registry;
  log: Pick<Logger, 'error'>;
}

const JSON_TYPE = 'application/json';

/** Adds setec's API to the app. */
export function apiRoutes(app: Hono<AppEnv>, deps: ApiDeps): void {
  const count = apiCallCounter(deps.metrics);
  for (const endpoint of ENDPOINTS) {
    app.all(`/api/${endpoint}`, async (c) => {
      try {
        const body = await handle(c, endpoint, deps);
        count(endpoint, 'ok');
        c.header('Content-Type', JSON_TYPE);
        return c.body(body, 200);
      } catch (err) {
        const failure = httpError(err);
        count(endpoint, failure.outcome);
        if (failure.status === 500) deps.log.error({ endpoint, err: (err as Error).message }, 'secrets request failed');
        if (failure.status === 304) {
          // An empty string rather than null keeps @hono/node-server on its fast path (a null
          // body builds a full web Response); node sends no body with a 304 either way.
          return new Response('', { status: 304, headers: { 'Content-Type': JSON_TYPE } });
        }
        c.header('Content-Type', 'text/plain; charset=utf-8');
        return c.body(failure.body, failure.status as 400);
      }
    });
  }
}

/** Runs the pipeline for one API call and returns the JSON body; throws to answer an error. */
async function handle(c: Context<AppEnv>, endpoint: Endpoint, deps: ApiDeps): Promise<string> {
  if (c.req.method !== 'POST') throw new SecretsError('method');
  if (!isJson(c.req.header('content-type'))) throw new SecretsError('content-type');
  if (c.req.header('sec-x-tailscale-no-browsers') !== 'setec') throw new SecretsError('no-browsers');
  const raw = await rawBody(c);
  const caller = c.get('caller');
  const { service } = deps;
  const named = <R extends { name: string }>(req: R): R => checkName(req, deps.maxNameBytes);
  switch (endpoint) {
    case 'list':
      decodeRequest('list', raw);
      return encodeSecretList(await service.list(caller));
    case 'get': {
      const req = named(decodeRequest('get', raw));
      const { value, version } = await service.get(caller, req);
      try {
        return encodeSecretValue(value, version);
      } finally {
        value.fill(0);
      }
    }
    case 'info':
      return encodeSecretInfo(await service.info(caller, named(decodeRequest('info', raw)).name));
    case 'put': {
      const req = sized(named(decodeRequest('put', raw)), deps.maxValueBytes);
      return encodeVersion(await service.put(caller, req.name, req.value));
    }
    case 'create-version': {
      const req = sized(named(decodeRequest('create-version', raw)), deps.maxValueBytes);
      await service.createVersion(caller, req.name, req.version, req.value);
      return EMPTY_RESPONSE;
    }
    case 'activate': {
      const req = named(decodeRequest('activate', raw));
      await service.activate(caller, req.name, req.version);
      return EMPTY_RESPONSE;
    }
    case 'delete':
      await service.delete(caller, named(decodeRequest('delete', raw)).name);
      return EMPTY_RESPONSE;
    case 'delete-version': {
      const req = named(decodeRequest('delete-version', raw));
      await service.deleteVersion(caller, req.name, req.version);
      return EMPTY_RESPONSE;
    }
  }
}

/** `application/json`, optionally with parameters; the media type is case-insensitive. */
function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  return contentType.split(';', 1)[0]?.trim().toLowerCase() === JSON_TYPE;
}

/**
 * Refuses an empty secret name (setec answers 500, or 404 after the access check) and one over
 * the configured limit (setec has none; see `names.ts`). A refused put's value is zeroed.
 */
function checkName<R extends { name: string; value?: Uint8Array }>(req: R, maxBytes: number): R {
  try {
    checkSecretName(req.name, maxBytes);
  } catch (err) {
    req.value?.fill(0);
    throw err;
  }
  return req;
}

/** Refuses a value over the configured limit. */
function sized<R extends RequestOf<'put'> | RequestOf<'create-version'>>(req: R, max: number): R {
  if (req.value.length > max) {
    req.value.fill(0);
    throw new SecretsError('too-large', `the limit is ${formatBytes(max)}`);
  }
  return req;
}

/** `tailyard_secrets_api_calls_total{method,outcome}`, with one cached child per label pair. */
function apiCallCounter(registry: Registry): (method: Endpoint, outcome: 'ok' | FailureKind) => void {
  const counter = new Counter({
    name: 'tailyard_secrets_api_calls_total',
    help: 'setec API calls by method and outcome (ok, denied, not-found, not-modified, bad-request, …).',
    labelNames: ['method', 'outcome'] as const,
    registers: [registry],
  });
  const children = new Map<string, { inc(): void }>();
  return (method, outcome) => {
    const key = `${method} ${outcome}`;
    let child = children.get(key);
    if (!child) {
      child = counter.labels(method, outcome);
      children.set(key, child);
    }
    child.inc();
  };
}

