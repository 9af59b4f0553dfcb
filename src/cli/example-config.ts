/**
 * The commented example printed by `tailyard config example` (HuJSON: comments and trailing
 * commas allowed): platform settings, `serve` (how each app is hosted) and `apps` (each app's
 * own settings). A test checks that it validates, so it cannot drift from the schema.
 */
export const EXAMPLE_CONFIG = `// tailyard configuration (HuJSON: JSON with comments and trailing commas).
// Every key can also be set with --set path=value or TAILYARD__PATH__TO__KEY=value.
{
  // "dev" (loopback only, a local dev identity), "managed" (one tailscaled per app
  // hostname, owned by tailyard) or "host" (the machine's own tailscaled).
  "mode": "dev",

  // Where each app keeps its SQLite database, audit log and key files.
  "dataDir": "./data",

  "dev": {
    // The dev caller's login (default: <os user>@localhost). Flag: --dev-login.
    // "login": "alice@example.com",

    // A JSON file {"capName": [values...]} that replaces the dev caller's capabilities
    // (default: full access to every app). Flag: --dev-caps.
    // "capsFile": "./dev-caps.json",
  },

  // /healthz and /metrics; loopback only. Default 127.0.0.1:8079, and 127.0.0.2:8079 in managed
  // mode (tailscaled forwards tailnet connections for unserved ports to 127.0.0.1).
  // "admin": { "listen": "127.0.0.2:8079" },

  // Log format: "auto" writes readable lines on a terminal and JSON anywhere else (a file, a
  // pipe, journald); "json" or "pretty" forces one (flag: --log-format).
  "log": { "level": "info", "format": "auto" },

  // How long in-flight requests may run on shutdown (ms).
  "shutdownGraceMs": 10000,

  // Apps from outside: ES modules whose default export is defineApp(...) from tailyard/app,
  // relative to this file (docs/apps.md). Flag: --app FILE. Their sections go in serve and apps.
  // "plugins": ["./notes.mjs"],

  // Every app's hash-chained audit log (<dataDir>/<app>.audit.db): at most keepBytes of entries
  // are kept per app (or keepEntries entries); the oldest sixteenth goes when the log is full, so
  // export it first (tailyard audit export) if entries must be kept longer. (maxFileBytes and
  // keepFiles, the keys of the JSON Lines files of earlier versions, still work.)
  "audit": { "keepBytes": 1073741824 },

  // Continuous replication of every database and audit log with Litestream v0.5.18 (off unless
  // url is set): <app>.db goes to <url>/<app>.db. A write is in the replica within about
  // monitorIntervalMs + syncIntervalMs. Credentials: credentialsFile (KEY=VALUE lines, 0600) or
  // the environment (LITESTREAM_ACCESS_KEY_ID, LITESTREAM_SECRET_ACCESS_KEY, …); never in the URL.
  // Removed pastes and secrets stay in the replica until retentionSeconds have passed.
  // "replicate": {
  //   "url": "s3://tailyard-backups/prod",
  //   "endpoint": "https://s3.example.net",
  //   "credentialsFile": "/etc/tailyard/replica.env",
  //   "litestream": "/usr/local/bin/litestream",
  //   "monitorIntervalMs": 1000,
  //   "syncIntervalMs": 1000,
  //   "snapshotIntervalSeconds": 86400,
  //   "retentionSeconds": 86400,
  // },

  // Managed and host modes.
  "tailnet": {
    "controlURL": "https://controlplane.tailscale.com",
    // The auth key; or "authKeyFile", or the TS_AUTHKEY environment variable.
    // "authKeyFile": "/run/secrets/ts-authkey",
    "advertiseTags": ["tag:tailyard"],
    "ephemeral": false,
    // Path of tailscaled (managed mode); default: found on PATH.
    "tailscaled": "tailscaled",
    // The machine's tailscaled socket (host mode).
    "socket": "/var/run/tailscale/tailscaled.sock",
    // How long a WhoIs answer may be reused (ms): a changed grant can take this long to apply.
    "whoisCacheMs": 1000,
    // Go runtime knobs for each managed tailscaled (GOGC; GOMEMLIMIT, e.g. "96MiB"); null: Go's default.
    "goGC": 50,
    "goMemLimit": null,
  },

  // How each app is hosted: enabled, hostname, devHost, devPort, hostPort, backendPort, funnel,
  // capName, extraHosts. (Configs written before this section kept these keys under "apps";
  // they still work, with a warning naming the new key.) Flag: --<app>-port sets devPort.
  "serve": {
    "links": {
      "hostname": "go",
      "devPort": 8080,
      // Grant capability name (Headscale needs a non-tailscale.com name, e.g. example.com/cap/golink).
      "capName": "tailscale.com/cap/golink",
    },
    "paste": {
      "hostname": "paste",
      "devPort": 8081,
      // tclip's capability name; Headscale needs another, e.g. example.com/cap/tclip.
      "capName": "tailscale.com/cap/tclip",
    },
    "secrets": { "hostname": "setec", "devPort": 8082, "capName": "tailscale.com/cap/secrets" },
    // The SQL console also takes tailsql's own "hostname" (apps.sql.hostname) as this default.
    "sql": { "hostname": "tailsql", "devPort": 8083, "capName": "tailscale.com/cap/tailsql" },
    "idp": {
      "hostname": "idp",
      "devPort": 8084,
      // Headscale accepts this tailscale.com name (tsidp's), unlike the other apps' names.
      "capName": "tailscale.com/cap/tsidp",
    },
  },

  // Each app's own settings.
  "apps": {
    "links": {
      // Serve links read-only (flag: --links-readonly).
      "readonly": false,
    },
    "paste": {
      // "tclip": every tailnet user may paste, list and read; "grants": the capability decides
      // ({"all": {"admin", "list", "read", "delete"}, "user": {"write", "read", "list"}}).
      "policy": "tclip",
      // Largest paste in bytes (413 above it), and lifetimes: 1h, 1d, 1w, 30d or never.
      "maxBytes": 10485760,
      "defaultExpiry": "never",
      "maxExpiry": "never",
      // Hide who pasted from anonymous Funnel viewers (with serve.paste.funnel: true).
      "hideFunnelUsers": false,
      // Paste creations per caller.
      "rateLimit": { "perMinute": 60, "burst": 30 },
    },
    "secrets": {
      // Longest secret name, in bytes of UTF-8 (at most 8192); longer names are refused with 400.
      "maxNameBytes": 1024,
    },
    "sql": {
      // A tailsql config file, used unchanged (flag: --sql-config); keys set here win over it.
      // "configFile": "/etc/tailsql.hujson",
      // Or tailsql's keys right here (driver sqlite or postgres; url, keyFile, or a secret from
      // the secrets app, which then needs "appGrants": {"sql": [{"action": ["get"], "secret": [...]}]}).
      // "sources": [
      //   {"source": "main", "label": "Main", "driver": "sqlite", "url": "file:/srv/app/main.db?mode=ro"},
      //   {"source": "prod", "label": "Prod", "driver": "postgres", "secret": "prod/db-url", "timeout": "10s"},
      // ],
      "queryTimeout": "30s",
      // Rows the console shows, and at most how many bytes of values (a larger first value is
      // shown cut; downloads always stream the whole result), and an announced export cap (0: none).
      "uiRows": 500,
      "uiBytes": 16777216,
      "maxRows": 0,
      // tailyard's own databases as read-only sources (the views the apps offer: "links",
      // "paste"), for callers with an explicit grant. Unset: both in dev mode, none otherwise.
      // "appSources": ["links", "paste"],
    },
    "idp": {
      // The issuer (default: https://<idp FQDN> with tailnet certificates, http://… without,
      // http://127.0.0.1:8084 in dev mode). Relying parties must use exactly this URL.
      // "issuer": "https://idp.tail1234.ts.net",
      // RFC 8693 token exchange (tsidp's -enable-sts). Flag: --idp-enable-sts.
      "enableSts": false,
      // Who may call /introspect: any tailnet node ("tailnet", as tsidp) or only clients with credentials.
      "introspection": "tailnet",
      // Add email_verified: true to the email claim (tsidp users set it with extraClaims instead).
      "emailVerified": false,
      // Signing keys rotate on this schedule; the next key is published a full period ahead.
      "keyRotationDays": 90,
      // The key-encryption key sealing the signing keys: a 0600 file, never in backups
      // (default <dataDir>/idp.key), or {"provider": "aws-kms", "keyArn": "arn:aws:kms:…"}.
      "kek": { "provider": "local" },
    },
  },
}
`;
