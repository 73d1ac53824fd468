/** Where a command writes what people read: standard output and error in the CLI, arrays in tests. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The step a long command is on (a spinner on a terminal; absent in pipes and tests). */
  progress?: (step: string) => void;
  /** The command ended: stop showing progress. */
  done?: () => void;
}
