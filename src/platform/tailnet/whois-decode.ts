/**
 * Decodes tailscaled's WhoIs answer (`apitype.WhoIsResponse`) into the few fields a Caller needs.
 *
 * Why hand-checked and not zod like the other LocalAPI answers: WhoIs runs on every identity-cache
 * miss, i.e. on the request path of every caller the cache has not seen within its maximum age,
 * and a schema walk over the ~1.7 KB answer cost more than the LocalAPI round trip's own work in
 * Node. This decoder reads only the fields below and checks each one's type; anything missing or
 * of the wrong type throws WhoIsShapeError naming the field, so identity still fails closed (503).
 * Unknown fields are ignored, so newer tailscaleds keep working.
 *
 * Node and user IDs above 2^53 (old tailnets) would lose digits in JSON.parse; only when one is
 * found is the text parsed again with those IDs quoted, so every ID keeps its exact decimal form.
 *
 * @example
 *   const w = decodeWhoIs('{"Node":{"ID":3,"StableID":"n3","Name":"a.ts.net.",...},"UserProfile":{...},"CapMap":null}');
 *   w.Node.Tags // [] (absent or null becomes empty)
 */

/** What tailyard reads of `tailcfg.Node`. */
export interface WhoIsNode {
  ID: number | string;
  StableID: string;
  /** MagicDNS name with the trailing dot. */
  Name: string;
  Key: string;
  /** CIDR form, e.g. `100.64.0.3/32`. */
  Addresses: string[];
  Tags: string[];
  ComputedName: string;
}

/** What tailyard reads of `tailcfg.UserProfile`. */
export interface WhoIsUserProfile {
  ID: number | string;
  LoginName: string;
  DisplayName: string;
  ProfilePicURL: string;
  Groups: string[];
}

export interface WhoIs {
  Node: WhoIsNode;
  UserProfile: WhoIsUserProfile;
  /** Grant capabilities the peer holds towards this node; a null value list becomes `[]`. */
  CapMap: Record<string, unknown[]>;
}

/** The answer does not have the shape tailscaled's WhoIs has. */
export class WhoIsShapeError extends Error {
  override name = 'WhoIsShapeError';
}

/** Parses and checks a WhoIs answer body. Throws WhoIsShapeError (bad JSON or shape). */
export function decodeWhoIs(text: string): WhoIs {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WhoIsShapeError(`response is not JSON: ${text.slice(0, 200)}`);
  }
  const root = obj(value, '(root)');
  const node = obj(root.Node, 'Node');
  const user = obj(root.UserProfile, 'UserProfile');
  if (!safeId(node.ID) || !safeId(user.ID) || (node.User !== undefined && !safeId(node.User))) {
    return decodeWhoIs(text.replace(/"(ID|User)":(\d{16,})/g, '"$1":"$2"'));
  }
  return {
    Node: {
      ID: id(node.ID, 'Node.ID'),
      StableID: str(node.StableID, 'Node.StableID'),
      Name: str(node.Name, 'Node.Name'),
      Key: optStr(node.Key, 'Node.Key'),
      Addresses: strList(node.Addresses, 'Node.Addresses'),
      Tags: strList(node.Tags, 'Node.Tags'),
      ComputedName: optStr(node.ComputedName, 'Node.ComputedName'),
    },
    UserProfile: {
      ID: id(user.ID, 'UserProfile.ID'),
      LoginName: str(user.LoginName, 'UserProfile.LoginName'),
      DisplayName: optStr(user.DisplayName, 'UserProfile.DisplayName'),
      ProfilePicURL: optStr(user.ProfilePicURL, 'UserProfile.ProfilePicURL'),
      Groups: strList(user.Groups, 'UserProfile.Groups'),
    },
    CapMap: capMap(root.CapMap),
  };
}

type Json = Record<string, unknown>;

function fail(path: string, want: string): never {
  throw new WhoIsShapeError(`unexpected response shape at ${path}: expected ${want}`);
}

function obj(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object');
  return v as Json;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string');
  return v;
}

/** An omitted (omitempty) string field is `''`. */
function optStr(v: unknown, path: string): string {
  return v === undefined || v === null ? '' : str(v, path);
}

/** An omitted or null list is `[]`. */
function strList(v: unknown, path: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, 'a list of strings');
  for (const x of v) if (typeof x !== 'string') fail(path, 'a list of strings');
  return v as string[];
}

/** A JSON number that survived parsing exactly, or anything that is not a number (checked later). */
function safeId(v: unknown): boolean {
  return typeof v !== 'number' || Number.isSafeInteger(v);
}

function id(v: unknown, path: string): number | string {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return v;
  fail(path, 'a non-negative integer');
}

function capMap(v: unknown): Record<string, unknown[]> {
  if (v === undefined || v === null) return {};
  const m = obj(v, 'CapMap');
  for (const k in m) {
    const values = m[k];
    if (values === null) m[k] = [];
    else if (!Array.isArray(values)) fail(`CapMap.${k}`, 'a list');
  }
  return m as Record<string, unknown[]>;
}
