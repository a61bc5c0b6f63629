import { ACCOUNTS } from './accounts';
import { ERRORS } from './errors';
import { FILE_ANSWERS } from './files';
import { TOKENS_DEVICE_AUTH } from './tokens-device-auth';
import { WORKSPACES_TABLES } from './workspaces-tables';

/**
 * Answers of the hosted Deeplake API (api.deeplake.ai) as public sources show them, and of the
 * bundled server before and after it took the hosted shapes. Each names its source, so it can
 * be checked: the console's readers must take every one of them. Where no public source shows
 * the hosted answer, only the bundled server's is recorded, and its source says so.
 *
 * Sources: docs.deeplake.ai REST reference; activeloopai/deeplake-claude-code-plugins
 * (`src/deeplake-api.ts`, `src/commands/auth.ts`, `tests/claude-code/*`, commit 091e986);
 * activeloopai/memory-deeplake (`src/memory.ts`, `src/index.ts`); the bundled server's routes
 * (server/routes/…). See shared/HOSTED-API.md.
 */
export const RECORDED = {
  ...ACCOUNTS,
  ...WORKSPACES_TABLES,
  ...FILE_ANSWERS,
  ...TOKENS_DEVICE_AUTH,
  ...ERRORS,
};

export { NO_HOSTED_SOURCE, respond, type Recorded } from './types';
