// Contract-test scenarios of GET /adoptions/{petId} (getAdoption).
// This file is yours: design-first created it once and never overwrites it.
// With no requests, test/contract.test.ts sends the blueprint's sample request and accepts any answer
// the blueprint declares. Once the handler is real, list requests that show what it does (and seed the
// data they need): see "Contract tests" in README.md.
import type { Handlers } from '../../../../src/generated/v1/handlers.js';
import type { Scenarios } from '../../../scenario.js';

const scenarios: Scenarios<Handlers['getAdoption']> = {
  requests: [],
};

export default scenarios;
