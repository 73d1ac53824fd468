/** Commands report their exit code here; yargs handlers cannot return one. */
export const exitCodeBox = { value: 0 };
