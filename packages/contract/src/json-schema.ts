/** A JSON Schema (draft 2020-12 subset understood by ajv). Kept loose on purpose: ajv is the judge. */
export type JsonSchema = { readonly [key: string]: unknown };
