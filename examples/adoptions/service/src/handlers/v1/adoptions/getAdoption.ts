// GET /adoptions/{petId}: Whether a pet can be adopted
// This file is yours: design-first created it once and never overwrites it.
// Until you write the handler, it answers with the blueprint's example (mock mode).
import type { Handlers } from '../../../generated/v1/handlers.js';

export const getAdoption: Handlers['getAdoption'] = async (_request, context) => context.mock();
