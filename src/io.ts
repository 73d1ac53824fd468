/** Where a command writes what people read: standard output and error in the CLI, arrays in tests. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}
