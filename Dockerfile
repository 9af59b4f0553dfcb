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

# --- the Node app: the release bundle (`npm run release`), installed as a user installs it ----------
FROM node:24-bookworm AS build
# The commit `tailyard --version` names: the build context has no .git
# (docker build --build-arg TAILYARD_COMMIT=$(git rev-parse --short=12 HEAD) .).
ARG TAILYARD_COMMIT=unknown
WORKDIR /src
COPY package.json package-lock.json ./
# Scripts are skipped here because `prepare` would compile sources not copied yet; building the
# release needs no native addon (the installed release builds its own below).
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json README.md CHANGELOG.md ./
COPY bin ./bin
COPY src ./src
COPY views ./views
COPY scripts ./scripts
RUN TAILYARD_COMMIT=${TAILYARD_COMMIT} npm run release
# The packed release into an empty directory: tailyard plus better-sqlite3 (the one dependency,
# its addon compiled or downloaded for this image's Node), nothing else.
WORKDIR /app
RUN echo '{ "private": true }' > package.json \
 && npm install --omit=dev --no-audit --no-fund /src/release/tailyard-*.tgz

# --- runtime ----------------------------------------------------------------------------------
FROM node:24-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=tailscale /out/tailscaled /out/tailscale /usr/local/bin/
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
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
CMD ["node", "node_modules/tailyard/bin/tailyard.js", "serve", "--mode", "managed", "--data", "/var/lib/tailyard"]
