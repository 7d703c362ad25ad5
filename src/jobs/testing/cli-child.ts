/** Runs the spinscope CLI from source (`node --import tsx src/jobs/testing/cli-child.ts worker …`), as tests and benchmarks start worker processes. */
import { run } from '../../cli/main.ts';

await run();
