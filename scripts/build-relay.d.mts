// Types of build-relay.mjs for TypeScript callers (relay/test/production-start.test.ts).
import type { BuildResult } from 'esbuild';

export function buildRelay(options?: { outdir?: string }): Promise<BuildResult<{ metafile: true }>>;
