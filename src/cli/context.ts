/** What a command talks to; the real process in the CLI, buffers in tests. */
export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  stdin: AsyncIterable<Uint8Array>;
  stdoutIsTTY: boolean;
  columns?: number;
}
