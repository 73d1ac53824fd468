/** The examples whose generated services are committed beside their blueprints. */
export const EXAMPLE_SERVICES = [
  { blueprints: ['examples/pets/pets-v1.yaml', 'examples/pets/pets-v2.yaml'], out: 'examples/pets/service' },
  { blueprints: ['examples/apprenticeships/training-providers.yaml'], out: 'examples/apprenticeships/service' },
  // An outer API calling the pets API as an upstream (--upstream): its typed client and the outbound-call runtime.
  { blueprints: ['examples/adoptions/adoptions.yaml'], upstreams: ['pets=examples/pets/pets-v1.yaml'], out: 'examples/adoptions/service' },
] as const;
