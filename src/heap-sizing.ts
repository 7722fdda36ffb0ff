// The V8 heap sizing opswarden is launched with. V8's defaults size the heap for the machine,
// not the workload: under 8 concurrent clients the young generation grows to 128 MiB and the
// old one is collected lazily, so a server that holds ~100 MiB of live data sits at ~560 MiB
// RSS. These flags keep it under 300 MiB (npm run bench:load -- --built). Flags must reach
// Node before it starts, so every launcher carries them: the `opswarden` command's shebang
// (src/bin.ts, so npx, npm -g and the container), the Claude Desktop bundle's arguments
// (deploy/mcpb/manifest.json); a test holds them to this list. A server started some other
// way says so in its start-up log.

import { getHeapStatistics } from 'node:v8';

export const HEAP_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=320'] as const;

/** Above this heap limit the process was not started with HEAP_FLAGS (V8 picks 2-4 GiB on 64-bit). */
const SIZED_LIMIT_MIB = 512;

export interface HeapSizing {
  limitMiB: number;
  sized: boolean;
}

export function heapSizing(): HeapSizing {
  const limitMiB = Math.round(getHeapStatistics().heap_size_limit / 1_048_576);
  return { limitMiB, sized: limitMiB <= SIZED_LIMIT_MIB };
}

/** What to tell an operator whose shared server runs with V8's default heap. */
export function unsizedHeapAdvice(sizing: HeapSizing): string {
  return (
    `the V8 heap is not sized (limit ${sizing.limitMiB} MiB): under load RSS can pass 500 MiB; ` +
    `start it with the opswarden command, or node ${HEAP_FLAGS.join(' ')}`
  );
}
