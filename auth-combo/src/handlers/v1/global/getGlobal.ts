// GET /global: The global requirement applies
// This file is yours: design-first created it once and never overwrites it.
// Until you write the handler, it answers with the blueprint's example (mock mode).
import type { Handlers } from '../../../generated/v1/handlers.js';

export const getGlobal: Handlers['getGlobal'] = async (_request, context) => context.mock();
