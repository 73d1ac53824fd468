// GET /pets: List pets
// This file is yours: design-first created it once and never overwrites it.
// Until you write the handler, it answers with the blueprint's example (mock mode).
import type { Handlers } from '../../../generated/v1/handlers.js';

export const listPets: Handlers['listPets'] = async (_request, context) => context.mock();
