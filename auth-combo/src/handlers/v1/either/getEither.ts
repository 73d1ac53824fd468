// GET /either: A bearer token AND a partner key, OR an oauth2 token with things.read
// This file is yours: design-first created it once and never overwrites it.
// Until you write the handler, it answers with the blueprint's example (mock mode).
import type { Handlers } from '../../../generated/v1/handlers.js';

export const getEither: Handlers['getEither'] = async (_request, context) => context.mock();
