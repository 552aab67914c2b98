/** JSON Schema of the `scoring` section of kaoping.config.json (weights, tiers). */
export const scoringConfigSchema = {
  type: 'object',
} as const;
