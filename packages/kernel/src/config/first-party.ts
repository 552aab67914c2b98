/** What a kernel loads when there is no kaoping.config.json (or it names no plugins/adapters). */
export const FIRST_PARTY_PLUGINS: readonly string[] = Object.freeze([
  '@kaoping/plugin-on-time-rate',
  '@kaoping/plugin-overdue-open',
  '@kaoping/plugin-workload',
  '@kaoping/plugin-enforcement-error-rate',
  '@kaoping/plugin-taxpayer-satisfaction',
  '@kaoping/plugin-revenue-plan',
  '@kaoping/plugin-document-timeliness',
  '@kaoping/plugin-supervision-completion',
  '@kaoping/plugin-attendance',
  '@kaoping/plugin-organisational-life',
  '@kaoping/plugin-study-credits',
  '@kaoping/plugin-sanction-tier-rule',
  '@kaoping/plugin-promotion-gate',
]);

export const FIRST_PARTY_ADAPTERS: readonly string[] = Object.freeze([
  '@kaoping/adapter-hr',
  '@kaoping/adapter-tax-collection',
  '@kaoping/adapter-party-affairs',
  '@kaoping/adapter-gov-affairs',
]);
