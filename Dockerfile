# syntax=docker/dockerfile:1
# Multi-stage build: `build` compiles with dev dependencies, `test` adds the servers the test suite
# starts itself, `runtime` carries only production dependencies and the compiled output.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts are not needed to build (optional native speed-ups fall back to JavaScript).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json jest.config.js eslint.config.mjs schema.gql ./
COPY src ./src
COPY migrations ./migrations
COPY test ./test
# The typed client: the end-to-end test imports its generated documents and wrapper.
COPY clients ./clients
RUN npm run build

FROM build AS test
# The suite's fault tests start private redis-server processes of their own.
RUN apt-get update && apt-get install -y --no-install-recommends redis-server postgresql-client \
    && rm -rf /var/lib/apt/lists/*
CMD ["npm", "test"]

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# A larger young generation: GraphQL answers allocate many short-lived objects, and V8's default
# 16 MiB semi-space made the API spend a fifth of its CPU in scavenges (bench:graphql-read, README).
ENV NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema.gql ./
USER node
EXPOSE 3000
# GET /metrics for Prometheus (METRICS_PORT); keep it off the public network.
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
