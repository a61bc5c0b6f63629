/** The public sources of shared/HOSTED-API.md, as the recorded answers name them. */
export const DOCS_REST = 'https://docs.deeplake.ai/latest/reference/rest-api/';
export const DOCS_INGESTION = 'https://docs.deeplake.ai/latest/reference/ingestion/';
export const HIVEMIND = 'activeloopai/deeplake-claude-code-plugins';
export const HIVEMIND_AUTH = `${HIVEMIND} src/commands/auth.ts`;
export const HIVEMIND_API = `${HIVEMIND} src/deeplake-api.ts`;
export const HIVEMIND_TESTS = `${HIVEMIND} tests/claude-code/*`;
export const MEMORY_DEEPLAKE = 'activeloopai/memory-deeplake src/memory.ts, src/index.ts';
