/** The examples whose generated services are committed beside their blueprints. */
export const EXAMPLE_SERVICES = [
  { blueprints: ['examples/pets/pets-v1.yaml', 'examples/pets/pets-v2.yaml'], out: 'examples/pets/service' },
  { blueprints: ['examples/apprenticeships/training-providers.yaml'], out: 'examples/apprenticeships/service' },
] as const;
