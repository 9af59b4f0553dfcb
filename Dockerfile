# tailyard in managed mode: one Node process plus one userspace tailscaled per app hostname.
#
#   docker build -t tailyard .
#   docker run -d --name tailyard -e TS_AUTHKEY=tskey-auth-... -v tailyard:/var/lib/tailyard tailyard
#
# Data (SQLite databases, audit logs) and every node's tailscale state live in the volume
# /var/lib/tailyard, so a restarted container keeps its nodes and never needs the auth key again.
# No ports are published: apps are reached over the tailnet only. See docs/tailnet.md.

ARG TAILSCALE_VERSION=v1.98.10

# --- tailscaled / tailscale, built at the pinned version -------------------------------------
FROM golang:1.26-bookworm AS tailscale
ARG TAILSCALE_VERSION
RUN CGO_ENABLED=0 GOBIN=/out go install -trimpath \
      tailscale.com/cmd/tailscaled@${TAILSCALE_VERSION} \
      tailscale.com/cmd/tailscale@${TAILSCALE_VERSION}

# --- the Node app: dependencies (with the native SQLite addon) and the TypeScript build ---------
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here because `prepare` would compile sources not copied yet; the native
# addon is built explicitly instead.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY views ./views
# `npm run build` also bundles the browser code (esbuild, a dev dependency) into dist/static.
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

# --- runtime ----------------------------------------------------------------------------------
FROM node:24-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=tailscale /out/tailscaled /out/tailscale /usr/local/bin/
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/views/static ./views/static
RUN mkdir -p /var/lib/tailyard && chown node:node /var/lib/tailyard && chmod 0700 /var/lib/tailyard
# Userspace networking needs no capabilities, so everything runs as the image's unprivileged user.
USER node
ENV NODE_ENV=production \
    TAILYARD_DATA=/var/lib/tailyard \
    TAILYARD_MODE=managed
VOLUME ["/var/lib/tailyard"]
# /healthz is on the loopback admin listener inside the container: 127.0.0.2 in managed mode,
# where the app nodes' tailscaleds forward nothing.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s \
  CMD ["node", "-e", "fetch('http://127.0.0.2:8079/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# TS_AUTHKEY comes from the environment (or use --auth-key-file with a mounted secret).
CMD ["node", "bin/tailyard.js", "serve", "--mode", "managed", "--data", "/var/lib/tailyard"]
