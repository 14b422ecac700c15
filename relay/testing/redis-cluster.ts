/**
 * A real Redis Cluster for tests and the chaos suite: N masters (and R replicas each) from
 * Debian's redis-server, each in its own temporary directory on free loopback ports
 * (client port and cluster bus port, `cluster-port`), joined with
 * `redis-cli --cluster create`. Resolves once every node reports `cluster_state:ok` and every
 * replica has finished its first sync (`master_link_status:up`): before that, `WAIT` on a
 * master counts no replica (the failover test failed so under the full suite).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, startLocalRedis, type LocalRedis } from '../store/local-redis-server.ts';

const READY_TIMEOUT_MS = 20_000;
const POLL_MS = 100;

export interface RedisCluster {
  /** `127.0.0.1:<port>` of every node (masters and replicas): the seeds a client is given. */
  nodes: string[];
  servers: LocalRedis[];
  stop(): Promise<void>;
}

async function run(command: string, args: string[]): Promise<string> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} exited with ${code}: ${output.slice(-2000)}`);
  return output;
}

/** The node sees the cluster as ok and, if it is a replica, is in sync with its master. */
async function nodeReady(node: string): Promise<boolean> {
  const [host, port] = node.split(':');
  const client = new Redis({ host, port: Number(port), lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    if (!/cluster_state:ok/.test(await client.cluster('INFO'))) return false;
    const replication = await client.info('replication');
    return !/role:slave/.test(replication) || /master_link_status:up/.test(replication);
  } finally {
    client.disconnect();
  }
}

export async function startRedisCluster(masters = 3, replicas = 0): Promise<RedisCluster> {
  const root = mkdtempSync(join(tmpdir(), 'clinic-chat-cluster-'));
  const servers: LocalRedis[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters * (1 + replicas); i += 1) {
      const busPort = await freePort();
      servers.push(
        await startLocalRedis({
          dir: join(root, `node-${i}`),
          extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(busPort), '--cluster-node-timeout', '2000'],
        }),
      );
    }
    const nodes = servers.map((server) => `127.0.0.1:${server.port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', String(replicas), '--cluster-yes']);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await Promise.all(nodes.map(nodeReady))).every(Boolean)) {
      if (Date.now() > deadline) throw new Error('the cluster did not reach cluster_state:ok with its replicas in sync');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return { nodes, servers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
