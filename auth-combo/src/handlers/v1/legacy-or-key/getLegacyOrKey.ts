// GET /legacy-or-key: An unsupported scheme OR the partner key
// This file is yours: design-first created it once and never overwrites it.
// Until you write the handler, it answers with the blueprint's example (mock mode).
import type { Handlers } from '../../../generated/v1/handlers.js';

export const getLegacyOrKey: Handlers['getLegacyOrKey'] = async (_request, context) =>
  context.mock();
