export {
  buildServer, DEFAULT_BODY_LIMIT, DEFAULT_INGEST_BODY_LIMIT, DEFAULT_INGEST_RATE_PER_MINUTE, type BuildServerOptions,
} from './build-server.js';
export {
  createApiToken, generateTokenText, hashToken, revokeApiToken, scopeOf as tokenScopeOf, tokenInfo, TOKEN_ROLES, type TokenInfo, type TokenRequest,
} from './auth/api-token.js';
export type { Caller } from './auth/caller.js';
export type { DashboardFiles } from './static/dashboard-routes.js';
export { ingestPushed, type PushedReport, type RecordOutcome } from './services/ingest-pushed.js';
