// The real server in a process of its own (`node --import tsx src/server.ts`), on a free port,
// for what only a process shows: its memory, its stdout, its signals.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { readConfig } from '../../src/config.js';
import type { RunningServer } from '../../src/server.js';
import { startServer } from '../../src/server.js';
import { KEPT_BY_TESTS, validSite } from './fixtures.js';

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  origin: string;
  /** What the server printed on stdout up to the line that says it is listening. */
  startup: string;
  /** Resident memory now, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * Starts the server and waits until it listens. By default its stdout is read and dropped;
 * with `readStdout: false` nothing reads it once the server is up, as with a stalled log
 * shipper: the pipe fills and stays full.
 */
export async function spawnServer(
  env: Record<string, string> = {},
  { readStdout = true }: { readStdout?: boolean } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LAST_GOOD_DIR: KEPT_BY_TESTS,
      ...env,
    },
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
      if (!m) return;
      child.stdout.off('data', onData);
      if (readStdout) child.stdout.resume();
      else child.stdout.pause();
      resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}) early: ${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    port,
    origin: `http://127.0.0.1:${port}`,
    startup: out,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The real server in this process (startServer) on the valid fixture site, with `env` added,
 * its port, and connections to it that are closed when it stops.
 */
export async function startInProcess(env: Record<string, string> = {}): Promise<{
  running: RunningServer;
  port: number;
  /** A connection from `from` (loopback), once open. */
  open: (from?: string) => Promise<Socket>;
  stop: () => Promise<void>;
}> {
  const running = await startServer(
    readConfig({
      CONTENT_DIR: validSite,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ...env,
    }),
  );
  if (!running) throw new Error('the server did not start');
  const port = Number(new URL(running.url).port);
  const sockets: Socket[] = [];
  return {
    running,
    port,
    open: async (from = '127.0.0.1') => {
      const socket = connect({ port, host: '127.0.0.1', localAddress: from });
      sockets.push(socket);
      await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      socket.on('error', () => undefined);
      return socket;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await running.stop();
    },
  };
}
