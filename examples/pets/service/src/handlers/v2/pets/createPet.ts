// POST /pets: Register a pet
// This file is yours: design-first created it once and never overwrites it.
// Until you write the handler, it answers with the blueprint's example (mock mode).
import type { Handlers } from '../../../generated/v2/handlers.js';

export const createPet: Handlers['createPet'] = async (_request, context) => context.mock();
